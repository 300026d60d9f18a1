package org.kybern.runtime.docker.internal;

import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sandboxes started in advance. Starting a sandbox costs as much as {@code docker run} (Docker
 * attaches it to the bridge); a pod that claims one only pays for a rename. A claim is refilled
 * in the background on one thread; idle sandboxes are removed on close.
 */
final class SandboxPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxPool.class);
    private static final long FIRST_RETRY_SECONDS = 5;
    private static final long MAX_RETRY_SECONDS = 60;

    /** A started pool sandbox and the files Docker shares from it into the containers that join it. */
    record Pooled(String id, String hostname, String hostnamePath, String hostsPath, String resolvConfPath) {
    }

    private final int size;
    private final Supplier<Pooled> starter;
    private final Consumer<String> remover;
    private final ConcurrentLinkedQueue<Pooled> idle = new ConcurrentLinkedQueue<>();
    private final ScheduledThreadPoolExecutor refiller;
    private final AtomicBoolean refillScheduled = new AtomicBoolean();
    private final AtomicBoolean failing = new AtomicBoolean();
    /** Doubles while starts fail (dockerd down), so an outage costs a line now and then, not a stream. */
    private volatile long retrySeconds = FIRST_RETRY_SECONDS;
    private volatile boolean closed;

    SandboxPool(int size, Supplier<Pooled> starter, Consumer<String> remover) {
        this.size = size;
        this.starter = starter;
        this.remover = remover;
        this.refiller = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "kybern-sandbox-pool");
            thread.setDaemon(true);
            return thread;
        });
        // A retry waiting for its delay is dropped on close rather than run.
        refiller.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        scheduleRefill(0);
    }

    /** An idle sandbox, now the caller's, or empty when none is ready. */
    Optional<Pooled> claim() {
        Pooled claimed = idle.poll();
        scheduleRefill(0);
        return Optional.ofNullable(claimed);
    }

    int idleCount() {
        return idle.size();
    }

    private void scheduleRefill(long delaySeconds) {
        if (!closed && refillScheduled.compareAndSet(false, true)) {
            refiller.schedule(this::refill, delaySeconds, TimeUnit.SECONDS);
        }
    }

    private void refill() {
        refillScheduled.set(false);
        try {
            while (!closed && idle.size() < size) {
                Pooled started = starter.get();
                if (closed) {
                    remover.accept(started.id());
                    return;
                }
                idle.add(started);
                retrySeconds = FIRST_RETRY_SECONDS;
                if (failing.compareAndSet(true, false)) {
                    LOG.info("Pool sandboxes start again");
                }
            }
        } catch (RuntimeException e) {
            if (closed) {
                return;
            }
            // Said once per outage (e.g. dockerd down), not every few seconds.
            if (failing.compareAndSet(false, true)) {
                LOG.warn("Could not start a pool sandbox, retrying in {} s and less often while it fails "
                        + "(pods get sandboxes started for them meanwhile): {}", retrySeconds, e.getMessage());
            } else {
                LOG.debug("Could not start a pool sandbox: {}", e.getMessage());
            }
            scheduleRefill(retrySeconds);
            retrySeconds = Math.min(MAX_RETRY_SECONDS, retrySeconds * 2);
            return;
        }
    }

    @Override
    public void close() {
        closed = true;
        // Not interrupted: a sandbox being started is finished (a fraction of a second), then removed,
        // where an interrupt could leave it created and unknown.
        refiller.shutdown();
        try {
            refiller.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Pooled pooled; (pooled = idle.poll()) != null;) {
            try {
                remover.accept(pooled.id());
            } catch (RuntimeException e) {
                LOG.warn("Could not remove idle pool sandbox {}: {}", pooled.id(), e.getMessage());
            }
        }
    }
}
