package org.kybern.kubelet.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProbeStateTest {

    @Test
    void livenessFailsOnlyAfterFailureThresholdFailuresInARow() {
        ProbeState liveness = new ProbeState(1, 3, true);
        assertFalse(liveness.record(false));
        assertFalse(liveness.record(false));
        assertFalse(liveness.record(true), "a success resets the count");
        assertFalse(liveness.record(false));
        assertFalse(liveness.record(false));
        assertTrue(liveness.success());
        assertTrue(liveness.record(false), "the third failure in a row flips it");
        assertFalse(liveness.success());
    }

    @Test
    void readinessStartsFailingAndNeedsSuccessThresholdSuccesses() {
        ProbeState readiness = new ProbeState(2, 1, false);
        assertFalse(readiness.success());
        assertFalse(readiness.record(true));
        assertTrue(readiness.record(true));
        assertTrue(readiness.success());
        assertTrue(readiness.record(false), "failureThreshold 1");
        assertFalse(readiness.success());
    }

    @Test
    void aStartupProbeIsExhaustedAfterFailureThresholdFailures() {
        ProbeState startup = new ProbeState(1, 2, false);
        startup.record(false);
        assertFalse(startup.exhausted());
        startup.record(false);
        assertTrue(startup.exhausted());
        assertTrue(startup.record(true));
        assertFalse(startup.exhausted());
    }
}
