package org.kybern.kubelet.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Kubernetes' restart back-off for crashed containers: the first restart is immediate, then each
 * restart waits 10 s, 20 s, 40 s … up to 5 min after the container exited. A container that ran
 * for 10 minutes, or that has not been restarted for 10 minutes, starts over at 10 s.
 */
final class CrashBackOff {

    static final Duration INITIAL = Duration.ofSeconds(10);
    static final Duration MAX = Duration.ofMinutes(5);
    static final Duration RESET_AFTER = Duration.ofMinutes(10);

    private record Entry(Duration delay, Instant updated) {
    }

    private final Map<String, Entry> entries = new HashMap<>();

    /**
     * How long the container of {@code key} that exited at {@code finishedAt} after starting at
     * {@code startedAt} still has to wait at {@code now}; zero when it may be restarted now.
     */
    synchronized Duration remaining(String key, Instant startedAt, Instant finishedAt, Instant now) {
        Entry entry = current(key, startedAt, finishedAt, now);
        if (entry == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, finishedAt.plus(entry.delay()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Records a restart at {@code now}: the next one waits twice as long (at most {@link #MAX}). */
    synchronized void restarted(String key, Instant startedAt, Instant finishedAt, Instant now) {
        Entry entry = current(key, startedAt, finishedAt, now);
        Duration next = entry == null ? INITIAL : min(entry.delay().multipliedBy(2), MAX);
        entries.put(key, new Entry(next, now));
    }

    /** Forgets the keys starting with {@code prefix} (a pod that is gone). */
    synchronized void forget(String prefix) {
        entries.keySet().removeIf(k -> k.startsWith(prefix));
    }

    private Entry current(String key, Instant startedAt, Instant finishedAt, Instant now) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        boolean ranLong = startedAt != null && finishedAt != null
                && Duration.between(startedAt, finishedAt).compareTo(RESET_AFTER) >= 0;
        boolean quietLong = Duration.between(entry.updated(), now).compareTo(RESET_AFTER) >= 0;
        if (ranLong || quietLong) {
            entries.remove(key);
            return null;
        }
        return entry;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
