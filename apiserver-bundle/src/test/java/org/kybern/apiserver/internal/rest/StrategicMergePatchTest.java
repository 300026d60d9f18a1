package org.kybern.apiserver.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Descriptors.Descriptor;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kybern.apiserver.internal.schema.KubeSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StrategicMergePatchTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final KubeSchema SCHEMA = new KubeSchema();
    private static final StrategicMergePatch SMP = new StrategicMergePatch(SCHEMA);
    private static final Optional<Descriptor> DEPLOYMENT = SCHEMA.kind("apps/v1", "Deployment");

    private static final String TWO_CONTAINERS = """
            {"metadata":{"name":"web","labels":{"app":"web","tier":"front"},"finalizers":["a","b"]},
             "spec":{"replicas":2,"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%"}},
              "template":{"spec":{"containers":[
               {"name":"app","image":"app:1","args":["--x"],"ports":[{"containerPort":80},{"containerPort":81}],
                "env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]},
               {"name":"sidecar","image":"side:1"}]}}}}""";

    @Test
    void mergesContainersByNameAndKeepsTheOthers() {
        JsonNode result = patch(TWO_CONTAINERS, """
                {"spec":{"template":{"spec":{"containers":[{"name":"app","image":"app:2"}]}}}}""");

        JsonNode containers = result.at("/spec/template/spec/containers");
        assertEquals(2, containers.size(), result.toString());
        assertEquals("app:2", containers.get(0).path("image").asString());
        assertEquals("--x", containers.get(0).at("/args/0").asString(), "untouched fields stay");
        assertEquals("side:1", containers.get(1).path("image").asString());
    }

    @Test
    void mergesEnvByNameAndPortsByContainerPortButReplacesArgs() {
        JsonNode result = patch(TWO_CONTAINERS, """
                {"spec":{"template":{"spec":{"containers":[{"name":"app","args":["--y"],
                  "env":[{"name":"B","value":"3"},{"name":"C","value":"4"}],
                  "ports":[{"containerPort":81,"name":"metrics"}]}]}}}}""");

        JsonNode app = result.at("/spec/template/spec/containers/0");
        assertEquals("[\"--y\"]", app.path("args").toString());
        assertEquals("[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"3\"},{\"name\":\"C\",\"value\":\"4\"}]",
                app.path("env").toString());
        assertEquals("[{\"containerPort\":80},{\"containerPort\":81,\"name\":\"metrics\"}]", app.path("ports").toString());
    }

    @Test
    void deletesAContainerWithThePatchDirective() {
        JsonNode result = patch(TWO_CONTAINERS, """
                {"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}}}""");

        assertEquals(1, result.at("/spec/template/spec/containers").size(), result.toString());
        assertEquals("app", result.at("/spec/template/spec/containers/0/name").asString());
    }

    @Test
    void ordersTheMergedListAsSetElementOrderSays() {
        JsonNode result = patch(TWO_CONTAINERS, """
                {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"sidecar"},{"name":"app"}],
                  "containers":[{"name":"app","image":"app:3"}]}}}}""");

        assertEquals("sidecar", result.at("/spec/template/spec/containers/0/name").asString());
        assertEquals("app:3", result.at("/spec/template/spec/containers/1/image").asString());
    }

    @Test
    void retainKeysDropsWhatTheNewStrategyDoesNotName() {
        JsonNode result = patch(TWO_CONTAINERS, """
                {"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}""");

        assertEquals("{\"type\":\"Recreate\"}", result.at("/spec/strategy").toString());
    }

    @Test
    void mergesMapsRemovesNullsAndMergesPrimitiveListsAsSets() {
        JsonNode result = patch(TWO_CONTAINERS, """
                {"metadata":{"labels":{"tier":null,"env":"prod"},"finalizers":["b","c"],
                  "$deleteFromPrimitiveList/finalizers":["a"]}}""");

        assertEquals("{\"app\":\"web\",\"env\":\"prod\"}", result.at("/metadata/labels").toString());
        assertEquals("[\"b\",\"c\"]", result.at("/metadata/finalizers").toString());
    }

    @Test
    void replacesAListWhenThePatchSaysSo() {
        JsonNode result = patch(TWO_CONTAINERS, """
                {"spec":{"template":{"spec":{"containers":[{"$patch":"replace"},{"name":"only","image":"o:1"}]}}}}""");

        assertEquals("[{\"name\":\"only\",\"image\":\"o:1\"}]", result.at("/spec/template/spec/containers").toString());
    }

    @Test
    void refusesAnUnknownDirectiveAndAnItemWithoutItsMergeKey() {
        assertThrows(ApiException.class, () -> patch(TWO_CONTAINERS, "{\"spec\":{\"$patch\":\"explode\"}}"));
        ApiException e = assertThrows(ApiException.class, () -> patch(TWO_CONTAINERS,
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"image\":\"x\"}]}}}}"));
        assertEquals(400, e.code());
    }

    private static JsonNode patch(String original, String patch) {
        return SMP.apply(JSON.readTree(original), JSON.readTree(patch), DEPLOYMENT);
    }
}
