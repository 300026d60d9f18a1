package org.kybern.client.internal;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.StandardHttpRequest;
import java.io.EOFException;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP/1.1 connection of an {@link InProcessHttpClient} over an {@link InProcessConnector}'s
 * endpoint: one request at a time, its response parsed by Jetty's {@link HttpParser} (chunked bodies
 * such as a watch's included) and its body handed to fabric8's consumer one part per demand, as the
 * JDK client does; the connection goes back to its pool once a response has been read to the end.
 *
 * <p>Everything that changes the connection's state (a request sent, bytes to read, demand, a cancel, a
 * timeout) is an action run one at a time, in order, by whichever thread brings the next while none
 * runs ({@link #act}): no lock is held while fabric8's consumer or a future's dependants run, and an
 * action those bring (more demand, the next request on this connection) runs right after. Reading is
 * started on the client's receiving threads ({@link ClientThreads#receivingPool()}), never on the
 * server's thread that wrote the bytes.
 *
 * <p>While no part of a body is wanted, nothing is read: the server's writes then wait once the pipe's
 * capacity is full, as a socket's would.
 */
final class InProcessConnection {

    /** Where a connection goes after its response, or when it ends. */
    interface Pool {
        void release(InProcessConnection connection);

        void discard(InProcessConnection connection);
    }

    private static final Logger LOG = LoggerFactory.getLogger(InProcessConnection.class);
    private static final int READ_BUFFER_BYTES = 16 * 1024;
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final EndPoint endPoint;
    private final Executor receiving;
    private final Pool pool;
    private final HttpParser parser = new HttpParser(new Parsed(), MAX_HEADER_BYTES);
    private final ByteBuffer buffer = BufferUtil.allocate(READ_BUFFER_BYTES);
    private final Queue actions = new Queue();

    // Touched by actions only.
    private Exchange exchange;
    private List<ByteBuffer> parsing;
    private boolean interested;
    private boolean eof;
    private boolean closed;

    private final Callback readable = new Callback() {
        @Override
        public void succeeded() {
            receive(InProcessConnection.this::readable);
        }

        @Override
        public void failed(Throwable failure) {
            receive(() -> close(failure));
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING; // it only hands the reading to a receiving thread
        }
    };

    InProcessConnection(EndPoint endPoint, Executor receiving, Pool pool) {
        this.endPoint = endPoint;
        this.receiving = receiving;
        this.pool = pool;
    }

    /** Sends {@code request} on this idle connection; its response, when its head has arrived, completes the future. */
    CompletableFuture<HttpResponse<AsyncBody>> send(StandardHttpRequest request, byte[] head, byte[] body,
            AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        Exchange sent = new Exchange(request, consumer);
        act(() -> start(sent, head, body));
        Duration timeout = request.getTimeout();
        if (timeout != null && !timeout.isZero() && !timeout.isNegative()) {
            // A timer the response's head cancels (orTimeout's task is removed once its future completes).
            CompletableFuture<Void> timer = new CompletableFuture<Void>().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
            timer.whenComplete((ignored, expired) -> {
                if (expired != null) {
                    act(() -> timeOut(sent, timeout));
                }
            });
            sent.response.whenComplete((response, failure) -> timer.complete(null));
        }
        return sent.response;
    }

    /** Whether this connection can still carry a request (the server has not closed it). */
    boolean isOpen() {
        return endPoint.isOpen() && !endPoint.isInputShutdown();
    }

    /** Closes the connection; a response under way fails. */
    void close() {
        act(() -> close(new EOFException("the connection was closed by the client")));
    }

    // --- actions -------------------------------------------------------------------------------------

    private void start(Exchange sent, byte[] head, byte[] body) {
        if (closed) {
            sent.fail(new IOException("the in-process connection to the API server was closed"));
            return;
        }
        exchange = sent;
        parser.reset();
        parser.setHeadResponse("HEAD".equals(sent.request.method()));
        ByteBuffer[] buffers = body.length == 0 ? new ByteBuffer[] {ByteBuffer.wrap(head)}
                : new ByteBuffer[] {ByteBuffer.wrap(head), ByteBuffer.wrap(body)};
        endPoint.write(Callback.from(Callback.InvocationType.NON_BLOCKING, () -> { },
                failure -> act(() -> close(failure))), buffers);
        interest();
    }

    /** The endpoint has bytes (or the end) to read: the fill interest is spent. */
    private void readable() {
        interested = false;
        read();
    }

    private void read() {
        while (!closed) {
            if (exchange != null && exchange.waiting()) {
                return; // resumed by demand
            }
            if (eof) {
                close(new EOFException("the API server closed the connection"));
                return;
            }
            if (!buffer.hasRemaining()) {
                int filled;
                try {
                    filled = endPoint.fill(buffer);
                } catch (IOException e) {
                    close(e);
                    return;
                }
                if (filled < 0) {
                    eof = true;
                    if (exchange != null) {
                        parser.atEOF(); // a body that ends with the connection ends here
                        parser.parseNext(BufferUtil.EMPTY_BUFFER);
                        collect(exchange);
                        deliver(exchange);
                    }
                    continue; // a complete response still waiting for demand is delivered first
                }
                if (filled == 0) {
                    interest();
                    return;
                }
            }
            if (exchange == null) {
                close(new IOException("the API server sent bytes on an idle connection"));
                return;
            }
            parse();
        }
    }

    /** Parses what the buffer holds, up to the end of the current response. */
    private void parse() {
        Exchange current = exchange;
        while (current != null && exchange == current && buffer.hasRemaining() && !closed) {
            parser.parseNext(buffer);
            collect(current);
            deliver(current);
            if (current.waiting()) {
                return;
            }
        }
    }

    /** The body bytes the parser found since the last call: one part for the consumer. */
    private void collect(Exchange current) {
        if (parsing != null) {
            current.parts.add(parsing);
            parsing = null;
        }
    }

    /** Hands the exchange's parts to its consumer as far as it asked for them; finishes the exchange once all are. */
    private void deliver(Exchange current) {
        if (!current.headed) {
            return;
        }
        while (current.demand > 0 && !current.parts.isEmpty() && !current.done.isDone() && exchange == current) {
            current.demand--;
            try {
                current.consumer.consume(current.parts.poll(), current);
            } catch (Exception e) {
                close(e); // fails the exchange
                return;
            }
        }
        if (current.complete && current.parts.isEmpty() && exchange == current) {
            exchange = null;
            boolean reusable = !current.closes && !eof && !closed && !current.done.isDone();
            if (reusable) {
                interest(); // an idle connection still notices the server closing it
                pool.release(this);
            } else {
                close(new EOFException("the response closed the connection"));
            }
            current.done.complete(null);
        }
    }

    private void demand(Exchange current) {
        if (current != exchange || current.done.isDone()) {
            return;
        }
        current.demand++;
        deliver(current);
        if (exchange == current && !current.waiting() && (buffer.hasRemaining() || !interested)) {
            read(); // bytes read before the demand came, or nothing waiting for more
        }
    }

    private void cancel(Exchange current) {
        current.done.cancel(false);
        if (current == exchange) {
            close(new EOFException("the response body was cancelled"));
        }
    }

    private void timeOut(Exchange current, Duration timeout) {
        if (current == exchange && !current.response.isDone()) {
            close(new HttpTimeoutException("no response from the API server within " + timeout));
        }
    }

    private void interest() {
        if (!interested && !closed) {
            interested = true;
            endPoint.fillInterested(readable);
        }
    }

    private void close(Throwable failure) {
        if (closed) {
            return;
        }
        closed = true;
        endPoint.close();
        pool.discard(this);
        Exchange current = exchange;
        exchange = null;
        if (current != null) {
            current.fail(failure);
        }
    }

    private void act(Runnable action) {
        actions.run(action);
    }

    /** Runs the action on a receiving thread; when the client is closed (its threads gone) on this one. */
    private void receive(Runnable action) {
        try {
            receiving.execute(() -> act(action));
        } catch (RejectedExecutionException closedClient) {
            act(action);
        }
    }

    /** Actions run one at a time, in order, on the thread of whoever finds none running. */
    private static final class Queue {
        private final ConcurrentLinkedQueue<Runnable> queued = new ConcurrentLinkedQueue<>();
        private final AtomicInteger count = new AtomicInteger();

        void run(Runnable action) {
            queued.add(action);
            if (count.getAndIncrement() != 0) {
                return; // the thread running actions runs this one next
            }
            do {
                try {
                    queued.poll().run();
                } catch (RuntimeException | Error e) {
                    LOG.error("An in-process API connection action failed", e);
                }
            } while (count.decrementAndGet() != 0);
        }
    }

    // --- the response being read -----------------------------------------------------------------------

    /** What the parser found, added to the current exchange. */
    private final class Parsed implements HttpParser.ResponseHandler {
        @Override
        public void startResponse(HttpVersion version, int status, String reason) {
            exchange.code = status;
        }

        @Override
        public void parsedHeader(HttpField field) {
            exchange.headers.computeIfAbsent(field.getName(), name -> new ArrayList<>(1)).add(field.getValue());
            if (field.getHeader() == HttpHeader.CONNECTION && field.contains(HttpHeaderValue.CLOSE.asString())) {
                exchange.closes = true;
            }
        }

        @Override
        public boolean headerComplete() {
            Exchange current = exchange;
            current.headed = true;
            current.response.complete(current);
            return false;
        }

        @Override
        public boolean content(ByteBuffer content) {
            if (parsing == null) {
                parsing = new ArrayList<>(2);
            }
            parsing.add(BufferUtil.copy(content));
            return false;
        }

        @Override
        public boolean contentComplete() {
            return false;
        }

        @Override
        public boolean messageComplete() {
            exchange.complete = true;
            return true;
        }

        @Override
        public void earlyEOF() {
            // close() fails the exchange
        }
    }

    /** One request and its response: the response's head and body as fabric8 takes them. */
    private final class Exchange implements HttpResponse<AsyncBody>, AsyncBody {
        private final StandardHttpRequest request;
        private final AsyncBody.Consumer<List<ByteBuffer>> consumer;
        private final CompletableFuture<HttpResponse<AsyncBody>> response = new CompletableFuture<>();
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private final Deque<List<ByteBuffer>> parts = new ArrayDeque<>();
        private int code;
        private boolean headed;
        private boolean complete;
        private long demand;
        /** The server closes the connection after this response ({@code Connection: close}). */
        private boolean closes;

        Exchange(StandardHttpRequest request, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
            this.request = request;
            this.consumer = consumer;
        }

        /** Whether reading waits for demand: parts are read but not yet wanted. */
        boolean waiting() {
            return headed && demand == 0 && !parts.isEmpty();
        }

        void fail(Throwable failure) {
            if (!response.completeExceptionally(failure)) {
                done.completeExceptionally(failure);
            }
        }

        @Override
        public void consume() {
            act(() -> demand(this));
        }

        @Override
        public CompletableFuture<Void> done() {
            return done;
        }

        @Override
        public void cancel() {
            act(() -> InProcessConnection.this.cancel(this));
        }

        @Override
        public int code() {
            return code;
        }

        @Override
        public AsyncBody body() {
            return this;
        }

        @Override
        public HttpRequest request() {
            return request;
        }

        @Override
        public Optional<HttpResponse<?>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public List<String> headers(String key) {
            return Collections.unmodifiableList(headers.getOrDefault(key, List.of()));
        }

        @Override
        public Map<String, List<String>> headers() {
            return Collections.unmodifiableMap(headers);
        }
    }
}
