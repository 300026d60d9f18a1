package org.kybern.proxy.userspace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.kybern.api.proxy.ServicePort.Endpoint;

/** Round robin, exclusion of endpoints already tried and ClientIP affinity with its timeout. */
class EndpointPickerTest {

    private static final Endpoint A = new Endpoint("10.0.0.1", 80, "n", "a");
    private static final Endpoint B = new Endpoint("10.0.0.2", 80, "n", "b");
    private static final Endpoint C = new Endpoint("10.0.0.3", 80, "n", "c");

    private long now = 1_000;
    private final EndpointPicker picker = new EndpointPicker(() -> now);

    private Endpoint pick(String client) {
        return picker.pick(client, Set.of()).orElseThrow();
    }

    private void advanceSeconds(long seconds) {
        now += TimeUnit.SECONDS.toNanos(seconds);
    }

    @Test
    void roundRobinGoesThroughTheEndpointsInOrder() {
        picker.update(List.of(A, B, C), 0);
        List<Endpoint> picked = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            picked.add(pick("1.1.1.1"));
        }
        assertEquals(List.of(A, B, C, A, B, C), picked);
    }

    @Test
    void excludedEndpointsAreSkippedUntilNoneIsLeft() {
        picker.update(List.of(A, B, C), 0);
        assertEquals(Optional.of(B), picker.pick("1.1.1.1", Set.of(A)));
        assertEquals(Optional.of(A), picker.pick("1.1.1.1", Set.of(B, C)));
        assertEquals(Optional.empty(), picker.pick("1.1.1.1", Set.of(A, B, C)));
    }

    @Test
    void noEndpointsNoPick() {
        picker.update(List.of(), 0);
        assertTrue(picker.isEmpty());
        assertEquals(Optional.empty(), picker.pick("1.1.1.1", Set.of()));
    }

    @Test
    void affinityHoldsWhileUsedWithinTheTimeoutAndEndsAfterIt() {
        picker.update(List.of(A, B, C), 10);
        Endpoint first = pick("1.1.1.1");
        for (int i = 0; i < 5; i++) {
            advanceSeconds(9);
            assertEquals(first, pick("1.1.1.1"), "each use within 10 s extends the affinity");
        }
        pick("2.2.2.2");
        advanceSeconds(11);
        assertEquals(C, pick("1.1.1.1"), "after 11 s idle the client is placed round robin again");
    }

    @Test
    void affinityMovesWhenItsEndpointFailsOrLeaves() {
        picker.update(List.of(A, B, C), 10);
        assertEquals(A, pick("1.1.1.1"));
        assertEquals(Optional.of(B), picker.pick("1.1.1.1", Set.of(A)), "A failed for this connection");
        assertEquals(B, pick("1.1.1.1"), "the client now sticks to B");

        picker.update(List.of(A, C), 10);
        Endpoint moved = pick("1.1.1.1");
        assertTrue(moved.equals(A) || moved.equals(C), "B left: " + moved);
        assertEquals(moved, pick("1.1.1.1"));
    }

    @Test
    void withoutAffinityTheSameClientIsSpread() {
        picker.update(List.of(A, B), 0);
        assertEquals(A, pick("1.1.1.1"));
        assertEquals(B, pick("1.1.1.1"));
    }
}
