package org.kybern.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
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
import org.kybern.store.etcd.internal.EtcdStore;
import org.kybern.store.internal.EmbeddedStore;

/**
 * Durable writes per second and watch delivery latency of both stores, each beside a reference
 * measured in the same run on the same machine:
 * <ul>
 *   <li>store writes/s against <b>raw etcd puts/s</b> (jetcd puts from as many threads, no
 *       transaction) and, for the embedded store, against <b>raw fsync/s</b> (one thread
 *       appending and forcing a record);</li>
 *   <li>watch latency (write call → event received) against the <b>write's own latency</b>.</li>
 * </ul>
 * Usage: {@code bench/run store [writers=64] [seconds=10]}; {@code bench/run} starts the etcd.
 */
public final class StoreBench {

    private static final byte[] VALUE = new byte[1024];

    private StoreBench() {
    }

    /** One write by writer {@code writer}, its {@code i}-th. */
    private interface WriteOp {
        void write(int writer, long i) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int writers = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String etcd = System.getProperty("kybern.bench.etcd");
        if (etcd == null) {
            throw new IllegalArgumentException("set -Dkybern.bench.etcd=<client URL> (bench/run starts an etcd)");
        }
        Path dir = Files.createTempDirectory("kybern-store-bench");
        try (Client client = Client.builder().endpoints(etcd).build();
                EtcdStore etcdStore = EtcdStore.connect(List.of(etcd), "/registry", Duration.ofSeconds(30))) {
            System.out.printf("Kybern store benchmark: %d s per figure (after a warm-up), 1 KiB values, %d writers%n",
                    seconds, writers);
            System.out.printf("etcd %s, embedded store data in %s%n%n", etcd, dir);

            KV kv = client.getKVClient();
            double rawEtcd = perSecond(writers, seconds, (w, i) -> kv.put(
                    ByteSequence.from("/registry/bench-raw/" + w + "/" + i, StandardCharsets.UTF_8),
                    ByteSequence.from(VALUE)).get());
            double etcdStoreRate = perSecond(writers, seconds,
                    (w, i) -> etcdStore.create("/registry/bench-store/" + w + "/" + i, VALUE));
            EmbeddedStore embedded = EmbeddedStore.open(dir.resolve("embedded"), 100_000, 64L << 20);
            double embeddedRate;
            double embeddedOne;
            try {
                embeddedRate = perSecond(writers, seconds, (w, i) -> embedded.create("/registry/bench/" + w + "/" + i, VALUE));
                embeddedOne = perSecond(1, seconds, (w, i) -> embedded.create("/registry/bench-one/" + i, VALUE));
            } finally {
                embedded.deactivate();
            }
            double fsyncs = rawFsyncsPerSecond(dir.resolve("raw-fsync"), seconds);

            System.out.println("Durable writes per second");
            row("raw etcd put, " + writers + " threads", rawEtcd, "(reference)");
            row("etcd store create, " + writers + " writers", etcdStoreRate, ratio(etcdStoreRate, rawEtcd, "raw etcd"));
            row("embedded store create, " + writers + " writers", embeddedRate, ratio(embeddedRate, rawEtcd, "raw etcd"));
            row("raw fsync, 1 thread", fsyncs, "(reference)");
            row("embedded store create, 1 writer", embeddedOne, ratio(embeddedOne, fsyncs, "raw fsync"));
            row("embedded store create, " + writers + " writers", embeddedRate, ratio(embeddedRate, fsyncs, "raw fsync"));
            System.out.println();

            System.out.println("Watch delivery (write call -> event), 1 writer");
            EmbeddedStore watched = EmbeddedStore.open(dir.resolve("embedded-watch"), 100_000, 64L << 20);
            try {
                watchLatency("embedded store", watched, Math.max(1, seconds / 2));
            } finally {
                watched.deactivate();
            }
            watchLatency("etcd store", etcdStore, Math.max(1, seconds / 2));
        } finally {
            deleteRecursively(dir);
        }
    }

    /** Operations per second with {@code writers} threads, measured after a warm-up of a third of the time. */
    private static double perSecond(int writers, int seconds, WriteOp op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            AtomicLong done = new AtomicLong();
            CountDownLatch go = new CountDownLatch(1);
            long warmUp = TimeUnit.SECONDS.toNanos(seconds) / 3;
            long[] window = new long[2];
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                running.add(pool.submit(() -> {
                    go.await();
                    for (long i = 0; System.nanoTime() < window[1]; i++) {
                        op.write(writer, i);
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            window[0] = System.nanoTime() + warmUp;
            window[1] = window[0] + TimeUnit.SECONDS.toNanos(seconds);
            go.countDown();
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(warmUp));
            long before = done.get();
            for (Future<?> f : running) {
                f.get();
            }
            return (done.get() - before) / ((System.nanoTime() - window[0]) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The embedded store's disk reference: record appends one thread can force per second. */
    private static double rawFsyncsPerSecond(Path file, int seconds) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            long n = 0;
            while (System.nanoTime() < end) {
                ch.write(ByteBuffer.wrap(VALUE));
                ch.force(false);
                n++;
            }
            return n / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** p50/p99 of write call → watch event, beside p50/p99 of write call → acknowledgement. */
    private static void watchLatency(String name, Store store, int seconds) throws Exception {
        LinkedBlockingQueue<Long> received = new LinkedBlockingQueue<>();
        List<Long> ack = new ArrayList<>();
        List<Long> delivered = new ArrayList<>();
        String prefix = "/registry/bench-watch/" + System.nanoTime() + "/";
        try (Watch watch = store.watch(prefix, 0, e -> received.add(System.nanoTime()))) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            for (int i = 0; System.nanoTime() < end; i++) {
                long start = System.nanoTime();
                store.create(prefix + i, VALUE);
                ack.add(System.nanoTime() - start);
                Long at = received.poll(10, TimeUnit.SECONDS);
                if (at == null) {
                    throw new IllegalStateException(name + ": no watch event within 10 s");
                }
                delivered.add(at - start);
            }
        }
        double ackP50 = percentile(ack, 50);
        double ackP99 = percentile(ack, 99);
        double p50 = percentile(delivered, 50);
        double p99 = percentile(delivered, 99);
        System.out.printf("  %-42s p50 %8.3f ms   p99 %8.3f ms   (reference, %d writes)%n",
                name + ": write acknowledged", ackP50, ackP99, ack.size());
        System.out.printf("  %-42s p50 %8.3f ms   p99 %8.3f ms   %5.2f x / %5.2f x the write%n",
                name + ": watch event received", p50, p99, p50 / ackP50, p99 / ackP99);
    }

    private static void row(String what, double perSecond, String note) {
        System.out.printf("  %-42s %10.0f /s   %s%n", what, perSecond, note);
    }

    private static String ratio(double value, double reference, String name) {
        return String.format("%6.2f x %s", value / reference, name);
    }

    private static double percentile(List<Long> nanos, int p) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
