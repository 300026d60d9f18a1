package org.kybern.runtime.docker.internal;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.kybern.api.runtime.PodSandboxConfig;

/**
 * Turns an idle pool sandbox into a pod's sandbox. Docker fixes a container's labels and hostname
 * at create, so a claim (1) keeps the pod's labels in a file ({@value #LABELS_FILE}) beside the files
 * Docker keeps for the sandbox on this host, from which a restarted runtime reads them back (a file
 * written there costs nothing, where copying it into the container made dockerd start a process),
 * (2) renames the sandbox to the pod's name, and (3) rewrites the hostname, hosts and resolv.conf
 * files that Docker shares from the sandbox into every container joining it (as Kubernetes'
 * dockershim rewrote resolv.conf). The kernel hostname
 * ({@code uname -n}) of a claimed sandbox stays the pool's: Docker offers no way to change it.
 */
final class ClaimedSandboxes {

    static final String LABELS_FILE = "kybern-sandbox-labels";

    private final DockerClient docker;
    private final DockerCalls calls;
    private final Map<String, Map<String, String>> labelsById = new ConcurrentHashMap<>();

    ClaimedSandboxes(DockerClient docker, DockerCalls calls) {
        this.docker = docker;
        this.calls = calls;
    }

    void claim(SandboxPool.Pooled pooled, PodSandboxConfig config, Map<String, String> labels) {
        String action = "claiming pool sandbox " + pooled.id() + " for pod " + config.namespace() + "/" + config.name();
        // Labels first: a runtime that dies before the rename leaves an idle-named sandbox, which the
        // next runtime removes; the other way round it would leave a pod's sandbox nobody can find.
        try {
            writeLabels(labelsFile(pooled.hostnamePath()), labels);
        } catch (IOException e) {
            throw new UncheckedIOException(action + ": cannot write its labels on this host", e);
        }
        calls.run(action, () -> docker.renameContainerCmd(pooled.id()).withName(DockerNames.sandboxName(config)).exec());
        labelsById.put(pooled.id(), Map.copyOf(labels));
        try {
            rewriteSharedFiles(pooled, config);
        } catch (IOException e) {
            throw new UncheckedIOException(action + ": cannot rewrite the sandbox's files on this host", e);
        }
    }

    /** The labels of a claimed sandbox: remembered, else read back from its file (and remembered if found). */
    Map<String, String> labels(String sandboxId) {
        Map<String, String> known = labelsById.get(sandboxId);
        if (known != null) {
            return known;
        }
        Map<String, String> read = readLabels(sandboxId);
        if (!read.isEmpty()) {
            labelsById.put(sandboxId, read);
        }
        return read;
    }

    void forget(String sandboxId) {
        labelsById.remove(sandboxId);
    }

    private Map<String, String> readLabels(String sandboxId) {
        return calls.find("reading the labels of sandbox " + sandboxId, () -> {
            String hostnamePath = docker.inspectContainerCmd(sandboxId).exec().getHostnamePath();
            Path file = hostnamePath == null || hostnamePath.isEmpty() ? null : labelsFile(hostnamePath);
            if (file == null || !Files.isRegularFile(file)) {
                return Map.<String, String>of();
            }
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            return properties.stringPropertyNames().stream()
                    .collect(Collectors.toUnmodifiableMap(key -> key, properties::getProperty));
        }).orElse(Map.of());
    }

    /** Beside the files Docker keeps for the container, so it goes when Docker removes the container. */
    private static Path labelsFile(String hostnamePath) {
        return Path.of(hostnamePath).resolveSibling(LABELS_FILE);
    }

    /** Written whole or not at all: a runtime that dies mid-write leaves no half a label set. */
    private static void writeLabels(Path file, Map<String, String> labels) throws IOException {
        Path written = file.resolveSibling(LABELS_FILE + ".new");
        Files.write(written, properties(labels));
        Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void rewriteSharedFiles(SandboxPool.Pooled pooled, PodSandboxConfig config) throws IOException {
        String hostname = config.hostname() == null || config.hostname().isBlank() ? config.name() : config.hostname();
        Files.writeString(Path.of(pooled.hostnamePath()), hostname + "\n");
        Path hosts = Path.of(pooled.hostsPath());
        String hostsText = Files.readString(hosts).lines()
                .map(line -> line.replaceAll("(\\s)" + java.util.regex.Pattern.quote(pooled.hostname()) + "$", "$1" + hostname))
                .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(hosts, hostsText);
        if (!config.dnsServers().isEmpty()) {
            Files.writeString(Path.of(pooled.resolvConfPath()), resolvConf(config));
        }
    }

    static String resolvConf(PodSandboxConfig config) {
        StringBuilder text = new StringBuilder();
        config.dnsServers().forEach(server -> text.append("nameserver ").append(server).append('\n'));
        if (!config.dnsSearches().isEmpty()) {
            text.append("search ").append(String.join(" ", config.dnsSearches())).append('\n');
        }
        if (!config.dnsOptions().isEmpty()) {
            text.append("options ").append(String.join(" ", config.dnsOptions())).append('\n');
        }
        return text.toString();
    }

    private static byte[] properties(Map<String, String> labels) {
        Properties properties = new Properties();
        properties.putAll(new TreeMap<>(labels));
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "labels of this pod sandbox, kept by Kybern's Docker runtime");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
