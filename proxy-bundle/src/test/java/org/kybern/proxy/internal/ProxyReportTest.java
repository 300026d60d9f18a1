package org.kybern.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kybern.api.proxy.ProxyState;
import org.kybern.api.proxy.ServicePort;

/** What {@code kybern:proxy} shows an operator. */
class ProxyReportTest {

    @Test
    void showsModesBackendsAndEveryServicePortWithTheBackendsDescription() {
        List<RecordingBackend.Call> journal = Collections.synchronizedList(new ArrayList<>());
        RecordingBackend nftables = new RecordingBackend("nftables", journal).unusable("nft is not installed");
        RecordingBackend userspace = new RecordingBackend("userspace", journal) {
            @Override
            public Map<String, String> describe() {
                return Map.of("ns/web:http", "2 open connections");
            }
        };
        ProxyState state = new ProxyState(List.of(
                new ServicePort("ns", "web", "http", "TCP", "10.96.1.1", 80, 30080, 10800, List.of(
                        new ServicePort.Endpoint("172.17.0.2", 8080, "", ""),
                        new ServicePort.Endpoint("172.17.0.3", 8080, "", ""))),
                new ServicePort("ns", "idle", "", "UDP", "10.96.1.2", 53, 0, 0, List.of())), List.of("127.0.0.1", "192.168.1.5"));
        BackendSwitch backends = new BackendSwitch(() -> state, "auto");
        backends.add("nftables", nftables);
        backends.add("userspace", userspace);
        backends.pass(false);

        List<String> lines = ProxyReport.lines("node-1", backends.status(), state, null);

        assertEquals("mode:     auto (configured), active backend: userspace", lines.get(0));
        assertTrue(lines.contains("node:     node-1, node addresses 127.0.0.1 192.168.1.5"), lines.toString());
        assertTrue(lines.contains("  nftables   unusable: nft is not installed"), lines.toString());
        assertTrue(lines.contains("  userspace  usable (active)"), lines.toString());
        assertTrue(lines.contains("  ns/web:http  TCP 10.96.1.1:80  nodePort 30080  affinity ClientIP 10800s  endpoints "
                + "172.17.0.2:8080,172.17.0.3:8080"), lines.toString());
        assertTrue(lines.contains("      2 open connections"), lines.toString());
        assertTrue(lines.contains("  ns/idle:  UDP 10.96.1.2:53  endpoints none (refused)"), lines.toString());
    }

    @Test
    void beforeTheFirstListingItSaysSoAndWhy() {
        BackendSwitch backends = new BackendSwitch(() -> null, "userspace");
        List<String> lines = ProxyReport.lines("node-1", backends.status(), null, "connection refused");
        assertTrue(lines.contains("watching: not yet: connection refused"), lines.toString());
        assertTrue(lines.contains("  none registered"), lines.toString());
        assertEquals("mode:     userspace (configured), active backend: none", lines.get(0));
    }
}
