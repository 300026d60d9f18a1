package org.kybern.apiserver.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kybern.store.internal.EmbeddedStore;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class PodsTest {

    private static final ResourceType NODES = ResourceTypes.find("", "v1", "nodes").orElseThrow();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;
    private EmbeddedStore store;
    private ObjectStore objects;
    private Pods pods;

    @BeforeEach
    void open() throws Exception {
        store = EmbeddedStore.open(dir, 1000, 1 << 20);
        objects = new ObjectStore(store, JSON, Clock.systemUTC());
        objects.ensureNamespace("default");
        pods = new Pods(objects, JSON, Clock.systemUTC());
    }

    @AfterEach
    void close() throws Exception {
        store.deactivate();
    }

    @Test
    void bindingAssignsTheNodeOnce() {
        objects.create(Pods.PODS, "default", pod("p", "{\"name\":\"c\",\"image\":\"busybox\"}"), false);
        ObjectNode status = pods.bind("default", "p", parse("{\"apiVersion\":\"v1\",\"kind\":\"Binding\","
                + "\"metadata\":{\"name\":\"p\"},\"target\":{\"kind\":\"Node\",\"name\":\"node-1\"}}"), false);
        assertEquals("Success", status.get("status").asString());
        ObjectNode bound = objects.get(Pods.PODS, "default", "p");
        assertEquals("node-1", bound.get("spec").get("nodeName").asString());
        assertEquals("PodScheduled", bound.get("status").get("conditions").get(0).get("type").asString());
        ApiException again = assertThrows(ApiException.class, () -> pods.bind("default", "p",
                parse("{\"metadata\":{\"name\":\"p\"},\"target\":{\"name\":\"node-2\"}}"), false));
        assertEquals(409, again.code());
        assertEquals("Operation cannot be fulfilled on pods/binding \"p\": pod p is already assigned to node \"node-1\"",
                again.getMessage());
        assertEquals(400, assertThrows(ApiException.class, () -> pods.bind("default", "p",
                parse("{\"metadata\":{\"name\":\"other\"},\"target\":{\"name\":\"n\"}}"), false)).code());
        assertEquals(422, assertThrows(ApiException.class, () -> pods.bind("default", "p",
                parse("{\"metadata\":{\"name\":\"p\"},\"target\":{\"kind\":\"Pod\"}}"), false)).code());
    }

    @Test
    void evictionDeletesWithItsOptions() {
        ObjectNode pod = pod("e", "{\"name\":\"c\",\"image\":\"busybox\"}");
        ((ObjectNode) pod.get("spec")).put("nodeName", "node-1");
        objects.create(Pods.PODS, "default", pod, false);
        pods.evict("default", "e", parse("{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"e\"}}"),
                false);
        assertTrue(objects.get(Pods.PODS, "default", "e").get("metadata").has("deletionTimestamp"), "graceful, as a delete");
        pods.evict("default", "e", parse("{\"metadata\":{\"name\":\"e\"},\"deleteOptions\":{\"gracePeriodSeconds\":0}}"),
                false);
        assertEquals(404, assertThrows(ApiException.class, () -> objects.get(Pods.PODS, "default", "e")).code());
        assertEquals(404, assertThrows(ApiException.class, () -> pods.evict("default", "e",
                parse("{\"metadata\":{\"name\":\"e\"}}"), false)).code());
    }

    @Test
    void logLocationNamesTheKubeletAndRefusesWhatKubernetesRefuses() {
        PodLogs logs = new PodLogs(objects);
        ObjectNode two = pod("two", "{\"name\":\"a\",\"image\":\"x\"},{\"name\":\"b\",\"image\":\"x\"}");
        assertEquals("pod two does not have a host assigned", assertThrows(ApiException.class,
                () -> logs.location(two, Map.of("container", "a")::get)).getMessage());
        ((ObjectNode) two.get("spec")).put("nodeName", "node-1");
        ObjectNode node = parse("{\"metadata\":{\"name\":\"node-1\"},\"status\":{\"addresses\":[{\"type\":"
                + "\"Hostname\",\"address\":\"h\"},{\"type\":\"InternalIP\",\"address\":\"127.0.0.9\"}],"
                + "\"daemonEndpoints\":{\"kubeletEndpoint\":{\"Port\":10999}}}}");
        objects.create(NODES, null, node.deepCopy(), false);
        objects.update(NODES, null, "node-1", node, ObjectStore.Part.STATUS, false); // as a kubelet reports it
        assertEquals("a container name must be specified for pod two, choose one of: [a b]",
                assertThrows(ApiException.class, () -> logs.location(two, Map.<String, String>of()::get)).getMessage());
        assertEquals("container z is not valid for pod two", assertThrows(ApiException.class,
                () -> logs.location(two, Map.of("container", "z")::get)).getMessage());
        assertEquals(422, assertThrows(ApiException.class,
                () -> logs.location(two, Map.of("container", "a", "tailLines", "-1")::get)).code());
        ((ObjectNode) two.get("metadata")).put("namespace", "default");
        assertEquals("http://127.0.0.9:10999/containerLogs/default/two/b?follow=true&tailLines=3",
                logs.location(two, Map.of("container", "b", "follow", "true", "tailLines", "3")::get).toString());
    }

    private static ObjectNode pod(String name, String containers) {
        return parse("{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"containers\":[" + containers + "]}}");
    }

    private static ObjectNode parse(String json) {
        return (ObjectNode) JSON.readTree(json.getBytes(StandardCharsets.UTF_8));
    }
}
