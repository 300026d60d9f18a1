package org.kybern.proxy.userspace.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kybern.api.proxy.ServicePort;

/**
 * The relay of one service port: its listeners (ClusterIP:port, and each node address:NodePort), its
 * endpoint picker and its counters. A service port without endpoints has no listener, so connections to
 * it are refused. Used on the relay loop only.
 */
final class PortRelay implements Closeable {

    private final String key;
    private final RelayLoop loop;
    private final Settings settings;
    private final Sessions sessions;
    private final RelayBuffers buffers;
    private final PortStats stats = new PortStats();
    private final EndpointPicker picker = new EndpointPicker(System::nanoTime);
    private final Map<InetSocketAddress, Closeable> listeners = new HashMap<>();
    private String protocol = "";
    private Set<InetSocketAddress> wanted = Set.of();

    PortRelay(String key, RelayLoop loop, Settings settings, Sessions sessions, RelayBuffers buffers) {
        this.key = key;
        this.loop = loop;
        this.settings = settings;
        this.sessions = sessions;
        this.buffers = buffers;
    }

    /**
     * First step of serving {@code servicePort}: new connections go to its current endpoints (open ones
     * stay where they are) and listeners on addresses it no longer has close. {@link #listen} follows,
     * once the closed listeners' sockets are gone, so that another service port may take their address.
     */
    void prepare(ServicePort servicePort, List<String> nodeAddresses) {
        picker.update(servicePort.endpoints(), servicePort.affinityTimeoutSeconds());
        wanted = servicePort.endpoints().isEmpty() ? Set.of() : addresses(servicePort, nodeAddresses);
        if (!servicePort.protocol().equals(protocol)) {
            close();
            protocol = servicePort.protocol();
        }
        for (InetSocketAddress address : new ArrayList<>(listeners.keySet())) {
            if (!wanted.contains(address)) {
                Closing.quietly(listeners.remove(address));
            }
        }
    }

    /**
     * Second step: listens on each address of the service port not listened on yet. Binds what it can;
     * throws naming every address it could not bind (the next sync tries them again).
     */
    void listen() throws IOException {
        List<String> failures = new ArrayList<>();
        for (InetSocketAddress address : wanted) {
            if (!listeners.containsKey(address)) {
                try {
                    listeners.put(address, "UDP".equals(protocol) ? new UdpListener(this, address)
                            : new TcpListener(this, address));
                } catch (IOException e) {
                    failures.add(e.getMessage());
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new IOException(key + ": " + String.join("; ", failures));
        }
    }

    private static Set<InetSocketAddress> addresses(ServicePort servicePort, List<String> nodeAddresses) {
        Set<InetSocketAddress> addresses = new LinkedHashSet<>();
        addresses.add(new InetSocketAddress(servicePort.clusterIP(), servicePort.port()));
        if (servicePort.nodePort() > 0) {
            for (String nodeAddress : nodeAddresses) {
                addresses.add(new InetSocketAddress(nodeAddress, servicePort.nodePort()));
            }
        }
        return addresses;
    }

    /** Closes every listener; open connections go on. */
    @Override
    public void close() {
        listeners.values().forEach(Closing::quietly);
        listeners.clear();
    }

    String key() {
        return key;
    }

    RelayLoop loop() {
        return loop;
    }

    Settings settings() {
        return settings;
    }

    Sessions sessions() {
        return sessions;
    }

    RelayBuffers buffers() {
        return buffers;
    }

    PortStats stats() {
        return stats;
    }

    EndpointPicker picker() {
        return picker;
    }
}
