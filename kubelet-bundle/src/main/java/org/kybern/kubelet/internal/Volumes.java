package org.kybern.kubelet.internal;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.kybern.api.runtime.ContainerConfig.Mount;

/**
 * A pod's volumes as host directories under {@code <podDir>/volumes/<plugin>/<name>} (Kubernetes'
 * layout): {@code emptyDir} (empty, world-writable), {@code configMap} and {@code secret} (one file
 * per key or per item, with {@code defaultMode}/{@code mode}), and {@code hostPath} (the host's path).
 */
final class Volumes {

    private static final int DEFAULT_MODE = 0644;

    private Volumes() {
    }

    /**
     * Makes the pod's volumes; returns each volume's host path by name.
     *
     * @throws ContainerConfigError for a missing ConfigMap, Secret or key that is not optional
     * @throws IOException          when the directories cannot be written
     */
    static Map<String, Path> materialize(Pod pod, Path podDir, BiFunction<String, String, Optional<ConfigMap>> configMaps,
            BiFunction<String, String, Optional<Secret>> secrets) throws IOException {
        String ns = pod.getMetadata().getNamespace();
        Map<String, Path> paths = new LinkedHashMap<>();
        for (Volume v : list(pod.getSpec().getVolumes())) {
            if (v.getHostPath() != null) {
                Path host = Path.of(v.getHostPath().getPath());
                String type = v.getHostPath().getType() == null ? "" : v.getHostPath().getType();
                if (type.equals("DirectoryOrCreate")) {
                    Files.createDirectories(host);
                } else if (type.equals("FileOrCreate") && !Files.exists(host)) {
                    Files.createDirectories(host.toAbsolutePath().getParent());
                    Files.createFile(host);
                } else if ((type.equals("Directory") && !Files.isDirectory(host))
                        || (type.equals("File") && !Files.isRegularFile(host))) {
                    throw new ContainerConfigError("hostPath type check failed: " + host + " is not a "
                            + type.toLowerCase());
                }
                paths.put(v.getName(), host);
                continue;
            }
            if (v.getEmptyDir() != null) {
                Path dir = podDir.resolve("volumes/kubernetes.io~empty-dir").resolve(v.getName());
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, permissions(0777));
                paths.put(v.getName(), dir);
                continue;
            }
            if (v.getConfigMap() != null) {
                var source = v.getConfigMap();
                Optional<Map<String, byte[]>> data = configMaps.apply(ns, source.getName()).map(Volumes::bytes);
                paths.put(v.getName(), write(podDir.resolve("volumes/kubernetes.io~configmap").resolve(v.getName()),
                        "configmap", "ConfigMap", ns, source.getName(), data, source.getItems(), source.getDefaultMode(),
                        source.getOptional()));
                continue;
            }
            if (v.getSecret() != null) {
                var source = v.getSecret();
                Optional<Map<String, byte[]>> data = secrets.apply(ns, source.getSecretName()).map(Volumes::bytes);
                paths.put(v.getName(), write(podDir.resolve("volumes/kubernetes.io~secret").resolve(v.getName()),
                        "secret", "Secret", ns, source.getSecretName(), data, source.getItems(), source.getDefaultMode(),
                        source.getOptional()));
            }
            // Other volume kinds are not supported: a mount of one is refused in mounts().
        }
        return paths;
    }

    /** The container's volumeMounts on the host paths; configMap and secret volumes are always read-only. */
    static List<Mount> mounts(Pod pod, Container container, Map<String, Path> volumes) {
        Map<String, Volume> byName = new HashMap<>();
        list(pod.getSpec().getVolumes()).forEach(v -> byName.put(v.getName(), v));
        List<Mount> mounts = new ArrayList<>();
        for (VolumeMount m : list(container.getVolumeMounts())) {
            Path host = volumes.get(m.getName());
            if (host == null) {
                throw new ContainerConfigError(byName.containsKey(m.getName())
                        ? "volume \"" + m.getName() + "\" is of a kind this kubelet does not support (emptyDir, hostPath, configMap, secret)"
                        : "volumeMount " + m.getName() + " names no volume of the pod");
            }
            if (m.getSubPath() != null && !m.getSubPath().isEmpty()) {
                Path sub = host.resolve(m.getSubPath()).normalize();
                if (!sub.startsWith(host)) {
                    throw new ContainerConfigError("subPath " + m.getSubPath() + " leaves its volume");
                }
                host = sub;
            }
            Volume v = byName.get(m.getName());
            boolean readOnly = Boolean.TRUE.equals(m.getReadOnly()) || v.getConfigMap() != null || v.getSecret() != null;
            mounts.add(new Mount(host.toString(), m.getMountPath(), readOnly));
        }
        return mounts;
    }

    /** Writes a ConfigMap's or Secret's keys (or the listed items) as files of {@code dir}; returns {@code dir}. */
    private static Path write(Path dir, String resource, String kind, String ns, String name,
            Optional<Map<String, byte[]>> source, List<KeyToPath> items, Integer defaultMode, Boolean optionalFlag)
            throws IOException {
        boolean optional = Boolean.TRUE.equals(optionalFlag);
        if (source.isEmpty() && !optional) {
            throw new ContainerConfigError(resource + " \"" + name + "\" not found");
        }
        Map<String, byte[]> data = source.orElse(Map.of());
        String what = kind + " " + ns + "/" + name;
        Files.createDirectories(dir);
        int mode = defaultMode == null ? DEFAULT_MODE : defaultMode;
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, Integer> modes = new HashMap<>();
        if (items == null || items.isEmpty()) {
            data.forEach((k, v) -> files.put(k, v));
        } else {
            for (KeyToPath item : items) {
                byte[] value = data.get(item.getKey());
                if (value == null) {
                    if (optional) {
                        continue;
                    }
                    throw new ContainerConfigError("couldn't find key " + item.getKey() + " in " + what);
                }
                files.put(item.getPath(), value);
                if (item.getMode() != null) {
                    modes.put(item.getPath(), item.getMode());
                }
            }
        }
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path file = dir.resolve(f.getKey()).normalize();
            if (!file.startsWith(dir)) {
                throw new ContainerConfigError("item path " + f.getKey() + " leaves its volume");
            }
            Files.createDirectories(file.getParent());
            if (!Files.exists(file) || !Arrays.equals(Files.readAllBytes(file), f.getValue())) {
                Files.write(file, f.getValue());
            }
            Files.setPosixFilePermissions(file, permissions(modes.getOrDefault(f.getKey(), mode)));
        }
        return dir;
    }

    private static Map<String, byte[]> bytes(ConfigMap cm) {
        Map<String, byte[]> data = new LinkedHashMap<>();
        EnvResolver.configMapData(cm).forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
        if (cm.getBinaryData() != null) {
            cm.getBinaryData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
        }
        return data;
    }

    /** Decoded straight to bytes: a secret's value (a key, a keystore) need not be text. */
    private static Map<String, byte[]> bytes(Secret secret) {
        Map<String, byte[]> data = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
        }
        if (secret.getStringData() != null) {
            secret.getStringData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
        }
        return data;
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }
}
