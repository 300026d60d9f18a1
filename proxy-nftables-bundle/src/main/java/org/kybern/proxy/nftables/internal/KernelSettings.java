package org.kybern.proxy.nftables.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two kernel switches DNAT on a node needs besides the rules, turned on at each sync and never
 * off again (other programs may rely on them):
 * <ul>
 * <li>{@code net.ipv4.conf.all.route_localnet}, when NodePorts answer on a loopback address (as
 * kube-proxy sets it): without it the kernel drops a packet from 127.0.0.1 DNATed to a pod;
 * <li>hairpin mode on the ports of the pods' bridge (what kubelet's {@code --hairpin-mode=hairpin-veth}
 * does): a pod connecting to its own Service is DNATed back to itself, and the bridge sends a frame
 * out of the port it came in only in hairpin mode. A pod becomes an endpoint only once its port
 * exists, so the sync its endpoint brings finds the port.
 * </ul>
 */
final class KernelSettings {

    private static final Logger LOG = LoggerFactory.getLogger(KernelSettings.class);

    private final Path routeLocalnet;
    private final Path classNet;

    /** The settings under {@code /proc/sys} and {@code /sys/class/net}. */
    KernelSettings() {
        this(Path.of("/proc/sys/net/ipv4/conf/all/route_localnet"), Path.of("/sys/class/net"));
    }

    KernelSettings(Path routeLocalnet, Path classNet) {
        this.routeLocalnet = routeLocalnet;
        this.classNet = classNet;
    }

    /** Turns on route_localnet if one of {@code nodeAddresses} is in 127.0.0.0/8. */
    void routeLocalnetFor(List<String> nodeAddresses) {
        if (nodeAddresses.stream().anyMatch(address -> address.startsWith("127."))) {
            turnOn(routeLocalnet, "NodePorts on 127.0.0.1 reach only endpoints on this host");
        }
    }

    /** Turns on hairpin mode on every port of {@code bridge}; nothing if it is empty or absent. */
    void hairpin(String bridge) {
        Path ports = classNet.resolve(bridge).resolve("brif");
        if (bridge.isEmpty() || !Files.isDirectory(ports)) {
            return;
        }
        try (Stream<Path> list = Files.list(ports)) {
            list.forEach(port -> turnOn(port.resolve("hairpin_mode"),
                    "a pod on it cannot reach itself by its Service"));
        } catch (IOException e) {
            LOG.warn("Cannot list the ports of bridge {}: {}", bridge, e.toString());
        }
    }

    private static void turnOn(Path setting, String otherwise) {
        try {
            if (!Files.readString(setting).strip().equals("1")) {
                Files.writeString(setting, "1\n");
                LOG.info("Turned on {}", setting);
            }
        } catch (IOException e) {
            LOG.warn("Cannot turn on {} ({}): {}", setting, e.toString(), otherwise);
        }
    }
}
