package org.kybern.apiserver.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TablesTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void agesAreWrittenAsKubernetesWritesThem() {
        assertEquals("0s", Tables.humanDuration(Duration.ofMillis(-500)));
        assertEquals("45s", Tables.humanDuration(Duration.ofSeconds(45)));
        assertEquals("119s", Tables.humanDuration(Duration.ofSeconds(119)));
        assertEquals("5m10s", Tables.humanDuration(Duration.ofSeconds(310)));
        assertEquals("5m", Tables.humanDuration(Duration.ofMinutes(5)));
        assertEquals("42m", Tables.humanDuration(Duration.ofMinutes(42)));
        assertEquals("3h5m", Tables.humanDuration(Duration.ofMinutes(185)));
        assertEquals("30h", Tables.humanDuration(Duration.ofHours(30)));
        assertEquals("2d5h", Tables.humanDuration(Duration.ofHours(53)));
        assertEquals("400d", Tables.humanDuration(Duration.ofDays(400)));
        assertEquals("3y10d", Tables.humanDuration(Duration.ofDays(365 * 3 + 10)));
    }

    @Test
    void onlyTheV1TableIsRecognised() {
        assertTrue(Tables.requested("application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;"
                + "v=v1beta1;g=meta.k8s.io,application/json"));
        assertFalse(Tables.requested("application/json"));
        assertFalse(Tables.requested("application/json;as=Table;v=v1beta1;g=meta.k8s.io"));
        assertFalse(Tables.requested(null));
    }

    @Test
    void aDeploymentListHasKubectlsColumnsWithWideOnesAtPriorityOne() {
        ResourceType deployments = ResourceTypes.find("apps", "v1", "deployments").orElseThrow();
        JsonNode list = json.readTree("""
                {"metadata":{"resourceVersion":"7"},"items":[{"metadata":{"name":"web"},
                 "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
                   "template":{"spec":{"containers":[{"name":"c","image":"busybox"}]}}},
                 "status":{"readyReplicas":2,"updatedReplicas":3,"availableReplicas":2}}]}""");
        JsonNode table = new Tables(json).table(deployments, list, "None");
        assertEquals("7", table.get("metadata").get("resourceVersion").asString());
        assertEquals("[\"web\",\"2/3\",3,2,\"<unknown>\",\"c\",\"busybox\",\"app=web\"]",
                json.writeValueAsString(table.get("rows").get(0).get("cells")));
        assertEquals(1, table.get("columnDefinitions").get(5).get("priority").asInt());
        assertFalse(table.get("rows").get(0).has("object"));
    }
}
