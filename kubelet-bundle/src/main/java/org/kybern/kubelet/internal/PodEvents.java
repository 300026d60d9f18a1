package org.kybern.kubelet.internal;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's Events about pods ({@code kubectl describe pod}): Pulled, Created, Started,
 * Killing, Unhealthy, BackOff, Failed. Written in the background, so a sync never waits for them;
 * the same event again within 10 minutes counts up the first one, as Kubernetes' recorder does.
 */
final class PodEvents {

    private static final Logger LOG = LoggerFactory.getLogger(PodEvents.class);
    private static final Duration AGGREGATE_WITHIN = Duration.ofMinutes(10);
    private static final int REMEMBERED = 4096;

    private record Recorded(String name, int count, Instant first) {
    }

    private final KubernetesClient client;
    private final String nodeName;
    private final ExecutorService writer;
    private final Map<String, Recorded> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Recorded> eldest) {
            return size() > REMEMBERED;
        }
    };

    PodEvents(KubernetesClient client, String nodeName, ExecutorService writer) {
        this.client = client;
        this.nodeName = nodeName;
        this.writer = writer;
    }

    void normal(Pod pod, String container, String reason, String message) {
        record(pod, container, "Normal", reason, message);
    }

    void warning(Pod pod, String container, String reason, String message) {
        record(pod, container, "Warning", reason, message);
    }

    private void record(Pod pod, String container, String type, String reason, String message) {
        Instant now = Instant.now();
        String key = pod.getMetadata().getUid() + "/" + container + "/" + reason + "/" + message;
        Recorded before;
        Recorded next;
        synchronized (recent) {
            before = recent.get(key);
            if (before != null && Duration.between(before.first(), now).compareTo(AGGREGATE_WITHIN) < 0) {
                next = new Recorded(before.name(), before.count() + 1, before.first());
            } else {
                before = null;
                next = new Recorded(pod.getMetadata().getName() + "." + Long.toHexString(System.nanoTime()), 1, now);
            }
            recent.put(key, next);
        }
        Recorded recorded = next;
        boolean update = before != null;
        try {
            writer.execute(() -> write(pod, container, type, reason, message, recorded, update, now));
        } catch (RejectedExecutionException e) {
            LOG.debug("Event {} of pod {} not written: the kubelet is stopping", reason, pod.getMetadata().getName());
        }
    }

    private void write(Pod pod, String container, String type, String reason, String message, Recorded recorded,
            boolean update, Instant now) {
        String ns = pod.getMetadata().getNamespace();
        String stamp = PodStatusComputer.time(now);
        try {
            if (update) {
                client.v1().events().inNamespace(ns).withName(recorded.name()).edit(e -> {
                    e.setCount(recorded.count());
                    e.setLastTimestamp(stamp);
                    return e;
                });
                return;
            }
            Event event = new EventBuilder().withNewMetadata().withName(recorded.name()).withNamespace(ns).endMetadata()
                    .withNewInvolvedObject().withApiVersion("v1").withKind("Pod").withNamespace(ns)
                    .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid())
                    .withFieldPath(container == null ? null : "spec.containers{" + container + "}").endInvolvedObject()
                    .withType(type).withReason(reason).withMessage(message).withCount(1)
                    .withFirstTimestamp(stamp).withLastTimestamp(stamp)
                    .withNewSource().withComponent("kubelet").withHost(nodeName).endSource()
                    .withReportingComponent("kubelet").withReportingInstance(nodeName).build();
            client.v1().events().inNamespace(ns).resource(event).create();
        } catch (RuntimeException e) {
            LOG.debug("Event {} of pod {}/{} not written: {}", reason, ns, pod.getMetadata().getName(), e.toString());
        }
    }
}
