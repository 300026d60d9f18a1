package org.kybern.proxy.userspace.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.kybern.api.proxy.ServicePort.Endpoint;

/**
 * A test endpoint on one loopback address and port: over TCP it answers {@code name} with its name,
 * {@code sink} by reading to the end and answering the SHA-256 of what it read, {@code source <n>} with
 * {@link #data n pseudo-random bytes}, {@code zeros <n>} with n zero bytes (fast, for the benchmark);
 * over UDP it answers each datagram with {@code <name> <datagram>}.
 * One thread per connection (threads named {@code test-...}), which is fine for a test server.
 */
final class NameEndpoint implements Closeable {

    private final String name;
    private final ServerSocket server;
    private final DatagramSocket udp;
    private final List<Socket> connections = new ArrayList<>();

    NameEndpoint(String name, String address) throws IOException {
        this.name = name;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(address, 0), 512);
        this.udp = new DatagramSocket(new InetSocketAddress(address, server.getLocalPort()));
        start("test-endpoint-" + name + "-accept", this::accept);
        start("test-endpoint-" + name + "-udp", this::echo);
    }

    /** This endpoint as a service port's endpoint. */
    Endpoint endpoint() {
        return new Endpoint(server.getInetAddress().getHostAddress(), server.getLocalPort(), "node", name);
    }

    String name() {
        return name;
    }

    /** The bytes {@code source <n>} sends: deterministic, so that the receiver can check them. */
    static byte[] data(int n) {
        byte[] data = new byte[n];
        new Random(n).nextBytes(data);
        return data;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void start(String threadName, Runnable body) {
        Thread thread = new Thread(body, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                synchronized (connections) {
                    connections.add(socket);
                }
                start("test-endpoint-" + name + "-conn", () -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (String line = readLine(in); line != null; line = readLine(in)) {
                if (line.equals("name")) {
                    out.write((name + "\n").getBytes(StandardCharsets.UTF_8));
                } else if (line.equals("sink")) {
                    out.write((sha256(in.readAllBytes()) + "\n").getBytes(StandardCharsets.UTF_8));
                    return;
                } else if (line.startsWith("source ")) {
                    out.write(data(Integer.parseInt(line.substring(7))));
                    return;
                } else if (line.startsWith("zeros ")) {
                    zeros(out, Long.parseLong(line.substring(6)));
                    return;
                }
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private void echo() {
        byte[] buffer = new byte[2048];
        while (!udp.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                byte[] reply = (name + " " + new String(packet.getData(), 0, packet.getLength(),
                        StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                udp.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void zeros(OutputStream out, long n) throws IOException {
        byte[] chunk = new byte[256 * 1024];
        for (long left = n; left > 0; left -= chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
    }

    /** One line of {@code in} without its newline, reading no byte past it; null at the end. */
    static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.length() == 0 ? null : line.toString();
            }
            line.append((char) b);
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
        udp.close();
        synchronized (connections) {
            for (Socket socket : connections) {
                socket.close();
            }
        }
    }
}
