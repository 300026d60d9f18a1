package org.kybern.kubelet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kybern.api.runtime.ContainerConfig.Mount;

class VolumesTest {

    @TempDir
    Path dir;

    private Pod pod(String hostPath) {
        return new PodBuilder().withNewMetadata().withName("web").withNamespace("shop").withUid("u-1").endMetadata()
                .withNewSpec()
                .addNewVolume().withName("scratch").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("config").withNewConfigMap().withName("settings").withDefaultMode(0640)
                .endConfigMap().endVolume()
                .addNewVolume().withName("tls").withNewSecret().withSecretName("certs").addNewItem().withKey("tls.key")
                .withPath("keys/server.key").withMode(0600).endItem().endSecret().endVolume()
                .addNewVolume().withName("host").withNewHostPath().withPath(hostPath).withType("DirectoryOrCreate")
                .endHostPath().endVolume()
                .endSpec().build();
    }

    @Test
    void volumesBecomeHostDirectoriesWithTheirFilesAndModes() throws Exception {
        Path host = dir.resolve("host-data");
        Pod pod = pod(host.toString());
        Map<String, Path> volumes = Volumes.materialize(pod, dir.resolve("pods/u-1"),
                (ns, name) -> Optional.of(new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
                        .addToData("app.conf", "mode=fast\n").build()),
                (ns, name) -> Optional.of(new SecretBuilder().withNewMetadata().withName(name).endMetadata()
                        .addToData("tls.key", Base64.getEncoder().encodeToString("KEY".getBytes(StandardCharsets.UTF_8)))
                        .addToData("tls.crt", Base64.getEncoder().encodeToString("CRT".getBytes(StandardCharsets.UTF_8)))
                        .build()));
        Path scratch = volumes.get("scratch");
        assertEquals(dir.resolve("pods/u-1/volumes/kubernetes.io~empty-dir/scratch"), scratch);
        assertEquals("rwxrwxrwx", PosixFilePermissions.toString(Files.getPosixFilePermissions(scratch)));
        Path conf = volumes.get("config").resolve("app.conf");
        assertEquals("mode=fast\n", Files.readString(conf));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(conf)));
        Path key = volumes.get("tls").resolve("keys/server.key");
        assertEquals("KEY", Files.readString(key));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertTrue(Files.notExists(volumes.get("tls").resolve("tls.crt")), "items: only the listed keys");
        assertTrue(Files.isDirectory(host), "DirectoryOrCreate");
        assertEquals(host, volumes.get("host"));

        Container c = new ContainerBuilder().withName("app")
                .addNewVolumeMount().withName("scratch").withMountPath("/tmp/scratch").endVolumeMount()
                .addNewVolumeMount().withName("config").withMountPath("/etc/app").endVolumeMount()
                .addNewVolumeMount().withName("host").withMountPath("/data").withSubPath("sub").withReadOnly(true)
                .endVolumeMount().build();
        assertEquals(List.of(new Mount(scratch.toString(), "/tmp/scratch", false),
                new Mount(volumes.get("config").toString(), "/etc/app", true),
                new Mount(host.resolve("sub").toString(), "/data", true)), Volumes.mounts(pod, c, volumes));
    }

    @Test
    void aMissingConfigMapIsAConfigErrorUnlessOptional() {
        Pod pod = pod(dir.resolve("h").toString());
        ContainerConfigError e = assertThrows(ContainerConfigError.class, () -> Volumes.materialize(pod, dir,
                (ns, name) -> Optional.empty(), (ns, name) -> Optional.empty()));
        assertEquals("configmap \"settings\" not found", e.getMessage());
    }

    @Test
    void mountsOfUnknownVolumesOrEscapingSubPathsAreRefused() {
        Pod pod = pod(dir.resolve("h").toString());
        Container unknown = new ContainerBuilder().withName("app").addNewVolumeMount().withName("nope")
                .withMountPath("/x").endVolumeMount().build();
        assertThrows(ContainerConfigError.class, () -> Volumes.mounts(pod, unknown, Map.of()));
        Container escaping = new ContainerBuilder().withName("app").addNewVolumeMount().withName("scratch")
                .withMountPath("/x").withSubPath("../../etc").endVolumeMount().build();
        assertThrows(ContainerConfigError.class, () -> Volumes.mounts(pod, escaping, Map.of("scratch", dir.resolve("s"))));
    }
}
