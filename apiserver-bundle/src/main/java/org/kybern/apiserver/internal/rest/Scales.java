package org.kybern.apiserver.internal.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The {@code scale} subresource: a workload's replicas as an {@code autoscaling/v1} Scale. */
final class Scales {

    private Scales() {
    }

    /** The Scale of a deployment or replica set. */
    static ObjectNode of(ObjectNode workload, JsonMapper json) {
        ObjectNode scale = json.createObjectNode();
        scale.put("kind", "Scale");
        scale.put("apiVersion", "autoscaling/v1");
        ObjectNode meta = scale.putObject("metadata");
        JsonNode source = workload.path("metadata");
        for (String field : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            if (source.has(field)) {
                meta.set(field, source.get(field));
            }
        }
        scale.putObject("spec").put("replicas", workload.path("spec").path("replicas").asInt(1));
        ObjectNode status = scale.putObject("status");
        status.put("replicas", workload.path("status").path("replicas").asInt(0));
        List<String> selector = new ArrayList<>();
        for (Map.Entry<String, JsonNode> label : workload.path("spec").path("selector").path("matchLabels").properties()) {
            selector.add(label.getKey() + "=" + label.getValue().asString(""));
        }
        status.put("selector", String.join(",", selector));
        return scale;
    }

    /** The workload with the Scale's replicas, keeping a resourceVersion the Scale names as precondition. */
    static JsonNode apply(JsonNode workload, JsonNode scale) {
        JsonNode replicas = scale.path("spec").path("replicas");
        if (!replicas.isIntegralNumber() || replicas.asInt() < 0) {
            throw new ApiException(422, "Invalid", "Scale is invalid: spec.replicas: Invalid value: " + replicas
                    + ": must be greater than or equal to 0");
        }
        ObjectNode updated = (ObjectNode) workload.deepCopy();
        updated.withObjectProperty("spec").put("replicas", replicas.asInt());
        JsonNode version = scale.path("metadata").path("resourceVersion");
        if (version.isString() && !version.asString().isEmpty()) {
            updated.withObjectProperty("metadata").put("resourceVersion", version.asString());
        }
        return updated;
    }
}
