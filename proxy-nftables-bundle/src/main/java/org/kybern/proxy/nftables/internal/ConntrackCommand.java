package org.kybern.proxy.nftables.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kybern.api.proxy.ProxyException;

/**
 * Runs conntrack-tools' {@code conntrack} command to delete connection-tracking entries that would
 * keep datagrams away from the table's DNAT: the kernel translates only a flow's first packet, and
 * every later one follows the entry made then.
 */
final class ConntrackCommand {

    private static final String INSTALL_HINT = "apt-get install conntrack";
    private static final Pattern DELETED = Pattern.compile("(\\d+) flow entries have been deleted");

    private final String executable;
    private final Duration timeout;

    ConntrackCommand(String executable, Duration timeout) {
        this.executable = executable;
        this.timeout = timeout;
    }

    /**
     * Deletes the UDP flows to {@code clusterIP} whose answers come from {@code answeredBy} - the
     * ClusterIP itself for flows that were not translated, an endpoint's IP for flows translated to it -
     * and returns how many there were.
     */
    int deleteUdp(String clusterIP, String answeredBy) throws ProxyException {
        return delete("-p", "udp", "--orig-dst", clusterIP, "--reply-src", answeredBy);
    }

    private int delete(String... filter) throws ProxyException {
        List<String> args = new ArrayList<>(List.of("-D"));
        args.addAll(List.of(filter));
        String output = run(args.toArray(String[]::new));
        Matcher deleted = DELETED.matcher(output);
        return deleted.find() ? Integer.parseInt(deleted.group(1)) : 0;
    }

    /**
     * Runs {@code conntrack args...} and returns what it says on standard error (its summary); the flows
     * it prints on standard output, one line each and possibly many, are discarded. Exit status 1 with
     * "0 flow entries" is no failure: nothing matched.
     */
    private String run(String... args) throws ProxyException {
        List<String> command = new ArrayList<>(List.of(executable));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new ProxyException(String.join(" ", command) + " did not finish within " + timeout);
            }
            String output = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0 && !output.contains(" 0 flow entries")) {
                throw new ProxyException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): "
                        + output);
            }
            return output;
        } catch (IOException e) {
            throw new ProxyException("cannot run " + executable + " (" + e.getMessage() + "): install conntrack-tools ("
                    + INSTALL_HINT + ") or configure the conntrack path", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProxyException("interrupted while running " + executable, e);
        }
    }
}
