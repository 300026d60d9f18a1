package org.kybern.controller.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Kubernetes' slow-start batches for writes a controller makes many of at once (pods of a ReplicaSet):
 * batches of 1, 2, 4, … calls run concurrently, each batch only after the one before succeeded
 * entirely. A batch with a failure ends it: when every call would fail (a quota, a webhook, a bad
 * template) one or two calls fail instead of all of them, and when they succeed a burst of N costs
 * about log2(N) round trips instead of N.
 */
final class SlowStart {

    /**
     * What happened.
     *
     * @param results   the successful calls' results, in the order of their batches
     * @param failures  the calls that failed, their exceptions
     * @param skipped   calls never made because a batch failed
     */
    record Outcome<T>(List<T> results, List<RuntimeException> failures, int skipped) {

        /** The first failure, or null when every call made succeeded. */
        RuntimeException firstFailure() {
            return failures.isEmpty() ? null : failures.get(0);
        }
    }

    private SlowStart() {
    }

    /**
     * Makes up to {@code count} calls of {@code call} on {@code executor}, in doubling batches.
     *
     * @throws InterruptedException when the caller is interrupted while a batch runs (the controller
     *                              manager stopping): the calls not yet begun are cancelled
     */
    static <T> Outcome<T> run(int count, Executor executor, Supplier<T> call) throws InterruptedException {
        List<T> results = new ArrayList<>();
        List<RuntimeException> failures = new ArrayList<>();
        int done = 0;
        for (int batch = 1; done < count && failures.isEmpty(); batch *= 2) {
            int size = Math.min(batch, count - done);
            List<CompletableFuture<T>> calls = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                calls.add(CompletableFuture.supplyAsync(call, executor));
            }
            for (CompletableFuture<T> pending : calls) {
                try {
                    results.add(pending.get());
                } catch (ExecutionException e) {
                    failures.add(e.getCause() instanceof RuntimeException cause ? cause
                            : new IllegalStateException(e.getCause()));
                } catch (InterruptedException e) {
                    calls.forEach(c -> c.cancel(false));
                    throw e;
                }
            }
            done += size;
        }
        return new Outcome<>(List.copyOf(results), List.copyOf(failures), count - done);
    }
}
