package org.kybern.client.internal;

import java.io.InterruptedIOException;
import java.net.SocketAddress;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.MemoryEndPointPipe;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * A listener of this Karaf's HTTP server that only this JVM can reach: each {@link #connect()} is a
 * pair of in-memory endpoints (Jetty's {@link MemoryEndPointPipe}), the server's end served by HTTP/1.1
 * exactly as a connection on the https port is (the same handlers, filters and servlets, so the same
 * bearer-token authentication), the other end returned to the caller. No socket, no TLS, no selector:
 * bytes go from one end's queue to the other's.
 *
 * <p>Tasks the pipe produces (one end has bytes to read, or room to write again) run at once when Jetty
 * says they do not block, and in the server's thread pool otherwise: the server reading a request and
 * running the servlet is dispatched, like a connection's read on a socket.
 *
 * <p>A {@link ServerConnector} that never opens its socket, because Felix's Jetty takes every connector
 * of its server for one (it reads host and port of each to publish its endpoints, and fails to start
 * on any other kind): {@link #open()} does nothing, and its one acceptor waits for the connector to
 * stop instead of accepting (a thread of the server's pool, parked, and the selector thread every
 * {@code ServerConnector} starts, idle: the price of passing as one). Felix lists it in
 * {@code osgi.http.endpoint}, as {@code http://kybern-in-process:0/}, when it was there as Jetty started.
 */
final class InProcessConnector extends ServerConnector {

    /** What this connector's connections report as their local and remote address. */
    static final SocketAddress ADDRESS = new SocketAddress() {
        @Override
        public String toString() {
            return "kybern-in-process";
        }
    };

    /** Idle timeout when the server has no other connector to take it from: Jetty's default. */
    private static final long DEFAULT_IDLE_MILLIS = 30_000;

    InProcessConnector(Server server) {
        super(server, 1, 1, new HttpConnectionFactory(httpConfiguration()));
        setName("kybern-in-process");
        setHost("kybern-in-process");
        setIdleTimeout(idleTimeoutOf(server));
    }

    private static HttpConfiguration httpConfiguration() {
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        return config;
    }

    /** The idle timeout of the server's other connectors (its https port), so a quiet watch lasts as long here as there. */
    private static long idleTimeoutOf(Server server) {
        for (Connector connector : server.getConnectors()) {
            if (connector.getIdleTimeout() > 0) {
                return connector.getIdleTimeout();
            }
        }
        return DEFAULT_IDLE_MILLIS;
    }

    @Override
    public void open() {
        // No socket: connections are made by connect().
    }

    @Override
    public void close() {
        // No socket to close.
    }

    @Override
    public boolean isOpen() {
        return isStarted();
    }

    @Override
    public void accept(int acceptorID) throws InterruptedIOException {
        // Nothing to accept: wait until stopping interrupts the acceptor.
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            throw new InterruptedIOException("the in-process connector stops");
        }
    }

    /**
     * A new connection to the server: the client's end, open. Closing it (or shutting its output down)
     * is what the server sees as the client going away.
     *
     * @throws IllegalStateException when this connector is not started (the HTTP server stopped or restarting)
     */
    EndPoint connect() {
        if (!isStarted()) {
            throw new IllegalStateException("the in-process connector of this Karaf's HTTP server is " + getState());
        }
        MemoryEndPointPipe pipe = new MemoryEndPointPipe(getScheduler(), this::run, ADDRESS);
        EndPoint server = pipe.getRemoteEndPoint();
        server.setIdleTimeout(getIdleTimeout());
        Connection connection = getDefaultConnectionFactory().newConnection(this, server);
        server.setConnection(connection);
        server.onOpen();
        onEndPointOpened(server);
        connection.addEventListener(new Connection.Listener() {
            @Override
            public void onClosed(Connection closed) {
                onEndPointClosed(server);
            }
        });
        connection.onOpen();
        EndPoint client = pipe.getLocalEndPoint();
        client.onOpen();
        return client;
    }

    private void run(Invocable.Task task) {
        if (Invocable.getInvocationType(task) == Invocable.InvocationType.NON_BLOCKING) {
            task.run();
        } else {
            getExecutor().execute(task);
        }
    }
}
