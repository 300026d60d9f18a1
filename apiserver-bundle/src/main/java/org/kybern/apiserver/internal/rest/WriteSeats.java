package org.kybern.apiserver.internal.rest;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How many writes (create, update, patch, delete) the API server works on at once. More wait for
 * a seat in the order they came, as Kubernetes' API Priority and Fairness queues requests: on two
 * cores, sixty-four writes worked on together take turns on the CPU at the scheduler's whim and
 * some finish far later than the rest; taken in order, each waits about as long as the others.
 * A write that finds no seat within the longest wait gets 429 TooManyRequests.
 */
final class WriteSeats {

    static final Duration LONGEST_WAIT = Duration.ofSeconds(60);

    private final Duration longestWait;
    private volatile Semaphore seats;

    WriteSeats(int count) {
        this(count, LONGEST_WAIT);
    }

    WriteSeats(int count, Duration longestWait) {
        this.longestWait = longestWait;
        resize(count);
    }

    /** Writes from now on share {@code count} seats; those seated keep theirs. */
    void resize(int count) {
        seats = new Semaphore(Math.max(1, count), true);
    }

    /** Waits for a seat; closing the returned seat gives it back. */
    Seat take() {
        Semaphore from = seats;
        try {
            if (!from.tryAcquire(longestWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new ApiException(429, "TooManyRequests", "the server has received too many requests and "
                        + "has asked us to try again later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "ServiceUnavailable", "the server is shutting down");
        }
        return from::release;
    }

    /** A taken seat. */
    interface Seat extends AutoCloseable {
        @Override
        void close();
    }
}
