package org.kybern.runtime.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kybern.api.runtime.ImageInfo;
import org.kybern.api.runtime.RegistryAuth;
import org.kybern.api.runtime.RuntimeOperationException;

/**
 * Images on the real dockerd: load from a {@code docker save} tarball, and pull with credentials
 * from a local registry (Debian's docker-registry with htpasswd auth on 127.0.0.1) started here.
 */
class ImagesTest {

    private static final String USER = "kybern";
    private static final String PASSWORD = "s3cret-" + TestPods.RUN;

    private static DockerRuntime runtime;
    private static Path work;
    private static Process registry;
    private static String registryAddress;
    private static final List<String> imagesToRemove = new ArrayList<>();

    @BeforeAll
    static void startRegistry() throws Exception {
        runtime = TestPods.runtime(0);
        work = Files.createTempDirectory("kybern-images-test");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        registryAddress = "127.0.0.1:" + port;
        // The registry's htpasswd file, bcrypt as `htpasswd -B` writes it (Bouncy Castle comes with docker-java).
        byte[] salt = new byte[16];
        new java.security.SecureRandom().nextBytes(salt);
        Files.writeString(work.resolve("htpasswd"), USER + ":"
                + org.bouncycastle.crypto.generators.OpenBSDBCrypt.generate("2y", PASSWORD.toCharArray(), salt, 5) + "\n");
        Files.writeString(work.resolve("config.yml"), String.join("\n", "version: 0.1", "storage:", "  filesystem:",
                "    rootdirectory: " + work.resolve("data"), "http:", "  addr: " + registryAddress, "auth:",
                "  htpasswd:", "    realm: kybern-test", "    path: " + work.resolve("htpasswd"), ""));
        registry = new ProcessBuilder("/usr/bin/docker-registry", "serve", work.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("registry.log").toFile()).start();
        TestPods.await("the registry to listen on " + registryAddress, Duration.ofSeconds(15), () -> listens(port));
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        imagesToRemove.forEach(image -> runtime.removeImage(image));
        if (registry != null) {
            registry.destroy();
            if (!registry.waitFor(10, TimeUnit.SECONDS)) {
                registry.destroyForcibly();
            }
        }
        if (work != null) {
            command(work, "rm", "-rf", work.toString());
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void importsADockerSaveTarball() throws Exception {
        String tag = "kybern/import-test:" + TestPods.RUN;
        imagesToRemove.add(tag);
        command(work, "docker", "tag", TestPods.BUSYBOX, tag);
        command(work, "docker", "save", "-o", work.resolve("image.tar").toString(), tag);
        runtime.removeImage(tag);
        assertTrue(runtime.imageStatus(tag).isEmpty());

        assertEquals(List.of(tag), runtime.importImage(work.resolve("image.tar")));
        ImageInfo image = runtime.imageStatus(tag).orElseThrow();
        assertTrue(image.tags().contains(tag));
        assertTrue(runtime.listImages().stream().anyMatch(listed -> listed.tags().contains(tag)));
        runtime.removeImage(tag);
        runtime.removeImage(tag);
        assertTrue(runtime.imageStatus(tag).isEmpty(), "removed, and removing again is no error");
        Files.writeString(work.resolve("junk.tar"), "not an image");
        assertThrows(RuntimeOperationException.class, () -> runtime.importImage(work.resolve("junk.tar")));
    }

    @Test
    void pullsFromARegistryWithTheRightCredentialsOnly() throws Exception {
        String image = registryAddress + "/kybern/pull-test:" + TestPods.RUN;
        imagesToRemove.add(image);
        Path dockerConfig = Files.createDirectories(work.resolve("docker-config"));
        command(work, "docker", "--config", dockerConfig.toString(), "login", registryAddress, "-u", USER, "-p", PASSWORD);
        command(work, "docker", "tag", TestPods.BUSYBOX, image);
        command(work, "docker", "--config", dockerConfig.toString(), "push", image);
        runtime.removeImage(image);
        assertTrue(runtime.imageStatus(image).isEmpty());

        RuntimeOperationException refused = assertThrows(RuntimeOperationException.class,
                () -> runtime.pullImage(image, new RegistryAuth(registryAddress, USER, "wrong")));
        assertTrue(refused.getMessage().contains("pulling image " + image), refused.getMessage());
        assertTrue(refused.getMessage().contains("unauthorized"), refused.getMessage());
        assertFalse(refused.getMessage().contains(PASSWORD), "no password in messages");
        assertTrue(runtime.imageStatus(image).isEmpty());

        String id = runtime.pullImage(image, new RegistryAuth(registryAddress, USER, PASSWORD));
        assertEquals(runtime.imageStatus(image).orElseThrow().id(), id);
    }

    private static boolean listens(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void command(Path dir, String... command) throws IOException, InterruptedException {
        File log = dir.resolve("command.log").toFile();
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " failed: " + Files.readString(log.toPath(), StandardCharsets.UTF_8));
        }
    }
}
