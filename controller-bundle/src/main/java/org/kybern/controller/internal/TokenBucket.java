package org.kybern.controller.internal;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket as client-go's flowcontrol rate limiter: {@code rate} tokens a second, at most
 * {@code burst} saved up (full at the start). The node lifecycle controller takes one for each node it
 * taints {@code NoExecute}, so that nodes are evicted at most at {@code nodeEvictionRate}. A rate of zero
 * or less gives no tokens at all (as Kubernetes, where it stops evictions).
 */
final class TokenBucket {

    private final double rate;
    private final double burst;
    private final LongSupplier nanos;
    private double tokens;
    private long last;

    TokenBucket(double rate, int burst, LongSupplier nanos) {
        this.rate = rate;
        this.burst = burst;
        this.nanos = nanos;
        this.tokens = rate > 0 ? burst : 0;
        this.last = nanos.getAsLong();
    }

    /** Takes a token if there is one. */
    synchronized boolean tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** How long until the next token (zero if one is there now; a minute when the rate gives none). */
    synchronized Duration untilNext() {
        refill();
        if (tokens >= 1) {
            return Duration.ZERO;
        }
        if (rate <= 0) {
            return Duration.ofMinutes(1);
        }
        return Duration.ofNanos((long) Math.ceil((1 - tokens) / rate * 1e9));
    }

    private void refill() {
        long now = nanos.getAsLong();
        if (rate > 0) {
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * rate);
        }
        last = now;
    }
}
