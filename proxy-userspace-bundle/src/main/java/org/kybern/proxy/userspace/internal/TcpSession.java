package org.kybern.proxy.userspace.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.kybern.api.proxy.ServicePort.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One relayed TCP connection: connects (non-blocking) to an endpoint the service port's picker chooses,
 * trying each other endpoint once when a connection fails, then copies both directions until both ended.
 * Lives on the relay loop.
 */
final class TcpSession implements RelayLoop.Handler, Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(TcpSession.class);

    private final PortRelay port;
    private final SocketChannel client;
    private final String clientIp;
    private final Set<Endpoint> tried = new HashSet<>();
    private SelectionKey clientKey;
    private SocketChannel upstream;
    private SelectionKey upstreamKey;
    private int attempt;
    private boolean connected;
    private boolean closed;
    private Flow toUpstream;
    private Flow toClient;

    TcpSession(PortRelay port, SocketChannel client) throws IOException {
        this.port = port;
        this.client = client;
        this.clientIp = ((InetSocketAddress) client.getRemoteAddress()).getAddress().getHostAddress();
    }

    /** Registers the session and starts connecting to the first endpoint. */
    void start() throws IOException {
        clientKey = port.loop().register(client, 0, this);
        port.sessions().opened(this, port.stats());
        connectNext();
    }

    private void connectNext() {
        Optional<Endpoint> endpoint = port.picker().pick(clientIp, tried);
        if (endpoint.isEmpty()) {
            LOG.debug("{}: no endpoint left for {} (tried {})", port.key(), clientIp, tried);
            close();
            return;
        }
        tried.add(endpoint.get());
        int thisAttempt = ++attempt;
        try {
            upstream = SocketChannel.open();
            upstream.setOption(StandardSocketOptions.TCP_NODELAY, true);
            upstreamKey = port.loop().register(upstream, 0, this);
            if (upstream.connect(new InetSocketAddress(endpoint.get().ip(), endpoint.get().port()))) {
                connected();
            } else {
                upstreamKey.interestOps(SelectionKey.OP_CONNECT);
                long timeout = TimeUnit.SECONDS.toMillis(port.settings().connectTimeoutSeconds());
                port.loop().schedule(timeout, () -> connectTimedOut(thisAttempt));
            }
        } catch (IOException e) {
            failed(e);
        }
    }

    private void connectTimedOut(int timedOutAttempt) {
        if (!closed && !connected && attempt == timedOutAttempt) {
            connectFailed(new IOException("connect timed out"));
        }
    }

    private void connectFailed(IOException e) {
        LOG.debug("{}: connecting {} to an endpoint failed: {}", port.key(), clientIp, e.toString());
        Closing.quietly(upstream);
        upstream = null;
        connectNext();
    }

    private void connected() throws IOException {
        toUpstream = new Flow(client, upstream, port.buffers());
        toClient = new Flow(upstream, client, port.buffers());
        connected = true;
        client.setOption(StandardSocketOptions.TCP_NODELAY, true);
        interest();
    }

    @Override
    public void ready(SelectionKey key) {
        if (closed) {
            return;
        }
        try {
            if (!connected) {
                if (key.channel() == upstream && upstream.finishConnect()) {
                    connected();
                }
                return;
            }
            step(toUpstream, key);
            step(toClient, key);
            if (toUpstream.done() && toClient.done()) {
                close();
            } else {
                interest();
            }
        } catch (IOException e) {
            failed(e);
        }
    }

    /** Before the endpoint answered: the next endpoint is tried; after: the connection ends. */
    private void failed(IOException e) {
        if (connected) {
            LOG.trace("{}: relay of {} ended: {}", port.key(), clientIp, e.toString());
            close();
        } else {
            connectFailed(e);
        }
    }

    private static void step(Flow flow, SelectionKey key) throws IOException {
        if (flow.reads((SocketChannel) key.channel()) && key.isReadable()) {
            flow.pump();
        } else if (!flow.reads((SocketChannel) key.channel()) && key.isWritable()) {
            flow.flush();
        }
    }

    private void interest() {
        clientKey.interestOps(ops(toUpstream, toClient));
        upstreamKey.interestOps(ops(toClient, toUpstream));
    }

    private static int ops(Flow readFromChannel, Flow writeToChannel) {
        return (readFromChannel.wantsRead() ? SelectionKey.OP_READ : 0)
                | (writeToChannel.wantsWrite() ? SelectionKey.OP_WRITE : 0);
    }

    /** Ends the connection on both sides at once. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Closing.quietly(client);
        Closing.quietly(upstream);
        if (connected) {
            toUpstream.release();
            toClient.release();
        }
        port.sessions().closed(this, port.stats());
    }
}
