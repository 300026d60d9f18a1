package org.kybern.apiserver.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SelectorsTest {

    private static final ResourceType PODS = ResourceTypes.find("", "v1", "pods").orElseThrow();
    private final JsonMapper json = JsonMapper.builder().build();
    private final JsonNode pod = json.readTree("""
            {"metadata":{"name":"web-1","namespace":"shop","labels":{"app":"web","tier":"front"}},
             "spec":{"nodeName":"node-a"},"status":{"phase":"Running"}}""");

    @Test
    void labelSelectorsOfEveryForm() {
        for (String yes : new String[] {"app=web", "app==web", "app!=db", "app in (web,db)", "tier notin (back)",
                "app", "!version", "app=web,tier in (front)", "", " app = web "}) {
            assertTrue(Selectors.labels(yes).test(pod), yes);
        }
        for (String no : new String[] {"app=db", "app!=web", "app in (db)", "tier notin (front,back)", "version",
                "!app", "app=web,tier=back"}) {
            assertFalse(Selectors.labels(no).test(pod), no);
        }
    }

    @Test
    void anEmptyValueIsAValueAsInKubernetes() {
        assertTrue(Selectors.labels("version=").test(json.readTree("{\"metadata\":{\"labels\":{\"version\":\"\"}}}")));
        assertFalse(Selectors.labels("app==").test(pod));
    }

    @Test
    void fieldSelectorsOnTheFieldsAKindAllows() {
        assertTrue(Selectors.fields(PODS, "spec.nodeName=node-a,status.phase==Running").test(pod));
        assertTrue(Selectors.fields(PODS, "metadata.name!=web-2").test(pod));
        assertFalse(Selectors.fields(PODS, "metadata.namespace=other").test(pod));
        ApiException unsupported = assertThrows(ApiException.class, () -> Selectors.fields(PODS, "spec.image=x"));
        assertEquals("field label not supported: spec.image", unsupported.getMessage());
    }

    @Test
    void oddValuesInObjectsAndSelectorsNeverThrow() {
        JsonNode odd = json.readTree("{\"metadata\":{\"labels\":{\"app\":{\"nested\":1}}}}");
        assertFalse(Selectors.labels("app=web").test(odd));
        assertFalse(Selectors.labels("app in (web,web)").test(odd));
        assertTrue(Selectors.labels("app notin (web)").test(odd));
    }

    @Test
    void badSelectorsAreBadRequests() {
        for (String bad : new String[] {"app in web", "a b", "!app in (x)", "=x"}) {
            ApiException e = assertThrows(ApiException.class, () -> Selectors.labels(bad), bad);
            assertEquals(400, e.code());
        }
        assertEquals(400, assertThrows(ApiException.class, () -> Selectors.fields(PODS, "nonsense")).code());
    }
}
