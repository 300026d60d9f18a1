package org.kybern.apiserver.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

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
}
