package org.kybern.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.kybern.api.store.Store;
import org.kybern.api.store.Watch;
import org.kybern.api.store.WatchEvent;
import org.kybern.store.internal.EmbeddedStore;

/**
 * Durable writes per second and watch delivery latency of the embedded store, each beside a
 * reference measured in the same run on the same disk:
 * <ul>
 *   <li>writes/s against <b>raw fsync/s</b>: one thread appending a record and forcing it to disk,
 *       the most a store that syncs each write on its own could do;</li>
 *   <li>watch latency (write call → event received) against the <b>write's own latency</b>
 *       (write call → acknowledged).</li>
 * </ul>
 * Usage: {@code bench/run store [writers=64] [seconds=10]}.
 */
public final class StoreBench {

    private static final byte[] VALUE = new byte[1024];

    private StoreBench() {
    }

    public static void main(String[] args) throws Exception {
        int writers = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path dir = Files.createTempDirectory("kybern-store-bench");
        try {
            System.out.printf("Kybern store benchmark: %d s per figure, 1 KiB values, data in %s%n%n", seconds, dir);
            double fsyncs = rawFsyncsPerSecond(dir.resolve("raw"), seconds);
            double one = writesPerSecond(dir.resolve("embedded-1"), 1, seconds);
            double many = writesPerSecond(dir.resolve("embedded-" + writers), writers, seconds);
            System.out.printf("%-44s %12.0f /s   (reference)%n", "raw fsync (1 thread, write + force)", fsyncs);
            System.out.printf("%-44s %12.0f /s   %6.2f x raw fsync%n", "embedded store, 1 writer", one, one / fsyncs);
            System.out.printf("%-44s %12.0f /s   %6.2f x raw fsync%n", "embedded store, " + writers + " writers", many,
                    many / fsyncs);
            System.out.println();
            watchLatency(dir.resolve("embedded-watch"), Math.max(1, seconds / 2));
        } finally {
            deleteRecursively(dir);
        }
    }

    /** The reference: how many record appends one thread can force to this disk per second. */
    private static double rawFsyncsPerSecond(Path file, int seconds) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long start = System.nanoTime();
            long n = 0;
            while (System.nanoTime() < end) {
                ch.write(ByteBuffer.wrap(VALUE));
                ch.force(false);
                n++;
            }
            return n / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Acknowledged (durable) creates per second with {@code writers} threads writing distinct keys. */
    private static double writesPerSecond(Path dir, int writers, int seconds) throws Exception {
        EmbeddedStore store = open(dir);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            AtomicLong written = new AtomicLong();
            CountDownLatch go = new CountDownLatch(1);
            long[] window = new long[2];
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; System.nanoTime() < window[1]; i++) {
                        store.create("/registry/bench/" + writer + "/" + i, VALUE);
                        written.incrementAndGet();
                    }
                    return null;
                }));
            }
            // Warm up (JIT, file allocation) for a third of the time, then measure.
            long warmUp = TimeUnit.SECONDS.toNanos(seconds) / 3;
            window[0] = System.nanoTime() + warmUp;
            window[1] = window[0] + TimeUnit.SECONDS.toNanos(seconds);
            go.countDown();
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(warmUp));
            long before = written.get();
            for (Future<?> f : done) {
                f.get();
            }
            return (written.get() - before) / ((System.nanoTime() - window[0]) / 1e9);
        } finally {
            pool.shutdownNow();
            store.deactivate();
        }
    }

    /** p50/p99 of write call → watch event, beside p50/p99 of write call → acknowledgement. */
    private static void watchLatency(Path dir, int seconds) throws Exception {
        Store store = open(dir);
        LinkedBlockingQueue<Long> received = new LinkedBlockingQueue<>();
        List<Long> ack = new ArrayList<>();
        List<Long> delivered = new ArrayList<>();
        try (Watch watch = store.watch("/registry/watched/", 0, (WatchEvent e) -> received.add(System.nanoTime()))) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            for (int i = 0; System.nanoTime() < end; i++) {
                long start = System.nanoTime();
                store.create("/registry/watched/" + i, VALUE);
                ack.add(System.nanoTime() - start);
                Long at = received.poll(10, TimeUnit.SECONDS);
                if (at == null) {
                    throw new IllegalStateException("no watch event within 10 s");
                }
                delivered.add(at - start);
            }
        } finally {
            ((EmbeddedStore) store).deactivate();
        }
        double ackP50 = percentile(ack, 50);
        double ackP99 = percentile(ack, 99);
        double watchP50 = percentile(delivered, 50);
        double watchP99 = percentile(delivered, 99);
        System.out.printf("%-44s p50 %8.3f ms   p99 %8.3f ms   (reference, %d writes)%n",
                "write acknowledged (1 writer)", ackP50, ackP99, ack.size());
        System.out.printf("%-44s p50 %8.3f ms   p99 %8.3f ms   %5.2f x / %5.2f x the write%n",
                "watch event received", watchP50, watchP99, watchP50 / ackP50, watchP99 / ackP99);
    }

    private static double percentile(List<Long> nanos, int p) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static EmbeddedStore open(Path dir) throws IOException {
        return EmbeddedStore.open(dir, 100_000, 64L << 20);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
