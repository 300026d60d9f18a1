package org.kybern.tests.system;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting on a condition with a deadline: polls what {@code observe} returns until {@code condition} holds. */
final class Await {

    private Await() {
    }

    /** The first observation that satisfies {@code condition}; fails with the last one after {@code timeout}. */
    static <T> T until(Duration timeout, String what, Supplier<T> observe, Predicate<T> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        T seen = null;
        while (System.nanoTime() < deadline) {
            seen = observe.get();
            if (seen != null && condition.test(seen)) {
                return seen;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not " + what + " within " + timeout + "; last seen: " + seen);
    }
}
