package org.kybern.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Lets benchmarks that run side by side ({@code bench/compare}) start a phase together: each marks
 * the directory {@code -Dkybern.bench.together} when it is ready for the phase and waits until
 * {@code -Dkybern.bench.parties} have. Two runs compared on one machine see the same load only if
 * their measured phases overlap, and warm-ups of different lengths would shift them apart. Without
 * the properties (a run alone) {@link #await} returns at once.
 */
final class Together {

    private static final long DEADLINE_MINUTES = 15;

    private final Path dir;
    private final int parties;

    private Together(Path dir, int parties) {
        this.dir = dir;
        this.parties = parties;
    }

    static Together fromProperties() {
        String dir = System.getProperty("kybern.bench.together", "");
        return new Together(dir.isEmpty() ? null : Path.of(dir), Integer.getInteger("kybern.bench.parties", 1));
    }

    /** Waits until every party is ready for {@code phase}, or {@value #DEADLINE_MINUTES} min have passed (then says so). */
    void await(String phase) throws InterruptedException {
        if (dir == null || parties <= 1) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(phase + "." + ProcessHandle.current().pid()), "");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(DEADLINE_MINUTES);
            while (ready(phase) < parties) {
                if (System.nanoTime() > deadline) {
                    System.out.printf("the other runs were not ready for the %s phase within %d min; going on alone%n",
                            phase, DEADLINE_MINUTES);
                    return;
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot meet the other runs in " + dir, e);
        }
    }

    private long ready(String phase) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(phase + ".")).count();
        }
    }
}
