package org.kybern.proxy.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's one sync thread, level-triggered: any event only marks the state dirty; the thread
 * then runs a {@link BackendSwitch#pass} over the whole state, at most once per {@code minInterval}
 * (bursts coalesce), a full sync every {@code resync} even without events, and after a failure a retry
 * with exponential back-off.
 */
final class ProxySync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProxySync.class);

    /** How often the thread may and must pass, and how it backs off after failures. */
    record Timing(Duration minInterval, Duration resync, Duration firstBackOff, Duration maxBackOff) {

        /** Production timing: 50 ms coalescing, back-off 1 s doubling to the resync period (at most 30 s). */
        static Timing of(int resyncSeconds) {
            Duration resync = Duration.ofSeconds(Math.max(1, resyncSeconds));
            Duration max = resync.compareTo(Duration.ofSeconds(30)) < 0 ? resync : Duration.ofSeconds(30);
            return new Timing(Duration.ofMillis(50), resync, Duration.ofSeconds(1), max);
        }
    }

    private final BackendSwitch backends;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Thread thread;
    private Timing timing;
    private boolean dirty = true;
    private boolean started;
    private boolean closed;
    private long lastPass;
    private long nextFull;
    /** When the next retry after a failure is due; only meaningful while {@link #failing}. */
    private long retryAt;
    private boolean failing;
    private long backOff;
    private volatile long passes;

    ProxySync(BackendSwitch backends, Timing timing, String threadName) {
        this.backends = backends;
        this.timing = timing;
        this.backOff = timing.firstBackOff().toNanos();
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    /** Starts passing; the first pass is at once. Call once the caches hold the cluster's state. */
    void start() {
        lock.lock();
        try {
            if (started || closed) {
                return;
            }
            started = true;
            long now = System.nanoTime();
            lastPass = now - timing.minInterval().toNanos();
            nextFull = now; // the first pass is a full one
        } finally {
            lock.unlock();
        }
        thread.start();
    }

    /** Something changed: a pass follows within the coalescing interval (or at the retry, while failing). */
    void markDirty() {
        lock.lock();
        try {
            dirty = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The mode or the registered backends changed: pass soon even while backing off, since another
     * backend may be chosen now.
     */
    void selectionChanged() {
        lock.lock();
        try {
            dirty = true;
            failing = false;
            backOff = timing.firstBackOff().toNanos();
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** New timing (the resync period changed); applies from the next wait. */
    void timing(Timing newTiming) {
        lock.lock();
        try {
            timing = newTiming;
            nextFull = Math.min(nextFull, System.nanoTime() + newTiming.resync().toNanos());
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean started() {
        lock.lock();
        try {
            return started && !closed;
        } finally {
            lock.unlock();
        }
    }

    /** How many passes ran. */
    long passes() {
        return passes;
    }

    /** Stops the thread (waiting for a pass under way) and cleans up the active backend. */
    @Override
    public void close() {
        boolean wasStarted;
        lock.lock();
        try {
            wasStarted = started;
            closed = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        if (wasStarted) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.warn("The proxy sync thread is still in a backend call after 30 s; cleaning up anyway");
            }
        }
        backends.stop();
    }

    private void run() {
        while (true) {
            boolean full;
            lock.lock();
            try {
                long now;
                while (true) {
                    if (closed) {
                        return;
                    }
                    now = System.nanoTime();
                    long due = failing ? retryAt : dirty ? lastPass + timing.minInterval().toNanos() : nextFull;
                    if (due - now <= 0) {
                        break;
                    }
                    wake.awaitNanos(due - now);
                }
                full = now - nextFull >= 0;
                dirty = false;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            boolean ok;
            try {
                ok = backends.pass(full);
            } catch (RuntimeException e) {
                LOG.warn("Proxy sync failed, retrying with back-off: {}", e.toString(), e);
                ok = false;
            }
            passes++;
            done(ok, full);
        }
    }

    private void done(boolean ok, boolean full) {
        lock.lock();
        try {
            long now = System.nanoTime();
            lastPass = now;
            if (full) {
                nextFull = now + timing.resync().toNanos();
            }
            if (ok) {
                failing = false;
                backOff = timing.firstBackOff().toNanos();
            } else {
                failing = true;
                retryAt = now + backOff;
                backOff = Math.min(backOff * 2, timing.maxBackOff().toNanos());
            }
        } finally {
            lock.unlock();
        }
    }
}
