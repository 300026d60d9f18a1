package org.kybern.tests.etcd;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.kybern.api.store.KeyValue;
import org.kybern.api.store.StoreException;
import org.kybern.api.store.Watch;
import org.kybern.store.etcd.internal.EtcdStore;

/**
 * A 3-member etcd cluster loses its leader (SIGKILL) while four writers write through the etcd
 * store: the others elect a new leader, writes go on, no acknowledged write is lost, and a watch
 * opened before sees every acknowledged write (resumed after reconnecting, without gaps).
 */
class EtcdMemberLossTest {

    @Test
    void writesContinueAndNoAcknowledgedWriteIsLostWhenAMemberDies() throws Exception {
        try (EtcdCluster cluster = EtcdCluster.start(3);
                EtcdStore store = EtcdStore.connect(cluster.endpoints(), "/registry", Duration.ofSeconds(15))) {
            Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
            Set<String> watched = ConcurrentHashMap.newKeySet();
            List<Long> watchedRevisions = new CopyOnWriteArrayList<>();
            Watch watch = store.watch("/registry/member-loss/", 0, event -> {
                watched.add(event.current().key());
                watchedRevisions.add(event.revision());
            });
            AtomicInteger failed = new AtomicInteger();
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService writers = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                done.add(writers.submit(() -> {
                    for (int i = 0; writing.get() && i < 100_000; i++) {
                        String key = "/registry/member-loss/" + writer + "/" + i;
                        try {
                            store.create(key, key.getBytes(UTF_8));
                            acknowledged.add(key);
                        } catch (StoreException unavailable) {
                            failed.incrementAndGet(); // not acknowledged: may or may not be stored
                        }
                    }
                    return null;
                }));
            }
            try {
                awaitAcks(acknowledged, 500, Duration.ofSeconds(60));
                cluster.kill(cluster.leader());
                int atKill = acknowledged.size();
                awaitAcks(acknowledged, atKill + 500, Duration.ofSeconds(90));
            } finally {
                writing.set(false);
                for (Future<?> f : done) {
                    f.get(120, TimeUnit.SECONDS);
                }
                writers.shutdownNow();
            }

            List<String> lost = new ArrayList<>();
            for (String key : acknowledged) {
                KeyValue kv = store.get(key).orElse(null);
                if (kv == null || !kv.valueAsString().equals(key)) {
                    lost.add(key);
                }
            }
            assertEquals(List.of(), lost, "acknowledged writes missing after losing a member");
            Duration patience = Duration.ofSeconds(60);
            long deadline = System.nanoTime() + patience.toNanos();
            while (!watched.containsAll(acknowledged) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            watch.close();
            List<String> unseen = acknowledged.stream().filter(k -> !watched.contains(k)).limit(10).toList();
            assertEquals(List.of(), unseen, "acknowledged writes the watch never delivered");
            for (int i = 1; i < watchedRevisions.size(); i++) {
                assertTrue(watchedRevisions.get(i) > watchedRevisions.get(i - 1), "watch events in revision order");
            }
            assertTrue(acknowledged.size() >= 1000, "writes went on after the member died: " + acknowledged.size()
                    + " acknowledged, " + failed.get() + " failed");
        }
    }

    private static void awaitAcks(Queue<String> acknowledged, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acknowledged.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + acknowledged.size() + " of " + count
                        + " writes acknowledged within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }
}
