package org.kybern.kubelet.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** What this machine has, read from {@code /proc} and the JVM, without any network lookup. */
final class HostResources {

    private HostResources() {
    }

    static int processors() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** MemTotal of /proc/meminfo in bytes. */
    static long memoryBytes() {
        return meminfo("MemTotal").orElse(Runtime.getRuntime().maxMemory());
    }

    /** MemAvailable of /proc/meminfo in bytes, if known. */
    static Optional<Long> availableMemoryBytes() {
        return meminfo("MemAvailable");
    }

    private static Optional<Long> meminfo(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.US_ASCII)) {
                if (line.startsWith(field + ":")) {
                    String kb = line.substring(field.length() + 1).replace("kB", "").trim();
                    return Optional.of(Long.parseLong(kb) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The host name as Kubernetes names nodes after it (lower case), as the API server reads it. */
    static String hostName() {
        String name = read("/proc/sys/kernel/hostname");
        if (name.isEmpty()) {
            name = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /** Go's GOARCH for the JVM's os.arch. */
    static String arch() {
        String arch = System.getProperty("os.arch", "");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
    }

    static String osImage() {
        for (String line : read("/etc/os-release").split("\n")) {
            if (line.startsWith("PRETTY_NAME=")) {
                return line.substring("PRETTY_NAME=".length()).replace("\"", "");
            }
        }
        return System.getProperty("os.name", "");
    }

    static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
