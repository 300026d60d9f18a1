package org.kybern.proxy.userspace.internal;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kybern.api.proxy.ProxyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ClusterIPs made local addresses ({@code /32}) of one device. Remembers which addresses it added
 * itself and only ever removes those: an address that was there before (another backend's, the DNS
 * bundle's) is used but left alone.
 *
 * <p>The kernel's local route of each added address names {@value #HOST_SOURCE} as the source, so a
 * connection the node itself opens to a ClusterIP comes from {@value #HOST_SOURCE}, not from the
 * ClusterIP. While the proxy switches to the nftables backend both are at work for a moment: a
 * connection opened then is DNATed to a pod, and had it the ClusterIP as its source, the pod's answers
 * would be addressed to an address the node stops having when this backend leaves, and be lost
 * (kube-proxy's NodePort on 127.0.0.1 is reached the same way, which the nftables backend masquerades).
 */
final class LocalAddresses {

    private static final Logger LOG = LoggerFactory.getLogger(LocalAddresses.class);
    private static final Pattern INET = Pattern.compile("\\binet (\\d+\\.\\d+\\.\\d+\\.\\d+)/\\d+");
    static final String HOST_SOURCE = "127.0.0.1";

    private final IpCommand ip;
    private final String device;
    private final Set<String> added = new TreeSet<>();

    LocalAddresses(IpCommand ip, String device) {
        this.ip = ip;
        this.device = device;
    }

    /** Adds each of {@code wanted} the device does not have yet. */
    void ensure(Set<String> wanted) throws ProxyException {
        Set<String> present = present();
        for (String address : new TreeSet<>(wanted)) {
            if (!present.contains(address)) {
                ip.run("addr", "add", address + "/32", "dev", device);
                added.add(address);
                ip.run("route", "replace", "local", address, "dev", device, "table", "local", "proto", "kernel",
                        "scope", "host", "src", HOST_SOURCE);
                LOG.debug("Added {}/32 to {}", address, device);
            }
        }
    }

    /** Removes the addresses this object added that are not in {@code wanted}. */
    void retainOnly(Set<String> wanted) {
        for (String address : new TreeSet<>(added)) {
            if (!wanted.contains(address)) {
                remove(address);
            }
        }
    }

    /** Removes every address this object added. */
    void removeAll() {
        retainOnly(Set.of());
    }

    /** The addresses this object added and has not removed yet. */
    Set<String> added() {
        return Set.copyOf(added);
    }

    /** The IPv4 addresses the device has now. */
    Set<String> present() throws ProxyException {
        Set<String> present = new HashSet<>();
        Matcher matcher = INET.matcher(ip.run("-4", "addr", "show", "dev", device));
        while (matcher.find()) {
            present.add(matcher.group(1));
        }
        return present;
    }

    private void remove(String address) {
        try {
            if (present().contains(address)) {
                ip.run("addr", "del", address + "/32", "dev", device);
                LOG.debug("Removed {}/32 from {}", address, device);
            }
            // The local route with another source outlives the address: without this the node would
            // go on taking the ClusterIP for its own.
            if (!ip.run("route", "show", "table", "local", "type", "local", address, "dev", device).isEmpty()) {
                ip.run("route", "del", "local", address, "dev", device, "table", "local");
            }
            added.remove(address);
        } catch (ProxyException e) {
            LOG.warn("Could not remove {} from {} (tried again at the next sync): {}", address, device,
                    e.getMessage());
        }
    }
}
