package org.kybern.proxy.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The node this proxy runs for when none is configured: the kubelet's default, the host name in lower case. */
final class NodeName {

    private NodeName() {
    }

    /** {@code configured} stripped, or the host name ({@code /proc/sys/kernel/hostname}, else $HOSTNAME) lower case. */
    static String of(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        String name = "";
        try {
            name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            // not Linux: fall back to the environment, as the kubelet does
        }
        if (name.isEmpty()) {
            name = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
