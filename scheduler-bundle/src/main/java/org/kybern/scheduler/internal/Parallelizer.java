package org.kybern.scheduler.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs a cycle's per-node work in chunks on the scheduling thread and helper threads, as Kubernetes'
 * parallelizer runs Filter and Score on {@code parallelism} goroutines. Threads are not goroutines: at
 * most one worker per processor, the calling thread one of them. The caller never waits for a helper
 * that has not started yet: it takes that helper's share itself.
 */
final class Parallelizer implements AutoCloseable {

    private final int workers;
    private final ExecutorService helpers;

    /** {@code parallelism} workers at most, and no more than the processors. */
    Parallelizer(int parallelism, ThreadFactory threads) {
        this.workers = Math.max(1, Math.min(parallelism, Runtime.getRuntime().availableProcessors()));
        this.helpers = workers > 1 ? Executors.newFixedThreadPool(workers - 1, threads) : null;
    }

    /** Everything on the calling thread. */
    static Parallelizer sequential() {
        return new Parallelizer(1, null);
    }

    /** How many threads work on a cycle at once, the caller included. */
    int workers() {
        return workers;
    }

    /** Kubernetes' chunkSizeFor: about the square root of the items, so that every worker gets some. */
    int chunkSize(int items) {
        int size = (int) Math.sqrt(items);
        return Math.max(1, Math.min(size, items / workers + 1));
    }

    /**
     * Calls {@code work} once for every chunk in {@code [0, chunks)} and returns when all have run. A
     * RuntimeException of a chunk is thrown here (the first, when several fail).
     */
    void run(int chunks, IntConsumer work) {
        if (helpers == null || chunks < 2) {
            for (int c = 0; c < chunks; c++) {
                work.accept(c);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable drain = () -> {
            try {
                for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                    work.accept(c);
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
                next.set(chunks); // the others stop after their chunk
            }
        };
        int helping = Math.min(workers - 1, chunks - 1);
        AtomicBoolean[] claimed = new AtomicBoolean[helping];
        CountDownLatch done = new CountDownLatch(helping);
        for (int i = 0; i < helping; i++) {
            AtomicBoolean mine = claimed[i] = new AtomicBoolean();
            helpers.execute(() -> {
                if (mine.compareAndSet(false, true)) {
                    try {
                        drain.run();
                    } finally {
                        done.countDown();
                    }
                }
            });
        }
        drain.run();
        for (AtomicBoolean helper : claimed) {
            if (helper.compareAndSet(false, true)) {
                done.countDown(); // never started: nothing of it to wait for
            }
        }
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // a helper is inside a chunk: its result is still to be waited for
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        RuntimeException failed = failure.get();
        if (failed != null) {
            throw failed;
        }
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdown();
        }
    }
}
