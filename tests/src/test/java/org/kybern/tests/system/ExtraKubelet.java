package org.kybern.tests.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A further kubelet on this machine, beside the one {@code ./kybern up} starts, as docs/node.md shows:
 * its factory configuration as a file {@code etc/org.kybern.kubelet-<suffix>.cfg} (node
 * {@code <first node>-<suffix>} on a free port, with a token for {@code system:node:<name>}). Removing
 * the file stops it — its containers keep running, as when a kubelet dies — writing it again starts it.
 */
final class ExtraKubelet {

    private final Path config;
    private final String text;
    private final String nodeName;

    private ExtraKubelet(Path config, String text, String nodeName) {
        this.config = config;
        this.text = text;
        this.nodeName = nodeName;
    }

    /** Adds the kubelet's token and starts it. */
    static ExtraKubelet start(KybernCluster cluster, String suffix) throws Exception {
        String name = cluster.nodeName() + "-" + suffix;
        int port = KybernCluster.freePort();
        cluster.addToken("system:node:" + name, "system:nodes");
        ExtraKubelet kubelet = new ExtraKubelet(cluster.stateDir().resolve("karaf/etc/org.kybern.kubelet-" + suffix + ".cfg"),
                "nodeName = " + name + "\nport = " + port + "\n", name);
        kubelet.start();
        return kubelet;
    }

    String nodeName() {
        return nodeName;
    }

    boolean running() {
        return Files.exists(config);
    }

    /** Starts it (again). */
    void start() throws Exception {
        write(config, text);
    }

    /** Stops it; what it ran keeps running until it starts again. */
    void stop() throws Exception {
        Files.deleteIfExists(config);
    }

    /** Writes an etc/ file whole at once (Karaf's file install must never read half of it). */
    static void write(Path file, String content) throws Exception {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
