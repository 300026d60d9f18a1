package org.kybern.controller.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * What a controller is still waiting to see in its caches after it created or deleted pods, as
 * Kubernetes' controller expectations: while creations or deletions it made are not yet observed, its
 * cache is stale and it must not act on the count again (it would create or delete twice). Expectations
 * older than five minutes are given up, in case an event was missed.
 */
final class Expectations {

    static final Duration TIMEOUT = Duration.ofMinutes(5);

    private record Pending(int creations, Set<String> deletions, long since) {
    }

    private final Map<String, Pending> pending = new HashMap<>();
    private final LongSupplier nanos;

    Expectations(LongSupplier nanos) {
        this.nanos = nanos;
    }

    /** Whether the cache has caught up with everything the controller did for {@code key}. */
    synchronized boolean satisfied(String key) {
        Pending p = pending.get(key);
        if (p == null || p.creations() <= 0 && p.deletions().isEmpty()) {
            return true;
        }
        return nanos.getAsLong() - p.since() > TIMEOUT.toNanos();
    }

    /** The controller is about to create {@code creations} pods and delete the pods with these UIDs. */
    synchronized void expect(String key, int creations, Set<String> deletions) {
        pending.put(key, new Pending(creations, new HashSet<>(deletions), nanos.getAsLong()));
    }

    /** A pod the controller created appeared (or its creation failed and will not appear). */
    synchronized void creationObserved(String key) {
        pending.computeIfPresent(key, (k, p) -> new Pending(p.creations() - 1, p.deletions(), p.since()));
    }

    /** The pod with this UID is being deleted or gone (or its deletion failed). */
    synchronized void deletionObserved(String key, String uid) {
        Pending p = pending.get(key);
        if (p != null) {
            p.deletions().remove(uid);
        }
    }

    /** The owner is gone. */
    synchronized void forget(String key) {
        pending.remove(key);
    }
}
