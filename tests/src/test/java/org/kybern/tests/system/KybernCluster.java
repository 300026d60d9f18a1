package org.kybern.tests.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A cluster started the way a user starts one, {@code ./kybern up}, from a state directory of
 * its own on free loopback ports, so a developer's cluster is untouched. Commands run with the
 * cluster's environment.
 */
final class KybernCluster {

    static final Path ROOT = Path.of(System.getProperty("kybern.root", "..")).toAbsolutePath().normalize();
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(4);

    private final Map<String, String> env = new HashMap<>();
    private final int apiPort;
    private final Path stateDir;

    /** The output and exit code of a command. */
    record Result(int exitCode, String output) {
    }

    private KybernCluster(Path stateDir) throws IOException {
        this.stateDir = stateDir;
        this.apiPort = freePort();
        env.put("KYBERN_STATE_DIR", stateDir.toString());
        env.put("KYBERN_API_PORT", Integer.toString(apiPort));
        env.put("KYBERN_SSH_PORT", Integer.toString(freePort()));
        env.put("KYBERN_RMI_PORT", Integer.toString(freePort()));
        env.put("KYBERN_NO_BUILD", "1");
    }

    /** Runs {@code ./kybern up} for a state directory under {@code target/} and checks it says ready. */
    static KybernCluster up(String name) throws Exception {
        Path stateDir = Path.of("target", name).toAbsolutePath();
        if (Files.exists(stateDir)) {
            // A previous run's cluster and data: stop it if it still runs, then start clean.
            new KybernCluster(stateDir).kybern("down");
            try (Stream<Path> files = Files.walk(stateDir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        KybernCluster cluster = new KybernCluster(Files.createDirectories(stateDir));
        Result up = cluster.kybern("up");
        if (up.exitCode() != 0 || !up.output().contains("ready")) {
            cluster.kybern("down");
            throw new AssertionError("./kybern up failed:\n" + up.output());
        }
        return cluster;
    }

    int apiPort() {
        return apiPort;
    }

    String server() {
        return "http://127.0.0.1:" + apiPort;
    }

    Path stateDir() {
        return stateDir;
    }

    Result kybern(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("kybern").toString());
        command.addAll(List.of(args));
        return run(command);
    }

    /** Starts a command that runs on (a watch); the caller reads its output and stops it. */
    Process start(List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }

    Result run(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + COMMAND_TIMEOUT);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
