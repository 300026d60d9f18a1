package org.kybern.proxy.nftables.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the shell tools the kernel tests set their network up with ({@code ip}, {@code nft}). */
final class Commands {

    private Commands() {
    }

    /** Runs {@code command} to its end (10 s at most) and returns its output; fails on a non-zero exit. */
    static String run(String... command) {
        Result result = attempt(command);
        if (result.status() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + result.output());
        }
        return result.output();
    }

    /** Runs {@code command} and returns its exit status and output (stdout and stderr together). */
    static Result attempt(String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within 10 s");
            }
            return new Result(process.exitValue(),
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command)
                    + " (the kernel tests need root, iproute2, nftables and python3)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A finished command. */
    record Result(int status, String output) {
    }
}
