package org.kybern.scheduler.internal.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kybern.scheduler.internal.plugins.Fixtures.container;
import static org.kybern.scheduler.internal.plugins.Fixtures.info;
import static org.kybern.scheduler.internal.plugins.Fixtures.node;
import static org.kybern.scheduler.internal.plugins.Fixtures.podBuilder;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kybern.api.scheduler.PluginStatus;

/**
 * Kubernetes' NodePorts: a host port conflicts with one in use on the node when port and protocol are equal
 * (no protocol: TCP) and the host IPs are equal or either is the wildcard (empty or 0.0.0.0). Ports of init
 * containers count only for sidecars (restartPolicy Always), the ones that keep running.
 */
class NodePortsTest {

    private static final PluginStatus CONFLICT = PluginStatus.unschedulable(
            "node(s) didn't have free ports for the requested pod ports");

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "null", value = {
            // case, wanted: host IP, protocol, host port; in use on the node: host IP, protocol, host port; fits
            "same port and protocol with no IPs, null, TCP, 8080, null, TCP, 8080, false",
            "no protocol is TCP, null, null, 8080, null, TCP, 8080, false",
            "another protocol passes, null, UDP, 8080, null, TCP, 8080, true",
            "another port passes, null, TCP, 8081, null, TCP, 8080, true",
            "specific IP against 0.0.0.0 in use, 10.0.0.1, TCP, 8080, 0.0.0.0, TCP, 8080, false",
            "0.0.0.0 against a specific IP in use, 0.0.0.0, TCP, 8080, 10.0.0.1, TCP, 8080, false",
            "empty IP against a specific IP in use, null, TCP, 8080, 10.0.0.1, TCP, 8080, false",
            "the same specific IP, 10.0.0.1, TCP, 8080, 10.0.0.1, TCP, 8080, false",
            "two different specific IPs pass, 10.0.0.1, TCP, 8080, 10.0.0.2, TCP, 8080, true",
            "same IP and port but SCTP against UDP, 10.0.0.1, SCTP, 53, 10.0.0.1, UDP, 53, true",
            "no host port wanted, null, TCP, 0, null, TCP, 8080, true",
            "no host port in use (container port only), null, TCP, 8080, null, TCP, 0, true",
    })
    void filters(String name, String ip, String protocol, int port, String usedIp, String usedProtocol, int usedPort,
            boolean fits) {
        Pod wanted = withPorts("new", port(ip, protocol, port));
        Pod used = withPorts("old", port(usedIp, usedProtocol, usedPort));
        assertEquals(fits ? PluginStatus.success() : CONFLICT, PluginRun.filter(new NodePorts(), wanted, info(node("n"), used)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "null", value = {
            // case, restartPolicy of the init container holding port 8080 (in the pod on the node, or wanted), fits
            "a sidecar on the node holds its port, Always, true, false",
            "a finished init container on the node holds nothing, null, true, true",
            "a wanted sidecar's port counts, Always, false, false",
            "a wanted init container's port does not count, null, false, true",
    })
    void initContainersCountOnlyAsSidecars(String name, String restartPolicy, boolean initOnNode, boolean fits) {
        Container init = new ContainerBuilder(port(null, "TCP", 8080)).withName("init").withRestartPolicy(restartPolicy)
                .build();
        Pod withInit = podBuilder("init").editSpec().addToInitContainers(init).endSpec().build();
        Pod plain = withPorts("plain", port(null, "TCP", 8080));
        Pod wanted = initOnNode ? plain : withInit;
        Pod used = initOnNode ? withInit : plain;
        assertEquals(fits ? PluginStatus.success() : CONFLICT, PluginRun.filter(new NodePorts(), wanted, info(node("n"), used)));
    }

    /** A container with container port 80 and the given host port (0: none). */
    private static Container port(String hostIp, String protocol, int hostPort) {
        return new ContainerBuilder(container("c", "nginx")).addNewPort().withContainerPort(80).withHostIP(hostIp)
                .withProtocol(protocol).withHostPort(hostPort == 0 ? null : hostPort).endPort().build();
    }

    private static Pod withPorts(String name, Container container) {
        return podBuilder(name).editSpec().withContainers(container).endSpec().build();
    }
}
