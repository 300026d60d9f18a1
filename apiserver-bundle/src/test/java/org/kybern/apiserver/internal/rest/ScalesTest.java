package org.kybern.apiserver.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ScalesTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final ObjectNode deployment = (ObjectNode) json.readTree("""
            {"metadata":{"name":"web","namespace":"shop","resourceVersion":"7","labels":{"x":"y"}},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web","tier":"front"}}},
             "status":{"replicas":2}}""");

    @Test
    void aScaleShowsReplicasAndTheSelector() {
        JsonNode scale = Scales.of(deployment, json);
        assertEquals("autoscaling/v1", scale.get("apiVersion").asString());
        assertEquals(3, scale.get("spec").get("replicas").asInt());
        assertEquals(2, scale.get("status").get("replicas").asInt());
        assertEquals("app=web,tier=front", scale.get("status").get("selector").asString());
        assertEquals("7", scale.get("metadata").get("resourceVersion").asString());
        assertEquals(false, scale.get("metadata").has("labels"));
    }

    @Test
    void applyingAScaleChangesOnlyTheReplicas() {
        JsonNode scaled = Scales.apply(deployment, json.readTree("{\"spec\":{\"replicas\":5}}"));
        assertEquals(5, scaled.get("spec").get("replicas").asInt());
        assertEquals(deployment.get("spec").get("selector"), scaled.get("spec").get("selector"));
        assertEquals(422, assertThrows(ApiException.class,
                () -> Scales.apply(deployment, json.readTree("{\"spec\":{\"replicas\":-1}}"))).code());
        assertEquals(422, assertThrows(ApiException.class,
                () -> Scales.apply(deployment, json.readTree("{\"spec\":{\"replicas\":\"many\"}}"))).code());
    }
}
