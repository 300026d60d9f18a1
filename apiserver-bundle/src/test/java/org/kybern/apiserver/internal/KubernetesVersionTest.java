package org.kybern.apiserver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.version.Info;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class KubernetesVersionTest {

    @Test
    void reportsTheServedKubernetesVersionWithKybernAsBuildMetadata() {
        Info info = KubernetesVersion.info("v1.32.0", "0.1.0.SNAPSHOT", "2026-11-25T00:00:00Z");
        assertEquals("1", info.getMajor());
        assertEquals("32", info.getMinor());
        assertEquals("v1.32.0+kybern-0.1.0.SNAPSHOT", info.getGitVersion());
    }

    @Test
    void serialisesEveryFieldKubectlReadsWithKubernetesNames() {
        JsonMapper json = JsonMapper.builder().build();
        JsonNode node = json.readTree(json.writeValueAsString(
                KubernetesVersion.info("v1.32.0", "0.1.0", "2026-11-25T00:00:00Z")));
        for (String field : new String[] {"major", "minor", "gitVersion", "gitCommit", "gitTreeState",
                "buildDate", "goVersion", "compiler", "platform"}) {
            assertTrue(node.has(field), "version.Info has " + field + ": " + node);
        }
        assertTrue(node.get("platform").asString().contains("/"));
    }

    @Test
    void refusesSomethingThatIsNotAKubernetesVersion() {
        assertThrows(IllegalArgumentException.class, () -> KubernetesVersion.info("latest", "0.1.0", ""));
        assertThrows(IllegalArgumentException.class, () -> KubernetesVersion.info(null, "0.1.0", ""));
        assertThrows(IllegalArgumentException.class, () -> KubernetesVersion.info("v1.x.0", "0.1.0", ""));
    }
}
