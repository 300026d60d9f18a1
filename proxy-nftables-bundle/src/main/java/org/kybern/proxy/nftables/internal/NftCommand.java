package org.kybern.proxy.nftables.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.kybern.api.proxy.ProxyException;

/** Runs the {@code nft} command with a deadline: scripts on standard input, queries as arguments. */
final class NftCommand {

    static final String INSTALL_HINT = "apt-get install nftables";

    private final String executable;
    private final Duration timeout;

    NftCommand(String executable, Duration timeout) {
        this.executable = executable;
        this.timeout = timeout;
    }

    /** Applies {@code script} in one transaction ({@code nft -f -}); nothing of it applies on failure. */
    void apply(String script) throws ProxyException {
        run(script, "-f", "-");
    }

    /** Runs {@code nft args...} and returns its standard output. */
    String query(String... args) throws ProxyException {
        return run("", args);
    }

    /**
     * Why nft cannot program this host: not installed, or not allowed (not root); {@code null} when it
     * can list the tables.
     */
    String unusableReason() {
        try {
            query("list", "tables");
            return null;
        } catch (ProxyException e) {
            return e.getMessage();
        }
    }

    private String run(String stdin, String... args) throws ProxyException {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new ProxyException("cannot run " + executable + " (" + e.getMessage() + "): install nftables ("
                    + INSTALL_HINT + ") or configure the nft path", e);
        }
        FutureTask<String> out = drain(process.getInputStream());
        FutureTask<String> err = drain(process.getErrorStream());
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // nft exited before reading everything; its exit status and stderr tell why
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new ProxyException(String.join(" ", command) + " did not finish within " + timeout);
            }
            if (process.exitValue() != 0) {
                throw new ProxyException(failure(String.join(" ", command), process.exitValue(),
                        err.get(timeout.toMillis(), TimeUnit.MILLISECONDS)));
            }
            return out.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ProxyException("interrupted while running " + executable, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ProxyException("cannot read the output of " + executable, e);
        }
    }

    private static String failure(String command, int status, String stderr) {
        String message = command + " failed (exit " + status + "): " + stderr.strip();
        if (stderr.contains("Operation not permitted")) {
            return message + " (nft needs root or CAP_NET_ADMIN)";
        }
        return message;
    }

    /** Reads {@code stream} to its end on a thread of its own, so nft never blocks on a full pipe. */
    private static FutureTask<String> drain(InputStream stream) {
        FutureTask<String> task = new FutureTask<>(() -> {
            try (stream) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                stream.transferTo(bytes);
                return bytes.toString(StandardCharsets.UTF_8);
            }
        });
        Thread thread = new Thread(task, "nft-output");
        thread.setDaemon(true);
        thread.start();
        return task;
    }
}
