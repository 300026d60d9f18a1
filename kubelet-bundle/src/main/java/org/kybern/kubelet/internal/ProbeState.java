package org.kybern.kubelet.internal;

/**
 * Kubernetes' probe thresholds: the result flips to failure after {@code failureThreshold}
 * failures in a row and back to success after {@code successThreshold} successes in a row.
 */
final class ProbeState {

    private final int successThreshold;
    private final int failureThreshold;
    private boolean success;
    private int successes;
    private int failures;

    /** @param initial the result before any probe ran (readiness and startup: failure; liveness: success) */
    ProbeState(int successThreshold, int failureThreshold, boolean initial) {
        this.successThreshold = Math.max(1, successThreshold);
        this.failureThreshold = Math.max(1, failureThreshold);
        this.success = initial;
    }

    /** Records one probe outcome; returns whether the result changed. */
    synchronized boolean record(boolean ok) {
        if (ok) {
            failures = 0;
            successes++;
            if (!success && successes >= successThreshold) {
                success = true;
                return true;
            }
        } else {
            successes = 0;
            failures++;
            if (success && failures >= failureThreshold) {
                success = false;
                return true;
            }
        }
        return false;
    }

    /** Failing for {@code failureThreshold} probes in a row without success: a startup probe gives up. */
    synchronized boolean exhausted() {
        return !success && failures >= failureThreshold;
    }

    synchronized boolean success() {
        return success;
    }
}
