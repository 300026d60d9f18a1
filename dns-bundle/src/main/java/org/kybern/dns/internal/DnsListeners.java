package org.kybern.dns.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DNS server's sockets on one address and port: UDP datagrams and TCP connections (each message
 * prefixed with its two-byte length, several per connection). One thread receives on each socket; a
 * small bounded pool answers, so that a slow upstream holds up no other client. When the pool is full
 * a datagram is dropped (the client retries) and a connection closed. No packet ends a thread.
 */
final class DnsListeners implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DnsListeners.class);
    static final int WORKERS = 8;
    private static final int QUEUE = 256;
    private static final int MAX_DATAGRAM = 65535;
    /** How long an idle TCP connection stays open. */
    private static final int TCP_IDLE_MILLIS = 10_000;

    private final QueryHandler handler;
    /** Tries for a port free for UDP and TCP alike, when any port will do. */
    private static final int BIND_ATTEMPTS = 10;

    private DatagramSocket udp;
    private ServerSocket tcp;
    private final ThreadPoolExecutor workers;
    private final Thread udpReceiver;
    private final Thread tcpAcceptor;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Binds both sockets on {@code address} (port 0: any port free for both) and starts answering. */
    DnsListeners(InetSocketAddress address, QueryHandler handler) throws IOException {
        this.handler = handler;
        BindException taken = null;
        for (int attempt = 0; attempt < (address.getPort() == 0 ? BIND_ATTEMPTS : 1); attempt++) {
            DatagramSocket datagrams = new DatagramSocket(null);
            ServerSocket stream = new ServerSocket();
            try {
                datagrams.setReuseAddress(true);
                datagrams.bind(address);
                stream.setReuseAddress(true);
                stream.bind(new InetSocketAddress(address.getAddress(), datagrams.getLocalPort()), 64);
                this.udp = datagrams;
                this.tcp = stream;
                break;
            } catch (IOException e) {
                datagrams.close();
                stream.close();
                if (!(e instanceof BindException bind)) {
                    throw e;
                }
                taken = bind;
            }
        }
        if (udp == null) {
            throw taken;
        }
        AtomicInteger count = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                r -> daemon(r, "kybern-dns-" + count.incrementAndGet()));
        workers.allowCoreThreadTimeOut(true);
        this.udpReceiver = daemon(this::receiveUdp, "kybern-dns-udp");
        this.tcpAcceptor = daemon(this::acceptTcp, "kybern-dns-tcp");
        udpReceiver.start();
        tcpAcceptor.start();
    }

    /** The port both sockets listen on. */
    int port() {
        return udp.getLocalPort();
    }

    private void receiveUdp() {
        byte[] buffer = new byte[MAX_DATAGRAM];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("DNS UDP receive failed: {}", e.toString());
                }
                continue;
            }
            byte[] query = Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
            var client = packet.getSocketAddress();
            submit(() -> {
                byte[] response = handler.respond(query, true);
                if (response != null) {
                    try {
                        udp.send(new DatagramPacket(response, response.length, client));
                    } catch (IOException e) {
                        LOG.debug("DNS UDP send to {} failed: {}", client, e.toString());
                    }
                }
            }, () -> { });
        }
    }

    private void acceptTcp() {
        while (!closed) {
            Socket connection;
            try {
                connection = tcp.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("DNS TCP accept failed: {}", e.toString());
                }
                continue;
            }
            submit(() -> serveTcp(connection), () -> closeQuietly(connection));
        }
    }

    private void serveTcp(Socket connection) {
        connections.add(connection);
        if (closed) {
            closeQuietly(connection);
        }
        try (connection) {
            connection.setSoTimeout(TCP_IDLE_MILLIS);
            DataInputStream in = new DataInputStream(connection.getInputStream());
            DataOutputStream out = new DataOutputStream(connection.getOutputStream());
            while (!closed) {
                int length = in.readUnsignedShort();
                byte[] query = in.readNBytes(length);
                if (query.length < length) {
                    return;
                }
                byte[] response = handler.respond(query, false);
                if (response != null) {
                    out.writeShort(response.length);
                    out.write(response);
                    out.flush();
                }
            }
        } catch (EOFException | SocketTimeoutException | SocketException e) {
            // the client went away or idled: nothing to answer
        } catch (IOException | RuntimeException e) {
            LOG.debug("DNS TCP connection failed: {}", e.toString());
        } finally {
            connections.remove(connection);
        }
    }

    /** Runs {@code task} in the pool, or {@code rejected} when it is full; a task's failure is logged, never thrown. */
    private void submit(Runnable task, Runnable rejected) {
        try {
            workers.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("DNS query failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            rejected.run();
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** Closes both sockets and stops every thread, waiting a little for answers in progress. */
    @Override
    public void close() {
        closed = true;
        udp.close();
        try {
            tcp.close();
        } catch (IOException e) {
            LOG.debug("Closing the DNS TCP socket: {}", e.toString());
        }
        workers.shutdownNow();
        connections.forEach(DnsListeners::closeQuietly);
        try {
            udpReceiver.join(2000);
            tcpAcceptor.join(2000);
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
