package org.kybern.apiserver.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PatchesTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void mergePatchMergesObjectsRemovesNullsAndReplacesTheRest() {
        JsonNode target = json.readTree("{\"a\":{\"b\":1,\"c\":2},\"d\":[1,2],\"e\":\"x\"}");
        JsonNode patch = json.readTree("{\"a\":{\"b\":null,\"z\":3},\"d\":[9],\"f\":true}");
        assertEquals(json.readTree("{\"a\":{\"c\":2,\"z\":3},\"d\":[9],\"e\":\"x\",\"f\":true}"),
                Patches.mergePatch(target, patch));
    }

    @Test
    void jsonPatchAppliesEveryOperationInOrder() {
        JsonNode target = json.readTree("{\"metadata\":{\"labels\":{\"a/b\":\"1\"}},\"list\":[1,2,3]}");
        JsonNode patch = json.readTree("""
                [{"op":"test","path":"/metadata/labels/a~1b","value":"1"},
                 {"op":"replace","path":"/metadata/labels/a~1b","value":"2"},
                 {"op":"add","path":"/list/-","value":4},
                 {"op":"remove","path":"/list/0"},
                 {"op":"copy","from":"/list/0","path":"/first"},
                 {"op":"move","from":"/first","path":"/moved"}]""");
        assertEquals(json.readTree("{\"metadata\":{\"labels\":{\"a/b\":\"2\"}},\"list\":[2,3,4],\"moved\":2}"),
                Patches.jsonPatch(target, patch));
    }

    @Test
    void aFailingOperationFailsThePatchAsInvalid() {
        JsonNode target = json.readTree("{\"a\":1}");
        for (String patch : new String[] {"[{\"op\":\"replace\",\"path\":\"/missing\",\"value\":1}]",
                "[{\"op\":\"test\",\"path\":\"/a\",\"value\":2}]", "[{\"op\":\"jump\",\"path\":\"/a\"}]",
                "{\"op\":\"add\"}", "[{\"op\":\"add\",\"path\":\"a\",\"value\":1}]"}) {
            ApiException e = assertThrows(ApiException.class, () -> Patches.jsonPatch(target, json.readTree(patch)));
            assertEquals(422, e.code(), patch);
        }
        assertEquals(json.readTree("{\"a\":1}"), target, "the target is untouched");
    }
}
