package org.kybern.apiserver.internal.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.osgi.framework.BundleContext;

/**
 * Where the API server keeps its secrets: {@code ${karaf.data}/kybern/pki/} (CA and serving
 * certificate) and {@code ${karaf.data}/kybern/tokens.csv}. Other bundles and the {@code kybern}
 * script read these paths, so they do not change.
 */
final class KybernFiles {

    private KybernFiles() {
    }

    /** {@code ${karaf.data}/kybern}, or the bundle's own data area outside Karaf. */
    static Path kybernDir(BundleContext context) {
        String karafData = context.getProperty("karaf.data");
        return karafData != null ? Path.of(karafData, "kybern") : context.getDataFile("kybern").toPath();
    }

    static Path pkiDir(BundleContext context) {
        return kybernDir(context).resolve("pki");
    }

    static Path tokenFile(BundleContext context) {
        return kybernDir(context).resolve(TokenFile.FILE_NAME);
    }

    /**
     * This machine's host name as Kubernetes names nodes after it (lower case), read without a
     * name lookup so no DNS query leaves the machine.
     */
    static String nodeName() {
        String name = null;
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                name = Files.readString(kernel, StandardCharsets.US_ASCII).trim();
            }
        } catch (IOException e) {
            name = null;
        }
        if (name == null || name.isEmpty()) {
            name = System.getenv().getOrDefault("HOSTNAME", System.getenv().getOrDefault("COMPUTERNAME", "localhost"));
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
