package org.kybern.store.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kybern.api.store.KeyValue;

/**
 * Crash durability, for real: a separate JVM writes with 16 threads and logs every acknowledged
 * write; it is killed with SIGKILL in the middle of the storm; the store reopened from its
 * directory has every acknowledged key with its value.
 */
class EmbeddedStoreCrashTest {

    private static final int ACKS_BEFORE_KILL = 3000;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedWriteSurvivesKillMinusNine() throws Exception {
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> acknowledged = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(writer.getInputStream(), UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String line;
            while (acknowledged.size() < ACKS_BEFORE_KILL && (line = lines.readLine()) != null
                    && System.nanoTime() < deadline) {
                if (line.startsWith("ACK ")) {
                    acknowledged.add(line.substring(4));
                }
            }
            // SIGKILL while the writers run: no shutdown hooks, no flushing. Acknowledgements still
            // in the pipe are not counted; every one counted must survive.
            writer.destroyForcibly();
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS), "the writer is gone");
        } finally {
            writer.destroyForcibly();
        }
        assertTrue(acknowledged.size() >= ACKS_BEFORE_KILL, "the writer was killed mid-storm, after "
                + acknowledged.size() + " acknowledged writes");

        EmbeddedStore reopened = StoreFiles.open(dir);
        try {
            List<String> lost = new ArrayList<>();
            for (String key : acknowledged) {
                Optional<KeyValue> kv = reopened.get(key);
                if (kv.isEmpty() || !kv.get().valueAsString().equals("value of " + key)) {
                    lost.add(key);
                }
            }
            assertEquals(List.of(), lost, "acknowledged writes missing after the crash");
            assertTrue(reopened.currentRevision() >= acknowledged.size());
        } finally {
            reopened.deactivate();
        }
    }
}
