package org.kybern.proxy.userspace.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.kybern.api.proxy.ProxyException;

/** Runs iproute2's {@code ip} command and reports its failures as {@link ProxyException}s. */
final class IpCommand {

    private static final long TIMEOUT_SECONDS = 10;

    private final String command;

    IpCommand(String command) {
        this.command = command;
    }

    /** Runs {@code ip <args>} and returns its output; a non-zero exit fails with the output as message. */
    String run(String... args) throws ProxyException {
        List<String> line = new ArrayList<>();
        line.add(command);
        line.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new ProxyException(String.join(" ", line) + " did not end within " + TIMEOUT_SECONDS + " s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0) {
                throw new ProxyException(String.join(" ", line) + " failed (exit " + process.exitValue() + "): "
                        + output);
            }
            return output;
        } catch (IOException e) {
            throw new ProxyException(String.join(" ", line) + " could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProxyException(String.join(" ", line) + " interrupted", e);
        }
    }

    /** Whether the command exists: an executable path, or a name found on the {@code PATH}. */
    boolean exists() {
        if (command.contains(File.separator)) {
            return Files.isExecutable(Path.of(command));
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return command;
    }
}
