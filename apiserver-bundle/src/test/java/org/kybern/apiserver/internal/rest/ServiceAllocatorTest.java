package org.kybern.apiserver.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kybern.store.internal.EmbeddedStore;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ServiceAllocatorTest {

    private static final ResourceType SERVICES = ResourceTypes.find("", "v1", "services").orElseThrow();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;
    private EmbeddedStore store;
    private ObjectStore objects;

    @BeforeEach
    void open() throws Exception {
        store = EmbeddedStore.open(dir, 1000, 1 << 20);
        // A /28 has 14 usable addresses: small enough to fill, and to see the first one kept back.
        objects = new ObjectStore(store, JSON, Clock.systemUTC(), ServiceRanges.parse("10.0.0.0/28", "30000-30019"));
        objects.ensureNamespace("default");
    }

    @AfterEach
    void close() throws Exception {
        store.deactivate();
    }

    @Test
    void rangesAreParsedAndChecked() {
        ServiceRanges r = ServiceRanges.DEFAULT;
        assertEquals("10.96.0.0/12", r.cidr());
        assertEquals("10.96.0.1", r.address(0));
        assertEquals(-1, r.indexOf("10.112.0.0"));
        assertEquals(-1, r.indexOf("10.96.0.0"), "the network address is never a service's");
        assertEquals(-1, r.indexOf("10.111.255.255"), "nor the broadcast address");
        assertThrows(IllegalArgumentException.class, () -> ServiceRanges.parse("10.0.0.0/8", "30000-32767"));
        assertThrows(IllegalArgumentException.class, () -> ServiceRanges.parse("fd00::/108", "30000-32767"));
        assertThrows(IllegalArgumentException.class, () -> ServiceRanges.parse("10.0.0.0/24", "32767-30000"));
    }

    @Test
    void servicesGetDistinctAddressesButNeverTheFirst() {
        Set<String> ips = new HashSet<>();
        for (int i = 0; i < 13; i++) {
            String ip = create("svc-" + i, "{}").get("spec").get("clusterIP").asString();
            assertNotEquals("10.0.0.1", ip, "kept for the kubernetes service");
            assertTrue(ips.add(ip), ip + " given twice");
        }
        ApiException full = assertThrows(ApiException.class, () -> create("one-too-many", "{}"));
        assertTrue(full.getMessage().contains("range is full"), full.getMessage());
        assertEquals("10.0.0.1", create("kubernetes", "{\"clusterIP\":\"10.0.0.1\"}").get("spec").get("clusterIP")
                .asString(), "asked for, the first address is given");
    }

    @Test
    void aRequestedAddressIsHonouredOnceAndReleasedOnDelete() {
        ObjectNode svc = create("web", "{\"clusterIP\":\"10.0.0.5\"}");
        assertEquals("[\"10.0.0.5\"]", svc.get("spec").get("clusterIPs").toString());
        assertEquals("[\"IPv4\"]", svc.get("spec").get("ipFamilies").toString());
        assertEquals("SingleStack", svc.get("spec").get("ipFamilyPolicy").asString());
        ApiException taken = assertThrows(ApiException.class, () -> create("web2", "{\"clusterIP\":\"10.0.0.5\"}"));
        assertEquals(422, taken.code());
        assertEquals("Service \"web2\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.0.0.5\"}: failed to "
                + "allocate IP 10.0.0.5: provided IP is already allocated", taken.getMessage());
        ApiException outside = assertThrows(ApiException.class, () -> create("web3", "{\"clusterIP\":\"10.1.0.5\"}"));
        assertTrue(outside.getMessage().endsWith("failed to allocate IP 10.1.0.5: the provided IP (10.1.0.5) is not in "
                + "the valid range. The range of valid IPs is 10.0.0.0/28"), outside.getMessage());
        objects.delete(SERVICES, "default", "web", false);
        assertEquals("10.0.0.5", create("web2", "{\"clusterIP\":\"10.0.0.5\"}").get("spec").get("clusterIP").asString());
    }

    @Test
    void aDryRunClaimsNothing() {
        objects.create(SERVICES, "default", service("dry", "{\"clusterIP\":\"10.0.0.6\"}"), true);
        assertEquals("10.0.0.6", create("real", "{\"clusterIP\":\"10.0.0.6\"}").get("spec").get("clusterIP").asString());
    }

    @Test
    void headlessServicesGetNoAddress() {
        ObjectNode svc = create("headless", "{\"clusterIP\":\"None\"}");
        assertEquals("None", svc.get("spec").get("clusterIP").asString());
        assertEquals("[\"None\"]", svc.get("spec").get("clusterIPs").toString());
        assertEquals(0, store.range(ServiceAllocator.IPS, 0, null, 0).items().size());
    }

    @Test
    void theClusterIpCannotChangeButAnUpdateMayLeaveItOut() {
        ObjectNode svc = create("fixed", "{}");
        String ip = svc.get("spec").get("clusterIP").asString();
        ObjectNode without = svc.deepCopy();
        ((ObjectNode) without.get("spec")).remove(List.of("clusterIP", "clusterIPs"));
        assertEquals(ip, objects.update(SERVICES, "default", "fixed", without, false).get("spec").get("clusterIP")
                .asString());
        ObjectNode changed = objects.get(SERVICES, "default", "fixed");
        String other = ip.equals("10.0.0.9") ? "10.0.0.10" : "10.0.0.9"; // the allocator picks at random
        ((ObjectNode) changed.get("spec")).put("clusterIP", other).remove("clusterIPs");
        ApiException immutable = assertThrows(ApiException.class,
                () -> objects.update(SERVICES, "default", "fixed", changed, false));
        assertEquals("Service \"fixed\" is invalid: spec.clusterIPs[0]: Invalid value: \"" + other + "\": may not change "
                + "once set", immutable.getMessage());
    }

    @Test
    void nodePortsAreDistinctHonouredAndReleasedWhenTheTypeChanges() {
        ObjectNode a = create("np-a", "{\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"nodePort\":30005},{\"port\":81}]}");
        assertEquals(30005, a.get("spec").get("ports").get(0).get("nodePort").asInt());
        int dynamic = a.get("spec").get("ports").get(1).get("nodePort").asInt();
        assertTrue(dynamic >= 30000 && dynamic <= 30019 && dynamic != 30005, "" + dynamic);
        ApiException taken = assertThrows(ApiException.class,
                () -> create("np-b", "{\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"nodePort\":30005}]}"));
        assertEquals("Service \"np-b\" is invalid: spec.ports[0].nodePort: Invalid value: 30005: provided port is already "
                + "allocated", taken.getMessage());
        ApiException outside = assertThrows(ApiException.class,
                () -> create("np-c", "{\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"nodePort\":31000}]}"));
        assertTrue(outside.getMessage().endsWith("provided port is not in the valid range. The range of valid ports is "
                + "30000-30019"), outside.getMessage());
        assertEquals(0, store.range(ServiceAllocator.IPS, 0, null, 0).items().size() - 1,
                "the refused services released the addresses they had claimed");

        ObjectNode lb = create("lb", "{\"type\":\"LoadBalancer\",\"ports\":[{\"port\":80}]}");
        assertTrue(lb.get("spec").get("allocateLoadBalancerNodePorts").asBoolean());
        assertTrue(lb.get("spec").get("ports").get(0).get("nodePort").asInt() >= 30000);

        ObjectNode back = objects.get(SERVICES, "default", "np-a");
        ((ObjectNode) back.get("spec")).put("type", "ClusterIP");
        ObjectNode updated = objects.update(SERVICES, "default", "np-a", back, false);
        assertFalse(updated.get("spec").get("ports").get(0).has("nodePort"));
        assertEquals(30005, create("np-b", "{\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"nodePort\":30005}]}")
                .get("spec").get("ports").get(0).get("nodePort").asInt(), "changing the type released the port");
    }

    @Test
    void concurrentCreatesNeverShareAnAddress() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String name = "race-" + i;
                results.add(pool.submit(() -> {
                    try {
                        return create(name, "{\"clusterIP\":\"10.0.0.7\"}").get("spec").get("clusterIP").asString();
                    } catch (ApiException refused) {
                        return "refused " + refused.code();
                    }
                }));
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) {
                outcomes.add(f.get());
            }
            assertEquals(1, outcomes.stream().filter("10.0.0.7"::equals).count(), outcomes.toString());
            assertEquals(15, outcomes.stream().filter("refused 422"::equals).count(), outcomes.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    private ObjectNode create(String name, String spec) {
        return objects.create(SERVICES, "default", service(name, spec), false);
    }

    private static ObjectNode service(String name, String spec) {
        ObjectNode svc = (ObjectNode) JSON.readTree(("{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":" + spec + "}")
                .getBytes(StandardCharsets.UTF_8));
        ObjectNode s = (ObjectNode) svc.get("spec");
        if (!s.has("ports")) {
            s.putArray("ports").addObject().put("port", 80);
        }
        return svc;
    }
}
