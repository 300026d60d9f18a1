package org.kybern.tests.system;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The docker CLI against this machine's dockerd (started by {@code ./kybern test}), for what a test
 * does behind the cluster's back: kill a container, list what a node runs.
 */
final class Docker {

    private Docker() {
    }

    /** Runs {@code docker args…} and returns its standard output; fails the test if docker fails. */
    static String run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish within 60 s");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(command + " failed (" + p.exitValue() + "); is dockerd running? "
                    + "./kybern images starts it:\n" + out);
        }
        return out.trim();
    }

    /** Ids of the containers (running or not) that carry label {@code key=value}. */
    static List<String> containersLabelled(String key, String value) throws Exception {
        String out = run("ps", "-a", "-q", "--no-trunc", "--filter", "label=" + key + "=" + value);
        return out.isEmpty() ? List.of() : List.of(out.split("\\s+"));
    }

    /** Ids of the running containers that carry label {@code key=value}. */
    static List<String> runningLabelled(String key, String value) throws Exception {
        String out = run("ps", "-q", "--no-trunc", "--filter", "label=" + key + "=" + value);
        return out.isEmpty() ? List.of() : List.of(out.split("\\s+"));
    }

    /** The Docker id in a container status' {@code containerID} ({@code docker://<id>}). */
    static String id(String containerId) {
        return containerId.substring(containerId.indexOf("://") + 3);
    }
}
