package org.sluice.load.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RoomWaitTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void pausesDoubleUpToTheMaximum() {
        RoomWait wait = new RoomWait(Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofSeconds(15));

        assertEquals(Duration.ofSeconds(1), wait.nextPause(T0));
        assertEquals(Duration.ofSeconds(2), wait.nextPause(T0.plusSeconds(1)));
        assertEquals(Duration.ofSeconds(4), wait.nextPause(T0.plusSeconds(3)));
        assertEquals(Duration.ofSeconds(8), wait.nextPause(T0.plusSeconds(7)));
        assertEquals(Duration.ofSeconds(15), wait.nextPause(T0.plusSeconds(15)));
        assertEquals(Duration.ofSeconds(15), wait.nextPause(T0.plusSeconds(30)));
        assertEquals(T0, wait.since());
    }

    @Test
    void theLastPauseEndsAtTheDeadlineAndThenTheWaitIsOver() {
        RoomWait wait = new RoomWait(Duration.ofSeconds(10), Duration.ofSeconds(4), Duration.ofSeconds(60));

        assertEquals(Duration.ofSeconds(4), wait.nextPause(T0));
        assertEquals(Duration.ofSeconds(6), wait.nextPause(T0.plusSeconds(4)), "cut to the deadline");
        assertFalse(wait.pastDeadline(T0.plusSeconds(9)));
        assertTrue(wait.pastDeadline(T0.plusSeconds(10)));
        assertEquals(Duration.ZERO, wait.nextPause(T0.plusSeconds(10)));
    }

    @Test
    void roomAgainStartsTheNextWaitAfresh() {
        RoomWait wait = new RoomWait(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(8));
        wait.nextPause(T0);
        wait.nextPause(T0.plusSeconds(1));

        wait.admitted();

        assertFalse(wait.waiting());
        assertEquals(Duration.ofSeconds(1), wait.nextPause(T0.plusSeconds(100)));
        assertFalse(wait.pastDeadline(T0.plusSeconds(105)));
    }
}
