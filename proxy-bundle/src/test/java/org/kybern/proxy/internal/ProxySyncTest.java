package org.kybern.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kybern.proxy.internal.BackendSwitchTest.port;
import static org.kybern.proxy.internal.BackendSwitchTest.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kybern.api.proxy.ProxyState;

/** The sync thread: coalesced bursts, periodic full syncs, retries with growing back-off, live switches. */
class ProxySyncTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final List<RecordingBackend.Call> journal = Collections.synchronizedList(new ArrayList<>());
    private final RecordingBackend nftables = new RecordingBackend("nftables", journal);
    private final RecordingBackend userspace = new RecordingBackend("userspace", journal);
    private final AtomicReference<ProxyState> desired = new AtomicReference<>(
            state(List.of("127.0.0.1"), port("web", "10.96.1.1", "172.17.0.2")));
    private final BackendSwitch backends = new BackendSwitch(desired::get, "auto");
    private ProxySync sync;

    @AfterEach
    void close() {
        if (sync != null) {
            sync.close();
        }
    }

    @Test
    void aBurstOfEventsCoalescesIntoFewPassesEndingWithTheLastState() {
        backends.add("userspace", userspace);
        sync = start(new ProxySync.Timing(Duration.ofMillis(50), Duration.ofHours(1), Duration.ofMillis(50),
                Duration.ofSeconds(1)));
        await(() -> userspace.programmed() != null);
        long begin = System.nanoTime();
        for (int i = 0; i < 2000; i++) {
            desired.set(state(List.of("127.0.0.1"), port("web", "10.96.1.1", "172.17." + (i / 250) + "." + (i % 250 + 1))));
            sync.markDirty();
        }
        ProxyState last = desired.get();
        await(() -> last.equals(userspace.programmed()));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        long calls = RecordingBackend.texts(journal).size() - 1;
        assertTrue(calls <= elapsedMillis / 50 + 2, calls + " calls in " + elapsedMillis + " ms: not coalesced to one per 50 ms");
        assertTrue(RecordingBackend.texts(journal).stream().skip(1).allMatch(t -> t.equals("userspace.update[ns/web:]")),
                RecordingBackend.texts(journal).toString());
    }

    @Test
    void withoutEventsTheWholeStateIsSyncedAgainEveryResyncPeriod() {
        backends.add("userspace", userspace);
        sync = start(new ProxySync.Timing(Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofMillis(50),
                Duration.ofSeconds(1)));
        await(() -> RecordingBackend.texts(journal).size() >= 4);
        List<RecordingBackend.Call> calls = snapshot();
        for (int i = 0; i < 4; i++) {
            assertEquals("userspace.sync", calls.get(i).text());
            assertEquals(desired.get(), calls.get(i).state());
        }
        for (int i = 1; i < 4; i++) {
            long gap = TimeUnit.NANOSECONDS.toMillis(calls.get(i).nanos() - calls.get(i - 1).nanos());
            assertTrue(gap >= 100, "resync after " + gap + " ms, before its period of 100 ms");
        }
    }

    @Test
    void aFailingBackendIsRetriedWithAGrowingBackOffUntilItTakesTheState() {
        backends.add("userspace", userspace.failNext(3));
        sync = start(new ProxySync.Timing(Duration.ofMillis(10), Duration.ofHours(1), Duration.ofMillis(40),
                Duration.ofSeconds(1)));
        await(() -> desired.get().equals(userspace.programmed()));
        List<RecordingBackend.Call> calls = snapshot();
        assertEquals(List.of("userspace.sync failed", "userspace.sync failed", "userspace.sync failed", "userspace.sync"),
                calls.stream().map(RecordingBackend.Call::text).toList());
        long[] minimum = {40, 80, 160};
        for (int i = 1; i < 4; i++) {
            long gap = TimeUnit.NANOSECONDS.toMillis(calls.get(i).nanos() - calls.get(i - 1).nanos());
            assertTrue(gap >= minimum[i - 1], "retry " + i + " after " + gap + " ms, back-off " + minimum[i - 1] + " ms");
        }
    }

    @Test
    void aModeChangeSwitchesLiveAndARemovedActiveBackendIsReplacedBeforeItIsCleanedUp() throws Exception {
        backends.add("nftables", nftables);
        backends.add("userspace", userspace);
        backends.mode("userspace");
        sync = start(new ProxySync.Timing(Duration.ofMillis(10), Duration.ofHours(1), Duration.ofMillis(50),
                Duration.ofSeconds(1)));
        await(() -> userspace.programmed() != null);
        backends.mode("auto");
        sync.selectionChanged();
        await(() -> "nftables".equals(backends.status().activeMode()) && userspace.programmed() == null);
        CompletableFuture<Void> gone = backends.remove(nftables);
        sync.selectionChanged();
        gone.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertEquals(List.of("userspace.sync", "nftables.sync", "userspace.cleanUp", "userspace.sync", "nftables.cleanUp"),
                RecordingBackend.texts(journal));
        sync.close();
        assertEquals("userspace.cleanUp", RecordingBackend.texts(journal).get(5), "closing cleans up the active backend");
    }

    private ProxySync start(ProxySync.Timing timing) {
        ProxySync s = new ProxySync(backends, timing, "test-sync");
        s.start();
        return s;
    }

    private List<RecordingBackend.Call> snapshot() {
        synchronized (journal) {
            return new ArrayList<>(journal);
        }
    }

    private static void await(BooleanSupplier condition) {
        Await.until(condition, DEADLINE);
    }
}
