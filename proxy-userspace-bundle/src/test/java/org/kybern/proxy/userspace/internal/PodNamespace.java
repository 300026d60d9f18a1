package org.kybern.proxy.userspace.internal;

import java.util.concurrent.ThreadLocalRandom;
import org.kybern.api.proxy.ProxyException;

/**
 * A stand-in for a pod: a network namespace of the test's own ({@code usp-<random>}) joined to the host
 * by a veth pair on a /30 of the test's range, with its default route through the host, as a pod's
 * through docker0. Closing it deletes the namespace and with it the veth pair.
 */
final class PodNamespace implements AutoCloseable {

    private static final IpCommand IP = new IpCommand("ip");

    private final String name;
    private final String address;

    /** Creates the namespace; {@code hostIp} and {@code podIp} share a /30 of the test's range. */
    PodNamespace(String hostIp, String podIp) throws ProxyException {
        String id = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 1_000_000));
        this.name = "usp-" + id;
        this.address = podIp;
        String hostSide = "usph" + id;
        String podSide = "uspp" + id;
        IP.run("netns", "add", name);
        try {
            IP.run("link", "add", hostSide, "type", "veth", "peer", "name", podSide);
            IP.run("link", "set", podSide, "netns", name);
            IP.run("addr", "add", hostIp + "/30", "dev", hostSide);
            IP.run("link", "set", hostSide, "up");
            inside("ip", "addr", "add", podIp + "/30", "dev", podSide);
            inside("ip", "link", "set", podSide, "up");
            inside("ip", "link", "set", "lo", "up");
            inside("ip", "route", "add", "default", "via", hostIp);
        } catch (ProxyException e) {
            close();
            throw e;
        }
    }

    /** The pod's address. */
    String address() {
        return address;
    }

    /** Runs a command inside the namespace; returns its output. */
    String inside(String... command) throws ProxyException {
        String[] args = new String[command.length + 3];
        args[0] = "netns";
        args[1] = "exec";
        args[2] = name;
        System.arraycopy(command, 0, args, 3, command.length);
        return IP.run(args);
    }

    /** From inside: connects to {@code host:port} (bash's /dev/tcp), asks the name and prints the answer. */
    String askName(String host, int port) throws ProxyException {
        return inside("timeout", "5", "bash", "-c",
                "exec 3<>/dev/tcp/" + host + "/" + port + " && echo name >&3 && head -n 1 <&3");
    }

    @Override
    public void close() {
        try {
            IP.run("netns", "del", name);
        } catch (ProxyException e) {
            throw new IllegalStateException("could not delete network namespace " + name, e);
        }
    }
}
