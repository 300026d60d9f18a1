package org.kybern.apiserver.internal.rest;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The pod subresources that write: {@code binding} (the scheduler's) and {@code eviction}. */
final class Pods {

    static final ResourceType PODS = ResourceTypes.find("", "v1", "pods").orElseThrow();
    private static final ResourceType BINDINGS = new ResourceType("", "v1", "bindings", "binding", "Binding", true,
            List.of(), List.of());

    private final ObjectStore objects;
    private final JsonMapper json;
    private final Clock clock;

    Pods(ObjectStore objects, JsonMapper json, Clock clock) {
        this.objects = objects;
        this.json = json;
        this.clock = clock;
    }

    /**
     * {@code POST pods/<name>/binding}: assigns the pod to the binding's node in one
     * compare-and-swap write, as Kubernetes' BindingREST: 409 if the pod already has a node or is
     * being deleted. Answers 201 with a success Status.
     */
    ObjectNode bind(String namespace, String name, ObjectNode binding, boolean dryRun) {
        kind(binding, List.of("v1"), "Binding");
        JsonNode meta = binding.path("metadata");
        if (!meta.path("name").asString("").equals(name)) {
            throw ApiException.badRequest("name in URL does not match name in Binding object");
        }
        String targetKind = binding.path("target").path("kind").asString("");
        String node = binding.path("target").path("name").asString("");
        List<ObjectStore.Cause> causes = new ArrayList<>();
        if (!targetKind.isEmpty() && !targetKind.equals("Node")) {
            causes.add(new ObjectStore.Cause("FieldValueNotSupported", "target.kind", "Unsupported value: \"" + targetKind
                    + "\": supported values: \"Node\", \"<empty>\""));
        }
        if (node.isEmpty()) {
            causes.add(new ObjectStore.Cause("FieldValueRequired", "target.name", "Required value"));
        }
        if (!causes.isEmpty()) {
            throw new ObjectStore.InvalidException(BINDINGS, name, causes);
        }
        String uid = meta.path("uid").asString("");
        String resourceVersion = meta.path("resourceVersion").asString("");
        objects.patch(PODS, namespace, name, current -> {
            ObjectNode pod = (ObjectNode) current;
            ObjectNode podMeta = (ObjectNode) pod.get("metadata");
            if (!uid.isEmpty() && !uid.equals(podMeta.path("uid").asString(""))) {
                throw cannotBind(name, "Precondition failed: UID in precondition: " + uid + ", UID in object meta: "
                        + podMeta.path("uid").asString(""));
            }
            if (podMeta.has("deletionTimestamp")) {
                throw cannotBind(name, "pod " + name + " is being deleted, cannot be assigned to a host");
            }
            String assigned = pod.path("spec").path("nodeName").asString("");
            if (!assigned.isEmpty()) {
                throw cannotBind(name, "pod " + name + " is already assigned to node \"" + assigned + "\"");
            }
            if (!pod.path("spec").path("schedulingGates").isEmpty()) {
                throw cannotBind(name, "pod " + name + " has non-empty .spec.schedulingGates");
            }
            if (!resourceVersion.isEmpty()) {
                podMeta.put("resourceVersion", resourceVersion);
            }
            pod.withObjectProperty("spec").put("nodeName", node);
            for (Map.Entry<String, JsonNode> a : meta.path("annotations").properties()) {
                podMeta.withObjectProperty("annotations").set(a.getKey(), a.getValue());
            }
            scheduled(pod.withObjectProperty("status"));
            return pod;
        }, ObjectStore.Part.ALL, dryRun);
        return success(201);
    }

    /**
     * {@code POST pods/<name>/eviction}: deletes the pod with the eviction's deleteOptions.
     * PodDisruptionBudgets are not served yet, so no budget can refuse it (Kubernetes would answer
     * 429 when one does). Answers 201 with a success Status.
     */
    ObjectNode evict(String namespace, String name, ObjectNode eviction, boolean dryRun) {
        kind(eviction, List.of("policy/v1", "policy/v1beta1"), "Eviction");
        if (!eviction.path("metadata").path("name").asString("").equals(name)) {
            throw ApiException.badRequest("name in URL does not match name in Eviction object");
        }
        JsonNode options = eviction.get("deleteOptions");
        DeleteOptions delete = DeleteOptions.parse(options == null || options.isNull() ? null : options, q -> null);
        objects.delete(PODS, namespace, name, delete.withDryRun(dryRun || delete.dryRun()));
        return success(201);
    }

    private void scheduled(ObjectNode status) {
        ArrayNode conditions = status.withArrayProperty("conditions");
        ObjectNode condition = null;
        for (JsonNode c : conditions) {
            if (c.path("type").asString("").equals("PodScheduled")) {
                condition = (ObjectNode) c;
            }
        }
        if (condition == null) {
            condition = conditions.addObject();
            condition.put("type", "PodScheduled");
        }
        if (!condition.path("status").asString("").equals("True")) {
            condition.put("lastTransitionTime", Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
        }
        condition.put("status", "True");
        condition.putNull("lastProbeTime");
    }

    private ObjectNode success(int code) {
        return Statuses.of("Success").put("code", code);
    }

    private static void kind(ObjectNode body, List<String> apiVersions, String kind) {
        String apiVersion = body.path("apiVersion").asString("");
        String given = body.path("kind").asString("");
        if (!given.isEmpty() && !given.equals(kind)) {
            throw ApiException.badRequest("the body must be a " + kind + ", not " + given);
        }
        if (!apiVersion.isEmpty() && !apiVersions.contains(apiVersion)) {
            throw ApiException.badRequest("a " + kind + " of apiVersion " + apiVersion + " is not served; use "
                    + String.join(" or ", apiVersions));
        }
    }

    private static ApiException cannotBind(String name, String why) {
        return new ApiException(409, "Conflict", "Operation cannot be fulfilled on pods/binding \"" + name + "\": " + why);
    }
}
