package org.kybern.proxy.userspace.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import org.kybern.api.proxy.ServicePort.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One UDP client's session: a socket connected to its endpoint, whose replies its listener relays back. */
final class UdpSession implements RelayLoop.Handler, Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpSession.class);

    private final UdpListener listener;
    private final PortRelay port;
    private final SocketAddress client;
    private final Endpoint endpoint;
    private final DatagramChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(UdpListener.MAX_DATAGRAM);
    private long lastUsedNanos = System.nanoTime();
    private boolean closed;

    UdpSession(UdpListener listener, PortRelay port, SocketAddress client, Endpoint endpoint) throws IOException {
        this.listener = listener;
        this.port = port;
        this.client = client;
        this.endpoint = endpoint;
        this.channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.connect(new InetSocketAddress(endpoint.ip(), endpoint.port()));
            port.loop().register(channel, SelectionKey.OP_READ, this);
        } catch (IOException e) {
            Closing.quietly(channel);
            throw e;
        }
        port.sessions().opened(this, port.stats());
    }

    /** Forwards a client's datagram to the endpoint. */
    void send(ByteBuffer datagram) {
        lastUsedNanos = System.nanoTime();
        try {
            channel.write(datagram);
        } catch (IOException e) {
            LOG.debug("{}: UDP to {} failed: {}", port.key(), endpoint, e.toString());
            close();
        }
    }

    @Override
    public void ready(SelectionKey key) {
        try {
            for (int i = 0; i < UdpListener.BATCH; i++) {
                buffer.clear();
                if (channel.read(buffer) <= 0) {
                    return;
                }
                lastUsedNanos = System.nanoTime();
                buffer.flip();
                listener.reply(buffer, client);
            }
        } catch (IOException e) {
            LOG.debug("{}: UDP from {} failed: {}", port.key(), endpoint, e.toString());
            close();
        }
    }

    SocketAddress client() {
        return client;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    long lastUsedNanos() {
        return lastUsedNanos;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Closing.quietly(channel);
        listener.ended(this);
        port.sessions().closed(this, port.stats());
    }
}
