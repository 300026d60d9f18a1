package org.kybern.proxy.userspace.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Accepts TCP connections on one address of a service port (its ClusterIP or a NodePort) for the relay. */
final class TcpListener implements RelayLoop.Handler, Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(TcpListener.class);
    private static final int BACKLOG = 1024;
    /** Accepts per readiness event, so that one busy listener does not starve the others. */
    private static final int ACCEPT_BATCH = 64;

    private final PortRelay port;
    private final ServerSocketChannel server;

    /** Binds {@code address} (with {@code SO_REUSEADDR}) and registers with the relay loop. */
    TcpListener(PortRelay port, InetSocketAddress address) throws IOException {
        this.port = port;
        this.server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(address, BACKLOG);
            port.loop().register(server, SelectionKey.OP_ACCEPT, this);
        } catch (IOException e) {
            Closing.quietly(server);
            throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void ready(SelectionKey key) {
        for (int i = 0; i < ACCEPT_BATCH; i++) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                LOG.debug("{}: accept failed: {}", port.key(), e.toString());
                return;
            }
            if (client == null) {
                return;
            }
            try {
                new TcpSession(port, client).start();
            } catch (IOException e) {
                LOG.debug("{}: could not relay a connection: {}", port.key(), e.toString());
                Closing.quietly(client);
            }
        }
    }

    /** Stops listening; connections already accepted go on. */
    @Override
    public void close() {
        Closing.quietly(server);
    }
}
