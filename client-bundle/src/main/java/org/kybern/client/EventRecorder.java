package org.kybern.client;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Kubernetes Events about objects ({@code kubectl describe}, {@code kubectl get events}) as a
 * component: written on the given executor, so the caller never waits for them; the same event again
 * (same object, field, type, reason and message) within ten minutes counts up the first one instead of
 * adding another, as Kubernetes' recorder does. Events about cluster-scoped objects (nodes) go to the
 * {@code default} namespace, as in Kubernetes. A write that fails is logged at debug and dropped: events
 * are best effort.
 */
public final class EventRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    /** Kubernetes' aggregation window for repeated events. */
    public static final Duration AGGREGATE_WITHIN = Duration.ofMinutes(10);
    private static final int REMEMBERED = 4096;

    private record Recorded(String name, int count, Instant first) {
    }

    private final KubernetesClient client;
    private final String component;
    private final String host;
    private final Executor writer;
    private final Clock clock;
    private long lastStamp;
    private final Map<String, Recorded> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Recorded> eldest) {
            return size() > REMEMBERED;
        }
    };

    /**
     * @param component the reporting component, as Kubernetes names it ({@code kubelet},
     *                  {@code default-scheduler}, {@code replicaset-controller} …)
     * @param host      the node the component runs for, or null
     * @param writer    where the writes run, in order (one thread); the caller owns it
     */
    public EventRecorder(KubernetesClient client, String component, String host, Executor writer) {
        this(client, component, host, writer, Clock.systemUTC());
    }

    EventRecorder(KubernetesClient client, String component, String host, Executor writer, Clock clock) {
        this.client = client;
        this.component = component;
        this.host = host;
        this.writer = writer;
        this.clock = clock;
    }

    /** A Normal event about {@code object}. */
    public void normal(HasMetadata object, String reason, String message) {
        record(object, null, "Normal", reason, message);
    }

    /** A Warning event about {@code object}. */
    public void warning(HasMetadata object, String reason, String message) {
        record(object, null, "Warning", reason, message);
    }

    /**
     * An event about a part of {@code object}, such as {@code spec.containers{web}}.
     *
     * @param fieldPath the part, or null for the whole object
     * @param type      {@code Normal} or {@code Warning}
     */
    public void record(HasMetadata object, String fieldPath, String type, String reason, String message) {
        Write write = plan(object, fieldPath, type, reason, message);
        try {
            writer.execute(() -> write(write));
        } catch (RejectedExecutionException e) {
            LOG.debug("Event {} about {} not written: {} is stopping", reason, object.getMetadata().getName(), component);
        }
    }

    /**
     * What one write does: create {@code event}, or (when null, a repeat) set the count of the event named
     * {@code name} in {@code namespace} to {@code count} and its last timestamp to {@code at}.
     */
    record Write(String namespace, String name, Event event, int count, Instant at) {
    }

    /** Decides whether this event is new or a repeat, and remembers it. */
    Write plan(HasMetadata object, String fieldPath, String type, String reason, String message) {
        Instant precise = clock.instant();
        Instant now = precise.truncatedTo(ChronoUnit.SECONDS);
        String key = object.getMetadata().getUid() + "/" + fieldPath + "/" + type + "/" + reason + "/" + message;
        Recorded recorded;
        boolean repeat;
        synchronized (recent) {
            Recorded before = recent.get(key);
            repeat = before != null && Duration.between(before.first(), now).compareTo(AGGREGATE_WITHIN) < 0;
            if (repeat) {
                recorded = new Recorded(before.name(), before.count() + 1, before.first());
            } else {
                // Kubernetes' name: the object's, then the time in hex nanoseconds (kept unique here).
                lastStamp = Math.max(lastStamp + 1, precise.getEpochSecond() * 1_000_000_000L + precise.getNano());
                recorded = new Recorded(object.getMetadata().getName() + "." + Long.toHexString(lastStamp), 1, now);
            }
            recent.put(key, recorded);
        }
        Event event = repeat ? null : event(object, fieldPath, type, reason, message, recorded.name(), now);
        return new Write(namespaceOf(object), recorded.name(), event, recorded.count(), now);
    }

    /** The namespace the event about {@code object} lives in. */
    static String namespaceOf(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return namespace == null || namespace.isEmpty() ? "default" : namespace;
    }

    private Event event(HasMetadata object, String fieldPath, String type, String reason, String message, String name,
            Instant now) {
        String stamp = now.toString();
        return new EventBuilder().withNewMetadata().withName(name).withNamespace(namespaceOf(object)).endMetadata()
                .withNewInvolvedObject().withApiVersion(object.getApiVersion()).withKind(object.getKind())
                .withNamespace(object.getMetadata().getNamespace()).withName(object.getMetadata().getName())
                .withUid(object.getMetadata().getUid()).withResourceVersion(object.getMetadata().getResourceVersion())
                .withFieldPath(fieldPath).endInvolvedObject()
                .withType(type).withReason(reason).withMessage(message).withCount(1)
                .withFirstTimestamp(stamp).withLastTimestamp(stamp)
                .withNewSource().withComponent(component).withHost(host).endSource()
                .withReportingComponent(component).withReportingInstance(host == null ? component : host).build();
    }

    private void write(Write write) {
        try {
            if (write.event() != null) {
                client.v1().events().inNamespace(write.namespace()).resource(write.event()).create();
                return;
            }
            client.v1().events().inNamespace(write.namespace()).withName(write.name()).edit(e -> {
                e.setCount(Math.max(write.count(), e.getCount() == null ? 0 : e.getCount()));
                e.setLastTimestamp(write.at().toString());
                return e;
            });
        } catch (RuntimeException e) {
            LOG.debug("Event {}/{} not written: {}", write.namespace(), write.name(), e.toString());
        }
    }
}
