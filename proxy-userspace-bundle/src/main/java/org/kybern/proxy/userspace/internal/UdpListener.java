package org.kybern.proxy.userspace.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.kybern.api.proxy.ServicePort.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays UDP on one address of a service port: each client address gets a {@link UdpSession} (a socket
 * connected to one endpoint); replies go back to the client from this listener's socket, so they come
 * from the address the client sent to. Sessions end after the idle timeout, when their endpoint left
 * the service port (as Kubernetes clears conntrack entries of removed UDP endpoints) or with the listener.
 */
final class UdpListener implements RelayLoop.Handler, Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpListener.class);
    static final int MAX_DATAGRAM = 65_535;
    /** Datagrams per readiness event, so that one busy socket does not starve the others. */
    static final int BATCH = 64;
    private static final long SWEEP_MILLIS = 1000;

    private final PortRelay port;
    private final DatagramChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
    private final Map<SocketAddress, UdpSession> sessions = new HashMap<>();
    private boolean closed;

    /** Binds {@code address} (with {@code SO_REUSEADDR}) and registers with the relay loop. */
    UdpListener(PortRelay port, InetSocketAddress address) throws IOException {
        this.port = port;
        this.channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(address);
            port.loop().register(channel, SelectionKey.OP_READ, this);
        } catch (IOException e) {
            Closing.quietly(channel);
            throw new IOException("cannot listen on " + address + " (UDP): " + e.getMessage(), e);
        }
        port.loop().schedule(SWEEP_MILLIS, this::sweep);
    }

    @Override
    public void ready(SelectionKey key) {
        try {
            for (int i = 0; i < BATCH; i++) {
                buffer.clear();
                SocketAddress client = channel.receive(buffer);
                if (client == null) {
                    return;
                }
                buffer.flip();
                session(client).ifPresent(session -> session.send(buffer));
            }
        } catch (IOException e) {
            LOG.debug("{}: UDP receive failed: {}", port.key(), e.toString());
        }
    }

    private Optional<UdpSession> session(SocketAddress client) {
        UdpSession session = sessions.get(client);
        if (session != null && port.picker().contains(session.endpoint())) {
            return Optional.of(session);
        }
        Closing.quietly(session);
        String clientIp = ((InetSocketAddress) client).getAddress().getHostAddress();
        Optional<Endpoint> endpoint = port.picker().pick(clientIp, Set.of());
        if (endpoint.isEmpty()) {
            return Optional.empty();
        }
        try {
            session = new UdpSession(this, port, client, endpoint.get());
            sessions.put(client, session);
            return Optional.of(session);
        } catch (IOException e) {
            LOG.debug("{}: no UDP session to {}: {}", port.key(), endpoint.get(), e.toString());
            return Optional.empty();
        }
    }

    /** Sends an endpoint's reply to {@code client} from the listener's address; dropped if it cannot go now. */
    void reply(ByteBuffer datagram, SocketAddress client) {
        try {
            channel.send(datagram, client);
        } catch (IOException e) {
            LOG.debug("{}: UDP reply to {} failed: {}", port.key(), client, e.toString());
        }
    }

    /** A session ended; forget it. */
    void ended(UdpSession session) {
        sessions.remove(session.client(), session);
    }

    private void sweep() {
        if (closed) {
            return;
        }
        long idleNanos = TimeUnit.SECONDS.toNanos(port.settings().udpIdleSeconds());
        long now = System.nanoTime();
        for (UdpSession session : new ArrayList<>(sessions.values())) {
            if (now - session.lastUsedNanos() > idleNanos) {
                session.close();
            }
        }
        port.loop().schedule(SWEEP_MILLIS, this::sweep);
    }

    /** Stops listening and ends every session (their replies could not be sent any more). */
    @Override
    public void close() {
        closed = true;
        Closing.quietly(channel);
        for (UdpSession session : new ArrayList<>(sessions.values())) {
            session.close();
        }
    }
}
