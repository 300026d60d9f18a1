package org.kybern.scheduler.internal;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.kybern.client.EventRecorder;

/**
 * What the scheduler writes to the API server, each asynchronously so the next pod is scheduled
 * meanwhile: the binding ({@code POST pods/<name>/binding}), and for a pod that fits nowhere a
 * FailedScheduling event (counted up when repeated) and the condition PodScheduled=False, reason
 * Unschedulable.
 */
final class ClusterWriter {

    /** What answered a write: its HTTP code and, on failure, Kubernetes' Status message. */
    record Outcome(int code, String message) {
        boolean ok() {
            return code >= 200 && code < 300;
        }
    }

    private final KubernetesClient client;
    private final HttpClient http;
    private final String base;
    private final EventRecorder events;

    ClusterWriter(KubernetesClient client, EventRecorder events) {
        this.client = client;
        this.http = client.getHttpClient();
        this.base = client.getMasterUrl().toString().replaceAll("/$", "");
        this.events = events;
    }

    /** Binds the pod to the node, with its UID as precondition so a pod recreated under the same name is not bound. */
    CompletableFuture<Outcome> bind(Pod pod, String node) {
        Map<String, Object> binding = new LinkedHashMap<>();
        binding.put("apiVersion", "v1");
        binding.put("kind", "Binding");
        binding.put("metadata", Map.of("name", pod.getMetadata().getName(), "namespace", pod.getMetadata().getNamespace(),
                "uid", pod.getMetadata().getUid()));
        binding.put("target", Map.of("apiVersion", "v1", "kind", "Node", "name", node));
        return send(http.newHttpRequestBuilder().uri(podPath(pod) + "/binding")
                .post("application/json", Serialization.asJson(binding)).build());
    }

    /** Tells the pod's owner why it waits: the FailedScheduling event and the PodScheduled condition. */
    CompletableFuture<Outcome> unschedulable(Pod pod, String message) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", "PodScheduled");
        condition.put("status", "False");
        condition.put("lastProbeTime", null);
        condition.put("lastTransitionTime", now);
        condition.put("reason", "Unschedulable");
        condition.put("message", message);
        String patch = Serialization.asJson(Map.of("status", Map.of("conditions", List.of(condition))));
        events.warning(pod, "FailedScheduling", message);
        return send(http.newHttpRequestBuilder().uri(podPath(pod) + "/status")
                .patch("application/strategic-merge-patch+json", patch).build());
    }

    private CompletableFuture<Outcome> send(HttpRequest request) {
        return http.sendAsync(request, String.class).thenApply(ClusterWriter::outcome);
    }

    private static Outcome outcome(HttpResponse<String> response) {
        if (response.isSuccessful()) {
            return new Outcome(response.code(), "");
        }
        String message = response.body();
        try {
            Object parsed = Serialization.unmarshal(message, Map.class).get("message");
            if (parsed != null) {
                message = parsed.toString();
            }
        } catch (RuntimeException e) {
            // not a Status: keep the body as it is
        }
        return new Outcome(response.code(), message);
    }

    private String podPath(Pod pod) {
        return base + "/api/v1/namespaces/" + pod.getMetadata().getNamespace() + "/pods/" + pod.getMetadata().getName();
    }

    /** The client this writer uses (for reads the engine makes). */
    KubernetesClient client() {
        return client;
    }
}
