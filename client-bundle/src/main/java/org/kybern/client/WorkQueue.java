package org.kybern.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A queue of object keys for reconcile loops (controllers, the kubelet's pod workers), as client-go's
 * rate-limited work queue: a key waiting is queued
 * once however often it is added; a key being reconciled is never handed to a second worker, and when
 * it was added meanwhile it comes back once the first is done; a key that failed comes back after a
 * back-off that doubles per failure (5 ms to 5 min) until it is {@link #forget forgotten}.
 */
public final class WorkQueue {

    public static final Duration BASE_DELAY = Duration.ofMillis(5);
    public static final Duration MAX_DELAY = Duration.ofMinutes(5);

    private final ScheduledExecutorService timer;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private final Set<String> dirty = new HashSet<>();
    private final Set<String> processing = new HashSet<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private boolean shutDown;

    /** @param timer runs delayed adds; shared, owned by the caller */
    public WorkQueue(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    public synchronized void add(String key) {
        if (shutDown || !dirty.add(key)) {
            return;
        }
        if (!processing.contains(key)) {
            queue.add(key);
            notify();
        }
    }

    /** Adds the key once {@code delay} has passed. */
    public void addAfter(String key, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            add(key);
            return;
        }
        synchronized (this) {
            if (shutDown) {
                return;
            }
        }
        timer.schedule(() -> add(key), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Adds the key after its back-off, which doubles with each failure since it was last forgotten. */
    public void addRateLimited(String key) {
        addAfter(key, backOff(key));
    }

    synchronized Duration backOff(String key) {
        int n = failures.merge(key, 1, Integer::sum);
        long nanos = BASE_DELAY.toNanos() << Math.min(n - 1, 40);
        return nanos <= 0 || nanos > MAX_DELAY.toNanos() ? MAX_DELAY : Duration.ofNanos(nanos);
    }

    /** The key succeeded: its next failure starts the back-off afresh. */
    public synchronized void forget(String key) {
        failures.remove(key);
    }

    synchronized int failures(String key) {
        return failures.getOrDefault(key, 0);
    }

    /** The next key to reconcile, waiting for one up to {@code timeout}; null on timeout or shutdown. */
    public synchronized String take(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (queue.isEmpty() && !shutDown) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (shutDown) {
            return null;
        }
        String key = queue.poll();
        processing.add(key);
        dirty.remove(key);
        return key;
    }

    /** The worker finished with the key; if it was added meanwhile it is queued again. */
    public synchronized void done(String key) {
        processing.remove(key);
        if (dirty.contains(key) && !shutDown) {
            queue.add(key);
            notify();
        }
    }

    public synchronized int length() {
        return queue.size();
    }

    public synchronized void shutDown() {
        shutDown = true;
        notifyAll();
    }
}
