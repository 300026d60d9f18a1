package org.kybern.proxy.nftables.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns on {@code net.ipv4.conf.all.route_localnet} when NodePorts answer on a loopback address, as
 * kube-proxy does: without it the kernel drops a packet from 127.0.0.1 DNATed to another host. It is
 * never turned off again (other programs may rely on it).
 */
final class RouteLocalnet {

    private static final Logger LOG = LoggerFactory.getLogger(RouteLocalnet.class);
    static final Path SYSCTL = Path.of("/proc/sys/net/ipv4/conf/all/route_localnet");

    private final Path sysctl;

    RouteLocalnet(Path sysctl) {
        this.sysctl = sysctl;
    }

    /** Enables the setting if one of {@code nodeAddresses} is in 127.0.0.0/8 and it is off. */
    void enableFor(List<String> nodeAddresses) {
        if (nodeAddresses.stream().noneMatch(address -> address.startsWith("127."))) {
            return;
        }
        try {
            if (!Files.readString(sysctl).strip().equals("1")) {
                Files.writeString(sysctl, "1\n");
                LOG.info("Set net.ipv4.conf.all.route_localnet=1 for NodePorts on 127.0.0.1");
            }
        } catch (IOException e) {
            LOG.warn("Cannot set net.ipv4.conf.all.route_localnet=1 ({}): NodePorts on 127.0.0.1 reach only "
                    + "endpoints on this host", e.toString());
        }
    }
}
