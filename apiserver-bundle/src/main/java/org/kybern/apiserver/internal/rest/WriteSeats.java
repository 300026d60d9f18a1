package org.kybern.apiserver.internal.rest;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.kybern.api.store.ForwardingStore;
import org.kybern.api.store.KeyValue;
import org.kybern.api.store.Store;

/**
 * How many writes (create, update, patch, delete) the API server works on at once. More wait for
 * a seat in the order they came, as Kubernetes' API Priority and Fairness queues requests: on two
 * cores, sixty-four writes worked on together take turns on the CPU at the scheduler's whim and
 * some finish far later than the rest; taken in order, each waits about as long as the others.
 * A write that finds no seat within the longest wait gets 429 TooManyRequests.
 *
 * <p>A seat is for the CPU's work on a write, not for its wait for the disk: a write gives its seat up
 * when it hands its change to the store ({@link #givingUpSeats}), whose writes mostly wait until the
 * change is durable (the embedded store's fsync, etcd's raft round). Writes waiting there at the same
 * time share one group commit; holding four seats through that wait let at most four writes share it
 * and kept the cores idle while they waited.
 */
final class WriteSeats {

    static final Duration LONGEST_WAIT = Duration.ofSeconds(60);

    private final Duration longestWait;
    private volatile Semaphore seats;
    /** The seat the calling thread's write holds, if any. */
    private final ThreadLocal<Seat> held = new ThreadLocal<>();

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
        Seat seat = new Held(from);
        held.set(seat);
        return seat;
    }

    /** The calling thread's write gives its seat back now, if it holds one; closing the seat later does nothing. */
    void giveUp() {
        Seat seat = held.get();
        if (seat != null) {
            seat.close();
        }
    }

    /** {@code store} as writes see it: its create, update and delete give the calling write's seat up first. */
    Store givingUpSeats(Store store) {
        return new GivingUp(store);
    }

    /** A seat taken from {@code from}, given back to it once. */
    private final class Held implements Seat {
        private final Semaphore from;
        private final AtomicBoolean given = new AtomicBoolean();

        Held(Semaphore from) {
            this.from = from;
        }

        @Override
        public void close() {
            if (given.compareAndSet(false, true)) {
                held.remove();
                from.release();
            }
        }
    }

    /** A taken seat. */
    interface Seat extends AutoCloseable {
        @Override
        void close();
    }

    /** The store, its writes giving up the seat of the write that calls them. */
    private final class GivingUp extends ForwardingStore {
        private final Store store;

        GivingUp(Store store) {
            this.store = store;
        }

        @Override
        protected Store delegate() {
            return store;
        }

        @Override
        public KeyValue create(String key, byte[] value) {
            giveUp();
            return store.create(key, value);
        }

        @Override
        public KeyValue update(String key, byte[] value, long expectedModRevision) {
            giveUp();
            return store.update(key, value, expectedModRevision);
        }

        @Override
        public KeyValue delete(String key, long expectedModRevision) {
            giveUp();
            return store.delete(key, expectedModRevision);
        }
    }
}
