package org.kybern.scheduler.internal;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.LongSupplier;

/**
 * Kubernetes' scheduling queue: pods waiting for a node. The active queue hands out the pod of highest
 * priority, the earliest first among equals; a pod that failed waits in back-off (1 s, doubling to
 * 10 s) or, when it did not fit, in the unschedulable pool until the cluster changes (a node added or
 * changed, a pod deleted) or a minute passes. Thread-safe.
 */
final class SchedulingQueue {

    static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    /** Kubernetes retries unschedulable pods at least this often even when nothing seems to change. */
    static final Duration UNSCHEDULABLE_FLUSH = Duration.ofSeconds(60);

    /** A waiting pod and what the queue knows of it. */
    static final class Entry {
        Pod pod;
        final String key;
        final long added;
        final long sequence;
        int attempts;
        long readyAt;
        /** When the last attempt failed: back-off and the unschedulable pool's minute count from here. */
        long failedAt;
        /** The move-request count when this pod's last attempt began. */
        long cycle;

        Entry(Pod pod, String key, long added, long sequence) {
            this.pod = pod;
            this.key = key;
            this.added = added;
            this.sequence = sequence;
        }

        int priority() {
            Integer p = pod.getSpec() == null ? null : pod.getSpec().getPriority();
            return p == null ? 0 : p;
        }
    }

    private final LongSupplier nanos;
    private final Map<String, Entry> known = new HashMap<>();
    private final PriorityQueue<Entry> active = new PriorityQueue<>(Comparator.comparingInt(Entry::priority)
            .reversed().thenComparingLong(e -> e.added).thenComparingLong(e -> e.sequence));
    private final PriorityQueue<Entry> backoff = new PriorityQueue<>(Comparator.comparingLong(e -> e.readyAt));
    private final Map<String, Entry> unschedulable = new HashMap<>();
    /** Pods taken by the loop and not yet done, with their latest version if it changed meanwhile. */
    private final Map<String, Entry> inFlight = new HashMap<>();
    private long moveRequests;
    private long sequence;
    private boolean closed;

