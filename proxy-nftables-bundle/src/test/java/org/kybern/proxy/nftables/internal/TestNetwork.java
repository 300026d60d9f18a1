package org.kybern.proxy.nftables.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Pods for the kernel tests: network namespaces attached to Docker's bridge docker0 by veth pairs,
 * with addresses in 172.17.&lt;random&gt;.0/24 and a default route via the host (172.17.0.1), exactly
 * as a container's. Each endpoint runs echo_server.py, answering "name client-address" over TCP and
 * UDP. {@link #close} removes every namespace, veth and process, also after a failure.
 */
final class TestNetwork implements AutoCloseable {

    static final String BRIDGE = "docker0";
    static final String GATEWAY = "172.17.0.1";

    private final String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    private final int octet = ThreadLocalRandom.current().nextInt(200, 254);
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> servers = new ArrayList<>();
    private final Path script;

    TestNetwork() {
        try {
            script = Path.of(TestNetwork.class.getResource("/echo_server.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (Commands.attempt("ip", "link", "show", BRIDGE).status() != 0) {
            throw new IllegalStateException("the kernel tests attach their pods to Docker's bridge " + BRIDGE
                    + ", which this host lacks: install and start Docker");
        }
    }

    /** A pod: namespace {@code name} with address 172.17.&lt;octet&gt;.{@code host}, no server yet. */
    String addPod(String name, int host) {
        String namespace = "nftt" + id + "-" + name;
        String veth = "nft" + id + name;
        namespaces.add(namespace);
        Commands.run("ip", "netns", "add", namespace);
        Commands.run("ip", "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", namespace);
        Commands.run("ip", "link", "set", veth, "master", BRIDGE, "up");
        String address = address(host);
        Commands.run("ip", "-n", namespace, "addr", "add", address + "/16", "dev", "eth0");
        Commands.run("ip", "-n", namespace, "link", "set", "lo", "up");
        Commands.run("ip", "-n", namespace, "link", "set", "eth0", "up");
        Commands.run("ip", "-n", namespace, "route", "add", "default", "via", GATEWAY);
        return address;
    }

    /** A pod running the echo server on {@code port}; returns its address once the server listens. */
    String addEndpoint(String name, int host, int port) throws IOException {
        String address = addPod(name, host);
        Process server = new ProcessBuilder("ip", "netns", "exec", namespace(name), "python3", script.toString(),
                "server", name, Integer.toString(port)).redirectErrorStream(true).start();
        servers.add(server);
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine(); // blocks until the server is ready or exits
        if (!"ready".equals(line)) {
            throw new IllegalStateException("echo server in " + namespace(name) + " did not start: " + line);
        }
        return address;
    }

    /** What pod {@code name} gets when it connects to {@code ip:port} over TCP: "name peer" or "error: ...". */
    String connectFrom(String name, String ip, int port) {
        return Commands.run("ip", "netns", "exec", namespace(name), "python3", script.toString(), "client", ip,
                Integer.toString(port)).strip();
    }

    /** What pod {@code name} gets for one UDP datagram from its port {@code sourcePort} to {@code ip:port}. */
    String udpFrom(String name, int sourcePort, String ip, int port) {
        return Commands.run("ip", "netns", "exec", namespace(name), "python3", script.toString(), "udp-client", ip,
                Integer.toString(port), Integer.toString(sourcePort)).strip();
    }

    /** The test's address 172.17.&lt;octet&gt;.{@code host}. */
    String address(int host) {
        return "172.17." + octet + "." + host;
    }

    private String namespace(String name) {
        return "nftt" + id + "-" + name;
    }

    @Override
    public void close() {
        servers.forEach(Process::destroyForcibly);
        for (Process server : servers) {
            try {
                server.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // deleting a namespace deletes its end of the veth pair, and with it the host's end
        namespaces.forEach(namespace -> Commands.attempt("ip", "netns", "del", namespace));
    }
}
