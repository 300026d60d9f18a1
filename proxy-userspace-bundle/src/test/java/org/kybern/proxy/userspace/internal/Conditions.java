package org.kybern.proxy.userspace.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for a condition with a deadline, for tests. */
final class Conditions {

    private Conditions() {
    }

    static void await(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out after " + timeout + " waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
