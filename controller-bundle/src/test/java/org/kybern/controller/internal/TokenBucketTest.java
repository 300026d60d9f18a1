package org.kybern.controller.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The eviction rate limit: one node at once, then one every 1/rate seconds. */
class TokenBucketTest {

    private final AtomicLong nanos = new AtomicLong();

    @Test
    void givesOneAtOnceThenOneEveryTenSecondsAtPointOne() {
        TokenBucket bucket = new TokenBucket(0.1, 1, nanos::get);
        assertTrue(bucket.tryTake(), "the first node is tainted at once");
        assertFalse(bucket.tryTake(), "the second waits");
        assertEquals(Duration.ofSeconds(10), bucket.untilNext());
        nanos.addAndGet(Duration.ofSeconds(4).toNanos());
        assertFalse(bucket.tryTake());
        assertEquals(Duration.ofSeconds(6), bucket.untilNext());
        nanos.addAndGet(Duration.ofSeconds(6).toNanos());
        assertTrue(bucket.tryTake(), "ten seconds later the next one");
    }

    @Test
    void savesNoMoreThanTheBurst() {
        TokenBucket bucket = new TokenBucket(1, 1, nanos::get);
        nanos.addAndGet(Duration.ofMinutes(5).toNanos());
        assertTrue(bucket.tryTake());
        assertFalse(bucket.tryTake(), "an idle hour saves one token, not 3600");
    }

    @Test
    void aZeroRateGivesNone() {
        TokenBucket bucket = new TokenBucket(0, 1, nanos::get);
        nanos.addAndGet(Duration.ofMinutes(5).toNanos());
        assertFalse(bucket.tryTake());
    }
}
