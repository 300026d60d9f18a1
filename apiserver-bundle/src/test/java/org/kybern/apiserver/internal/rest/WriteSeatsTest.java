package org.kybern.apiserver.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.kybern.api.store.Store;

class WriteSeatsTest {

    @Test
    void writesBeyondTheSeatsWaitAndGoInTheOrderTheyCame() throws Exception {
        WriteSeats seats = new WriteSeats(1);
        List<Integer> order = new CopyOnWriteArrayList<>();
        WriteSeats.Seat first = seats.take();
        CountDownLatch done = new CountDownLatch(3);
        for (int i = 1; i <= 3; i++) {
            int n = i;
            Thread t = new Thread(() -> {
                try (WriteSeats.Seat seat = seats.take()) {
                    order.add(n);
                }
                done.countDown();
            });
            t.start();
            // Each waiter queues before the next starts (a fair semaphore keeps that order).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (t.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }
        assertFalse(done.await(100, TimeUnit.MILLISECONDS), "no write may go while the only seat is taken");
        first.close();
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of(1, 2, 3), order);
    }

    @Test
    void aWriteThatFindsNoSeatInTimeIsTold429() {
        WriteSeats seats = new WriteSeats(1, Duration.ofMillis(50));
        try (WriteSeats.Seat taken = seats.take()) {
            ApiException refused = assertThrows(ApiException.class, seats::take);
            assertEquals(429, refused.code());
            assertEquals("TooManyRequests", refused.reason());
        }
        seats.take().close(); // the seat given back is free again
    }

    @Test
    void aWriteGivesItsSeatUpWhileTheStoreMakesItsChangeDurable() throws Exception {
        WriteSeats seats = new WriteSeats(1, Duration.ofMillis(200));
        CountDownLatch inStore = new CountDownLatch(1);
        CountDownLatch durable = new CountDownLatch(1);
        // A store whose create waits, as a write waits for the disk, until the test lets it finish.
        Store slowDisk = (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("create")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    inStore.countDown();
                    assertTrue(durable.await(5, TimeUnit.SECONDS));
                    return null;
                });
        Store store = seats.givingUpSeats(slowDisk);
        Thread first = new Thread(() -> {
            try (WriteSeats.Seat seat = seats.take()) {
                store.create("/registry/pods/default/first", new byte[0]);
            }
        });
        first.start();
        try {
            assertTrue(inStore.await(5, TimeUnit.SECONDS));
            try (WriteSeats.Seat second = seats.take()) { // 429 if the first write still held the only seat
                assertTrue(first.isAlive(), "the second write got its seat while the first waited in the store");
            }
        } finally {
            durable.countDown();
            first.join(TimeUnit.SECONDS.toMillis(5));
        }
        // The first write's seat went back once, when it was given up, not again when the write ended.
        try (WriteSeats.Seat only = seats.take()) {
            assertEquals(429, assertThrows(ApiException.class, seats::take).code());
        }
    }
}
