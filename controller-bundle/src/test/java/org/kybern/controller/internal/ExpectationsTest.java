package org.kybern.controller.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** A controller waits for its own writes to show in the cache before it counts again. */
class ExpectationsTest {

    private long now;
    private final Expectations expectations = new Expectations(() -> now);

    @Test
    void satisfiedOnceEveryCreationAndDeletionIsSeen() {
        assertTrue(expectations.satisfied("shop/web"), "nothing expected yet");
        expectations.expect("shop/web", 2, Set.of());
        assertFalse(expectations.satisfied("shop/web"));
        expectations.creationObserved("shop/web");
        assertFalse(expectations.satisfied("shop/web"));
        expectations.creationObserved("shop/web");
        assertTrue(expectations.satisfied("shop/web"));

        expectations.expect("shop/web", 0, Set.of("u1", "u2"));
        expectations.deletionObserved("shop/web", "u1");
        expectations.deletionObserved("shop/web", "u1");
        assertFalse(expectations.satisfied("shop/web"), "the same deletion seen twice counts once");
        expectations.deletionObserved("shop/web", "u2");
        assertTrue(expectations.satisfied("shop/web"));
    }

    @Test
    void expectationsExpireAfterFiveMinutes() {
        expectations.expect("shop/web", 1, Set.of());
        now += Expectations.TIMEOUT.toNanos();
        assertFalse(expectations.satisfied("shop/web"));
        now += 1;
        assertTrue(expectations.satisfied("shop/web"), "a missed event does not block the controller forever");
    }

    @Test
    void otherKeysAreIndependentAndForgetClears() {
        expectations.expect("shop/web", 1, Set.of());
        assertTrue(expectations.satisfied("shop/db"));
        expectations.forget("shop/web");
        assertTrue(expectations.satisfied("shop/web"));
    }
}
