package org.kybern.kubelet.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Kubernetes' work queue: a key waits at most once, and a key being processed is not handed to a
 * second worker; added again meanwhile, it comes back once the first worker is done.
 */
final class WorkQueue {

    private final Deque<String> queue = new ArrayDeque<>();
    private final Set<String> dirty = new HashSet<>();
    private final Set<String> processing = new HashSet<>();
    private boolean shutDown;

    synchronized void add(String key) {
        if (shutDown || !dirty.add(key)) {
            return;
        }
        if (!processing.contains(key)) {
            queue.add(key);
            notifyAll();
        }
    }

    /** The next key, waiting at most {@code timeout}; empty on time-out or shut-down. */
    synchronized Optional<String> take(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (queue.isEmpty() && !shutDown) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (shutDown) {
            return Optional.empty();
        }
        String key = queue.poll();
        dirty.remove(key);
        processing.add(key);
        return Optional.of(key);
    }

    /** The worker is done with {@code key}; if it was added meanwhile, it waits again. */
    synchronized void done(String key) {
        processing.remove(key);
        if (dirty.contains(key)) {
            queue.add(key);
            notifyAll();
        }
    }

    synchronized int length() {
        return queue.size();
    }

    synchronized void shutDown() {
        shutDown = true;
        notifyAll();
    }
}
