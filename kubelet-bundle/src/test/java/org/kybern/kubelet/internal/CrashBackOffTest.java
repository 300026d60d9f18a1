package org.kybern.kubelet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CrashBackOffTest {

    private final CrashBackOff backOff = new CrashBackOff();
    private final Instant t0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void firstRestartIsImmediateThenTheWaitDoublesFromTenSecondsUpToFiveMinutes() {
        Instant now = t0;
        assertEquals(Duration.ZERO, backOff.remaining("c", now.minusSeconds(1), now, now));
        backOff.restarted("c", now.minusSeconds(1), now, now);
        long[] expected = {10, 20, 40, 80, 160, 300, 300};
        for (long seconds : expected) {
            Instant crashed = now.plusSeconds(1);
            assertEquals(Duration.ofSeconds(seconds), backOff.remaining("c", now, crashed, crashed), "after a crash");
            now = crashed.plusSeconds(seconds);
            assertEquals(Duration.ZERO, backOff.remaining("c", crashed.minusSeconds(1), crashed, now));
            backOff.restarted("c", crashed.minusSeconds(1), crashed, now);
        }
    }

    @Test
    void containersAreCountedApart() {
        backOff.restarted("a", t0, t0, t0);
        assertEquals(Duration.ofSeconds(10), backOff.remaining("a", t0, t0.plusSeconds(1), t0.plusSeconds(1)));
        assertEquals(Duration.ZERO, backOff.remaining("b", t0, t0.plusSeconds(1), t0.plusSeconds(1)));
    }

    @Test
    void aContainerThatRanTenMinutesStartsOverAtTheFirstStep() {
        Instant now = t0;
        for (int i = 0; i < 4; i++) {
            backOff.restarted("c", now, now, now);
        }
        Instant started = now;
        Instant crashed = started.plus(Duration.ofMinutes(10));
        assertEquals(Duration.ZERO, backOff.remaining("c", started, crashed, crashed));
        backOff.restarted("c", started, crashed, crashed);
        Instant again = crashed.plusSeconds(2);
        assertEquals(Duration.ofSeconds(10), backOff.remaining("c", crashed, again, again));
    }

    @Test
    void forgettingAPodForgetsItsContainers() {
        backOff.restarted("uid1/a", t0, t0, t0);
        backOff.restarted("uid2/a", t0, t0, t0);
        backOff.forget("uid1/");
        Instant later = t0.plusSeconds(1);
        assertEquals(Duration.ZERO, backOff.remaining("uid1/a", t0, later, later));
        assertEquals(Duration.ofSeconds(10), backOff.remaining("uid2/a", t0, later, later));
    }
}
