package org.kybern.apiserver.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ValidationTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aValidDeploymentHasNoCauses() {
        assertEquals(List.of(), Validation.check(type("apps", "deployments"), json.readTree("""
                {"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
                 "template":{"metadata":{"labels":{"app":"web"}},
                   "spec":{"containers":[{"name":"web","image":"busybox","ports":[{"containerPort":80}]}]}}}}""")));
    }

    @Test
    void everyWrongFieldOfADeploymentIsACause() {
        List<ObjectStore.Cause> causes = Validation.check(type("apps", "deployments"), json.readTree("""
                {"spec":{"replicas":-1,"selector":{"matchLabels":{"app":"web"}},
                 "template":{"metadata":{"labels":{"app":"db"}},
                   "spec":{"restartPolicy":"Sometimes","containers":[{"name":"Web_1"},{"name":"x","image":"i"},
                     {"name":"x","image":"i","ports":[{"containerPort":70000,"protocol":"QUIC"}]}]}}}}"""));
        List<String> fields = causes.stream().map(ObjectStore.Cause::field).toList();
        assertEquals(List.of("spec.replicas", "spec.template.metadata.labels", "spec.template.spec.containers[0].name",
                "spec.template.spec.containers[0].image", "spec.template.spec.containers[2].name",
                "spec.template.spec.containers[2].ports[0].containerPort",
                "spec.template.spec.containers[2].ports[0].protocol", "spec.template.spec.restartPolicy"), fields);
        assertEquals("FieldValueRequired", causes.get(3).reason());
        assertEquals("FieldValueDuplicate", causes.get(4).reason());
        assertEquals("FieldValueNotSupported", causes.get(6).reason());
    }

    @Test
    void podsServicesAndConfigMaps() {
        assertEquals("spec.containers", Validation.check(type("", "pods"), json.readTree("{\"spec\":{}}")).get(0).field());
        assertEquals("spec.ports", Validation.check(type("", "services"), json.readTree("{\"spec\":{}}")).get(0).field());
        assertTrue(Validation.check(type("", "services"), json.readTree("{\"spec\":{\"clusterIP\":\"None\"}}")).isEmpty(),
                "a headless service needs no ports");
        assertEquals("data[bad key]", Validation.check(type("", "configmaps"),
                json.readTree("{\"data\":{\"bad key\":\"v\",\"good.key\":\"v\"}}")).get(0).field());
    }

    @Test
    void manyCausesAreListedInOneMessage() {
        ObjectStore.InvalidException e = new ObjectStore.InvalidException(type("apps", "deployments"), "web",
                List.of(new ObjectStore.Cause("FieldValueRequired", "spec.selector", "Required value"),
                        new ObjectStore.Cause("FieldValueRequired", "spec.template.spec.containers", "Required value")));
        assertEquals("Deployment.apps \"web\" is invalid: [spec.selector: Required value, "
                + "spec.template.spec.containers: Required value]", e.getMessage());
    }

    private static ResourceType type(String group, String resource) {
        return ResourceTypes.all().stream().filter(t -> t.group().equals(group) && t.resource().equals(resource))
                .findFirst().orElseThrow();
    }
}
