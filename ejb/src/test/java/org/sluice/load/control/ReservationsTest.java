package org.sluice.load.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.sluice.load.control.ConnectionPermits.Holder;

class ReservationsTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private final Reservations reservations = new Reservations();
    private final Holder writerA = new Holder(1, "partition a");
    private final Holder writerB = new Holder(1, "partition b");

    @Test
    void aShareSentInFullBeforeTheCountBeganIsInTheCount() {
        reservations.reserve(writerA, 20, T0);
        reservations.settle(writerA, 20, T0.plusMillis(100));

        reservations.countedFrom(T0.plusMillis(150));

        assertEquals(0, reservations.outstanding());
    }

    @Test
    void aShareStillBeingSentWhenTheCountBeganStaysWhole() {
        reservations.reserve(writerA, 20, T0);
        reservations.countedFrom(T0.plusMillis(50)); // the probe counted while the writer was sending
        assertEquals(20, reservations.outstanding());

        reservations.settle(writerA, 20, T0.plusMillis(100));
        reservations.countedFrom(T0.plusMillis(90)); // an older count, answered later
        assertEquals(20, reservations.outstanding());

        reservations.countedFrom(T0.plusMillis(101));
        assertEquals(0, reservations.outstanding());
    }

    @Test
    void aShareCountsOnlyTheMessagesThatReachedTheMta() {
        reservations.reserve(writerA, 20, T0);
        reservations.settle(writerA, 7, T0.plusMillis(100)); // the MTA went away after 7

        assertEquals(7, reservations.outstanding());
    }

    @Test
    void eachWriterSettlesItsOwnShare() {
        reservations.reserve(writerA, 20, T0);
        reservations.reserve(writerB, 30, T0.plusMillis(10));
        reservations.settle(writerB, 30, T0.plusMillis(60));

        reservations.countedFrom(T0.plusMillis(70));

        assertEquals(20, reservations.outstanding(), "writer a is still sending");
    }

    @Test
    void aShareNeverSettledIsForgottenAfterTenMinutes() {
        reservations.reserve(writerA, 20, T0);

        reservations.reserve(writerB, 5, T0.plus(Reservations.FORGOTTEN_AFTER).plusSeconds(1));

        assertEquals(5, reservations.outstanding());
    }
}