    SchedulingQueue(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** A pending pod appeared or changed: queued, or its queued copy updated (an unschedulable one retried if more than its status changed). */
    synchronized void add(Pod pod) {
        String key = ClusterSnapshot.key(pod);
        Entry flying = inFlight.get(key);
        if (flying != null) {
            flying.pod = pod;
            return;
        }
        Entry entry = known.get(key);
        if (entry == null) {
            entry = new Entry(pod, key, nanos.getAsLong(), sequence++);
            known.put(key, entry);
            active.add(entry);
            notifyAll();
            return;
        }
        Pod old = entry.pod;
        entry.pod = pod;
        if (unschedulable.containsKey(key) && isPodUpdated(old, pod)) {
            unschedulable.remove(key);
            toBackoffOrActive(entry);
        }
    }

    /**
     * Kubernetes' isPodUpdated: whether a pod changed beyond its status, resource version, generation,
     * managed fields and finalizers. The scheduler's own PodScheduled=False condition is no reason to retry.
     */
    static boolean isPodUpdated(Pod old, Pod now) {
        return !Objects.equals(old.getSpec(), now.getSpec()) || !Objects.equals(stripped(old), stripped(now));
    }

    private static ObjectMeta stripped(Pod pod) {
        if (pod.getMetadata() == null) {
            return null;
        }
        ObjectMeta meta = new ObjectMetaBuilder(pod.getMetadata()).build();
        meta.setResourceVersion(null);
        meta.setGeneration(null);
        meta.setManagedFields(null);
        meta.setFinalizers(null);
        return meta;
    }

    /** The pod is gone, or no longer waits for a node. */
    synchronized void delete(String key) {
        Entry entry = known.remove(key);
        inFlight.remove(key);
        if (entry != null) {
            active.remove(entry);
            backoff.remove(entry);
            unschedulable.remove(key);
        }
    }

    /**
     * The next pod to schedule, waiting up to {@code timeout} for one; null if none came or the queue was
     * closed. The pod stays known (in flight) until {@link #done}, {@link #unschedulable} or {@link #retry}.
     */
    synchronized Entry take(Duration timeout) throws InterruptedException {
        long deadline = nanos.getAsLong() + timeout.toNanos();
        while (!closed) {
            long now = nanos.getAsLong();
            promote(now);
            Entry next = active.poll();
            if (next != null) {
                next.cycle = moveRequests;
                inFlight.put(next.key, next);
                return next;
            }
            long wait = deadline - now;
            if (wait <= 0) {
                return null;
            }
            Entry soonest = backoff.peek();
            if (soonest != null) {
                wait = Math.min(wait, soonest.readyAt - now);
            }
            long millis = Math.max(1, wait / 1_000_000);
            wait(millis);
        }
        return null;
    }

    /** The pod was placed (bound, or left to another): the queue forgets it, not a newer pod of the same name. */
    synchronized void done(Entry entry) {
        inFlight.remove(entry.key, entry);
        known.remove(entry.key, entry);
    }

    /**
     * The pod fitted no node. If the cluster changed while it was being tried it backs off and tries
     * again; otherwise it waits in the unschedulable pool for a change.
     */
    synchronized void unschedulable(Entry entry) {
        if (inFlight.remove(entry.key) == null || !known.containsKey(entry.key)) {
            return;
        }
        entry.attempts++;
        entry.failedAt = nanos.getAsLong();
        if (moveRequests > entry.cycle) {
            toBackoffOrActive(entry);
        } else {
            unschedulable.put(entry.key, entry);
        }
    }

    /** The attempt failed for a passing reason (an error, a failed binding): back off and try again. */
    synchronized void retry(Entry entry) {
        if (inFlight.remove(entry.key) == null || !known.containsKey(entry.key)) {
            return;
        }
        entry.attempts++;
        entry.failedAt = nanos.getAsLong();
        toBackoffOrActive(entry);
    }

    /** The cluster changed so that pods which did not fit may fit now: every unschedulable pod is tried again. */
    synchronized void moveAllToActiveOrBackoff() {
        moveRequests++;
        for (Entry entry : unschedulable.values()) {
            toBackoffOrActive(entry);
        }
        unschedulable.clear();
    }

    /** Pods waiting, in all three places and in flight. */
    synchronized int size() {
        return known.size();
    }

    synchronized int unschedulableCount() {
        return unschedulable.size();
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** As Kubernetes: still backing off (counted from the last failure) or ready at once. */
    private void toBackoffOrActive(Entry entry) {
        long readyAt = entry.readyAt = entry.failedAt + backoffFor(entry.attempts).toNanos();
        if (entry.attempts == 0 || readyAt <= nanos.getAsLong()) {
            active.add(entry);
        } else {
            backoff.add(entry);
        }
        notifyAll();
    }

    private void promote(long now) {
        while (!backoff.isEmpty() && backoff.peek().readyAt <= now) {
            active.add(backoff.poll());
        }
        if (!unschedulable.isEmpty()) {
            var it = unschedulable.values().iterator();
            while (it.hasNext()) {
                Entry entry = it.next();
                if (now - entry.failedAt >= UNSCHEDULABLE_FLUSH.toNanos()) {
                    it.remove();
                    toBackoffOrActive(entry);
                }
            }
        }
    }

    /** 1 s after the first failure, doubling per attempt, at most 10 s. */
    static Duration backoffFor(int attempts) {
        if (attempts <= 0) {
            return Duration.ZERO;
        }
        long seconds = INITIAL_BACKOFF.toSeconds() << Math.min(attempts - 1, 10);
        return Duration.ofSeconds(Math.min(seconds, MAX_BACKOFF.toSeconds()));
    }
}
