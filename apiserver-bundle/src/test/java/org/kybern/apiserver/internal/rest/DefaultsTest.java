package org.kybern.apiserver.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class DefaultsTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aDeploymentGetsKubernetesDefaultsAndKeepsWhatItSays() {
        ObjectNode d = (ObjectNode) json.readTree("""
                {"spec":{"selector":{"matchLabels":{"app":"web"}},"revisionHistoryLimit":3,
                 "template":{"spec":{"containers":[{"name":"web","image":"busybox:1.36","ports":[{"containerPort":80}]},
                                                   {"name":"side","image":"registry.local:5000/tool"}]}}}}""");
        Defaults.apply(ResourceTypes.find("apps", "v1", "deployments").orElseThrow(), d);
        JsonNode spec = d.get("spec");
        assertEquals(1, spec.get("replicas").asInt());
        assertEquals(3, spec.get("revisionHistoryLimit").asInt(), "what the user said stays");
        assertEquals(600, spec.get("progressDeadlineSeconds").asInt());
        assertEquals("RollingUpdate", spec.get("strategy").get("type").asString());
        assertEquals("25%", spec.get("strategy").get("rollingUpdate").get("maxSurge").asString());
        JsonNode pod = spec.get("template").get("spec");
        assertEquals("Always", pod.get("restartPolicy").asString());
        assertEquals("ClusterFirst", pod.get("dnsPolicy").asString());
        assertEquals(30, pod.get("terminationGracePeriodSeconds").asInt());
        assertEquals("IfNotPresent", pod.get("containers").get(0).get("imagePullPolicy").asString());
        assertEquals("TCP", pod.get("containers").get(0).get("ports").get(0).get("protocol").asString());
        assertEquals("Always", pod.get("containers").get(1).get("imagePullPolicy").asString(),
                "a registry port is no tag");
    }

    @Test
    void imagePullPolicyFollowsTheTag() {
        assertEquals("Always", Defaults.pullPolicyFor("busybox"));
        assertEquals("Always", Defaults.pullPolicyFor("busybox:latest"));
        assertEquals("IfNotPresent", Defaults.pullPolicyFor("busybox:1.36"));
        assertEquals("IfNotPresent", Defaults.pullPolicyFor("busybox@sha256:abc"));
        assertEquals("Always", Defaults.pullPolicyFor("localhost:5000/busybox"));
    }

    @Test
    void servicesGetTypeProtocolAndTargetPort() {
        ObjectNode svc = (ObjectNode) json.readTree("{\"spec\":{\"ports\":[{\"port\":80},{\"port\":53,\"protocol\":\"UDP\",\"targetPort\":5353}]}}");
        Defaults.apply(ResourceTypes.find("", "v1", "services").orElseThrow(), svc);
        assertEquals("ClusterIP", svc.get("spec").get("type").asString());
        assertEquals("None", svc.get("spec").get("sessionAffinity").asString());
        assertEquals("TCP", svc.get("spec").get("ports").get(0).get("protocol").asString());
        assertEquals(80, svc.get("spec").get("ports").get(0).get("targetPort").asInt());
        assertEquals(5353, svc.get("spec").get("ports").get(1).get("targetPort").asInt());
        assertEquals("UDP", svc.get("spec").get("ports").get(1).get("protocol").asString());
    }
}
