package org.kybern.dns.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The listen address on the loopback device {@code lo}: {@link #add} puts {@code <address>/32} there
 * with {@code ip addr add} when no device has it yet; {@link #remove} takes it away again only if
 * {@link #add} put it there, so that an address another process made stays.
 */
final class LoopbackAddress {

    /** Runs a command and gives its exit code and output. */
    interface Commands {
        Result run(List<String> command) throws IOException;
    }

    /** A finished command. */
    record Result(int exitCode, String output) {
    }

    private final InetAddress address;
    private final Commands commands;
    private boolean added;

    LoopbackAddress(InetAddress address, Commands commands) {
        this.address = address;
        this.commands = commands;
    }

    /** Adds the address to {@code lo} unless it is a loopback address or some device has it already. */
    synchronized void add() throws IOException {
        if (address.isLoopbackAddress() || present()) {
            return;
        }
        Result result = commands.run(List.of("ip", "addr", "add", cidr(), "dev", "lo"));
        if (result.exitCode() != 0 && !present()) {
            throw new IOException("cannot add " + cidr() + " to lo: " + result.output().strip());
        }
        added = result.exitCode() == 0;
    }

    /** Removes the address from {@code lo} if {@link #add} added it. */
    synchronized void remove() throws IOException {
        if (!added) {
            return;
        }
        added = false;
        Result result = commands.run(List.of("ip", "addr", "del", cidr(), "dev", "lo"));
        if (result.exitCode() != 0 && present()) {
            throw new IOException("cannot remove " + cidr() + " from lo: " + result.output().strip());
        }
    }

    private boolean present() throws IOException {
        Result result = commands.run(List.of("ip", "-o", "addr", "show"));
        if (result.exitCode() != 0) {
            throw new IOException("ip addr show failed: " + result.output().strip());
        }
        String inet = (address.getAddress().length == 4 ? "inet " : "inet6 ") + address.getHostAddress() + "/";
        return result.output().contains(inet);
    }

    private String cidr() {
        return address.getHostAddress() + (address.getAddress().length == 4 ? "/32" : "/128");
    }

    /** Runs commands as processes, output and errors together, within 10 s. */
    static final Commands PROCESSES = command -> {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " interrupted", e);
        }
    };
}
