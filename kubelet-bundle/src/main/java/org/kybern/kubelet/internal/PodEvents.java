package org.kybern.kubelet.internal;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.ExecutorService;
import org.kybern.client.EventRecorder;

/**
 * The kubelet's Events about pods and their containers ({@code kubectl describe pod}): Pulled, Created,
 * Started, Killing, Unhealthy, BackOff, Failed. Written in the background and counted up when repeated,
 * by {@link EventRecorder}.
 */
final class PodEvents {

    private final EventRecorder recorder;

    PodEvents(KubernetesClient client, String nodeName, ExecutorService writer) {
        this.recorder = new EventRecorder(client, "kubelet", nodeName, writer);
    }

    void normal(Pod pod, String container, String reason, String message) {
        recorder.record(pod, fieldPath(container), "Normal", reason, message);
    }

    void warning(Pod pod, String container, String reason, String message) {
        recorder.record(pod, fieldPath(container), "Warning", reason, message);
    }

    private static String fieldPath(String container) {
        return container == null ? null : "spec.containers{" + container + "}";
    }
}
