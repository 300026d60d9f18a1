package org.kybern.apiserver.internal.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class UnknownFieldsTest {

    private static final KubeSchema SCHEMA = new KubeSchema();
    private static final UnknownFields UNKNOWN = new UnknownFields(SCHEMA);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void namesAndDropsEveryFieldTheKindDoesNotHave() {
        ObjectNode deployment = (ObjectNode) JSON.readTree("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","labelz":{}},"extra":1,
                 "spec":{"replica":2,"template":{"spec":{"containers":[
                   {"name":"c","image":"i","imagePullPolice":"Always","resources":{"limits":{"cpu":1}},
                    "ports":[{"containerPort":80,"protocl":"TCP"}]}]}}}}""");

        List<String> unknown = UNKNOWN.prune(SCHEMA.kind("apps/v1", "Deployment").orElseThrow(), deployment);

        assertEquals(List.of("metadata.labelz", "extra", "spec.replica",
                "spec.template.spec.containers[0].imagePullPolice", "spec.template.spec.containers[0].ports[0].protocl"),
                unknown);
        assertEquals("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"template":{"spec":\
                {"containers":[{"name":"c","image":"i","resources":{"limits":{"cpu":1}},"ports":[{"containerPort":80}]}]}}}}""",
                deployment.toString());
    }

    @Test
    void keepsFieldsOfEmbeddedStructsMapsAndValuesOfTheirOwnForm() {
        ObjectNode pod = (ObjectNode) JSON.readTree("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"any-key":"v"},"creationTimestamp":null},
                 "spec":{"containers":[{"name":"c","image":"i","livenessProbe":{"httpGet":{"port":"http","path":"/"}}}],
                  "volumes":[{"name":"v","emptyDir":{"sizeLimit":"1Gi"}}]}}""");

        assertEquals(List.of(), UNKNOWN.prune(SCHEMA.kind("v1", "Pod").orElseThrow(), pod));
    }
}
