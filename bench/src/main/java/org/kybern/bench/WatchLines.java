package org.kybern.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One open {@code ?watch=true} stream of pods in a namespace. Each line is stamped with the time
 * it arrived and queued unparsed, so a thousand streams arriving at once are stamped before any
 * of them is parsed.
 */
final class WatchLines implements Flow.Subscriber<String> {

    private record Line(long receivedNanos, String text) {
    }

    /** One event of the stream: when its line arrived ({@link System#nanoTime()}), its type and object. */
    record Event(long receivedNanos, String type, JsonNode object) {
        String name() {
            return object.path("metadata").path("name").asString("");
        }
    }

    /** Queued when the stream ends, so a waiting reader stops waiting. */
    private static final Line END = new Line(0, null);

    private final BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
    private final JsonMapper json;
    private final String namespace;
    private volatile Flow.Subscription subscription;
    private volatile Throwable failure;
    private CompletableFuture<HttpResponse<Void>> response;
    private boolean ended;

    private WatchLines(JsonMapper json, String namespace) {
        this.json = json;
        this.namespace = namespace;
    }

    /**
     * Opens the watch. Kybern sends the response head with the first event, so the request is
     * only known to be registered once an event written after it has arrived ({@link #awaitAdded}).
     */
    static WatchLines open(HttpClient client, ApiConnection api, JsonMapper json, String namespace) {
        return open(client, api, json, namespace, 300);
    }

    /** As {@link #open(HttpClient, ApiConnection, JsonMapper, String)}, the server ending it after {@code timeoutSeconds}. */
    static WatchLines open(HttpClient client, ApiConnection api, JsonMapper json, String namespace, int timeoutSeconds) {
        WatchLines watch = new WatchLines(json, namespace);
        HttpRequest request = api.request("/api/v1/namespaces/" + namespace + "/pods?watch=true&timeoutSeconds="
                + timeoutSeconds).GET().build();
        watch.response = client.sendAsync(request, BodyHandlers.fromLineSubscriber(watch));
        return watch;
    }

    /**
     * When the ADDED event of pod {@code name} arrived ({@link System#nanoTime()}), skipping
     * other events; {@code -1} when it has not arrived by {@code deadlineNanos}.
     */
    long awaitAdded(String name, long deadlineNanos) throws InterruptedException {
        return awaitEvent(name, "ADDED", (type, object) -> type.equals("ADDED"), deadlineNanos);
    }

    /**
     * When the first event of pod {@code name} that {@code wanted} accepts arrived
     * ({@link System#nanoTime()}), skipping other events; {@code -1} when none arrived by
     * {@code deadlineNanos}. {@code what} names the event for errors.
     */
    long awaitEvent(String name, String what, BiPredicate<String, JsonNode> wanted, long deadlineNanos)
            throws InterruptedException {
        try {
            for (Event event = next(deadlineNanos); event != null; event = next(deadlineNanos)) {
                if (name.equals(event.name()) && wanted.test(event.type(), event.object())) {
                    return event.receivedNanos();
                }
            }
            return -1;
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + " (before pod " + name + " was " + what + ")", e);
        }
    }

    /**
     * The next event, or {@code null} when none arrived by {@code deadlineNanos}. Throws when the
     * stream reports an error or has ended.
     */
    Event next(long deadlineNanos) throws InterruptedException {
        Line line = ended ? END : lines.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (line == null) {
            return null;
        }
        if (line == END) {
            ended = true;
            HttpResponse<Void> head = response.getNow(null);
            throw new IllegalStateException("the watch of " + namespace + " ended"
                    + (head != null ? " (HTTP " + head.statusCode() + ")" : "") + (failure != null ? ": " + failure : ""));
        }
        JsonNode event = json.readTree(line.text());
        String type = event.path("type").asString("");
        if (type.equals("ERROR")) {
            throw new IllegalStateException("the watch of " + namespace + " ended with an error: " + event);
        }
        return new Event(line.receivedNanos(), type, event.path("object"));
    }

    void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        response.cancel(true);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String text) {
        lines.add(new Line(System.nanoTime(), text));
    }

    @Override
    public void onError(Throwable t) {
        failure = t;
        lines.add(END);
    }

    @Override
    public void onComplete() {
        lines.add(END);
    }
}
