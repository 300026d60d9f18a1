package org.kybern.apiserver.internal;

import io.fabric8.kubernetes.api.model.version.Info;
import io.fabric8.kubernetes.api.model.version.InfoBuilder;
import java.util.Locale;

/**
 * What {@code /version} reports. Kybern reports the Kubernetes version whose API it serves, with
 * its own version as build metadata (as k3s does), so kubectl's version-skew logic sees a
 * Kubernetes it knows.
 */
final class KubernetesVersion {

    private KubernetesVersion() {
    }

    /**
     * @param kubernetesVersion the served Kubernetes API version, e.g. {@code v1.32.0}
     * @param kybernVersion     Kybern's own version, e.g. {@code 0.1.0.SNAPSHOT}
     * @param buildDate         when Kybern was built, RFC 3339
     */
    static Info info(String kubernetesVersion, String kybernVersion, String buildDate) {
        String[] parts = kubernetesVersion == null ? new String[0]
                : kubernetesVersion.replaceFirst("^v", "").split("\\.");
        if (parts.length < 3 || !parts[0].matches("\\d+") || !parts[1].matches("\\d+")) {
            throw new IllegalArgumentException("not a Kubernetes version (vMAJOR.MINOR.PATCH): " + kubernetesVersion);
        }
        String build = kybernVersion.replaceAll("[^0-9A-Za-z.-]", "-");
        return new InfoBuilder()
                .withMajor(parts[0])
                .withMinor(parts[1])
                .withGitVersion(kubernetesVersion + "+kybern-" + build)
                .withGitCommit("")
                .withGitTreeState("clean")
                .withBuildDate(buildDate)
                .withGoVersion("java" + Runtime.version().feature())
                .withCompiler("javac")
                .withPlatform(platform())
                .build();
    }

    /** {@code linux/amd64}, as Go names operating systems and architectures. */
    private static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT).replace(' ', '-');
        String arch = switch (System.getProperty("os.arch")) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> System.getProperty("os.arch");
        };
        return os + "/" + arch;
    }
}
