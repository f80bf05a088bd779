package org.sluice.load.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sluice.mta.entity.MtaLimits;
import org.sluice.probe.protocol.ProbeStatus;
import org.sluice.probe.protocol.QueueDepth;

class HeadroomPolicyTest {

    private static final long GB = 1024L * 1024 * 1024;
    private static final MtaLimits LIMITS = new MtaLimits(2000, 1500, 2.0, 1.5, 5.0, 10.0, 512);

    private final HeadroomPolicy policy = new HeadroomPolicy();

    @Test
    void anIdleHostTakesItsQueueHeadroom() {
        Admission a = policy.decide(LIMITS, status(0.4, 4, 50, 200), true);

        assertTrue(a.admitted());
        assertEquals(1800, a.budget());
        assertEquals("queue 200 of 2,000, load 0.10 per CPU", a.reason());
    }

    @Test
    void figuresAreNormalisedToTheHostsSize() {
        // Load 6 is overload for 2 cores and idle for 16.
        assertFalse(policy.decide(LIMITS, status(6, 2, 50, 0), true).admitted());
        assertTrue(policy.decide(LIMITS, status(6, 16, 50, 0), true).admitted());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "queue at max         | 0.1 | 4 | 50  | 2000 | queue 2,000 >= max 2,000",
                "load at stop         | 8.0 | 4 | 50  | 0    | load 2.00 per CPU >= 2.00",
                "memory below stop    | 0.1 | 4 | 4   | 0    | memory available 4.0% < 5.0%",
                "two figures at once  | 9.0 | 4 | 50  | 2500 | queue 2,500 >= max 2,000; load 2.25 per CPU >= 2.00",
            })
    void anAdmittedHostStopsAtItsStopThresholds(
            String name, double load, int cpus, double memoryPercent, long queue, String reason) {
        Admission a = policy.decide(LIMITS, status(load, cpus, memoryPercent, queue), true);

        assertFalse(a.admitted());
        assertEquals(0, a.budget());
        assertEquals(reason, a.reason());
    }

    @Test
    void aStoppedHostResumesOnlyBelowTheLowerThresholds() {
        // Between resume (1500) and stop (2000): an admitted MTA keeps going, a stopped one stays stopped.
        assertTrue(policy.decide(LIMITS, status(0.1, 4, 50, 1700), true).admitted());
        Admission stillStopped = policy.decide(LIMITS, status(0.1, 4, 50, 1700), false);
        assertFalse(stillStopped.admitted());
        assertEquals("queue 1,700 > resume 1,500", stillStopped.reason());

        Admission resumed = policy.decide(LIMITS, status(0.1, 4, 50, 1500), false);
        assertTrue(resumed.admitted());
        assertEquals(500, resumed.budget());

        // Same for load: 1.75 per CPU is between resume 1.5 and stop 2.0.
        assertTrue(policy.decide(LIMITS, status(7.0, 4, 50, 0), true).admitted());
        assertFalse(policy.decide(LIMITS, status(7.0, 4, 50, 0), false).admitted());
        // And memory: 7% is between stop 5% and resume 10%.
        assertTrue(policy.decide(LIMITS, status(0.1, 4, 7, 0), true).admitted());
        assertFalse(policy.decide(LIMITS, status(0.1, 4, 7, 0), false).admitted());
    }

    @Test
    void anUnreadableQueueIsNotAdmitted() {
        ProbeStatus s = withQueue(
                status(0.1, 4, 50, 0), QueueDepth.unknown("postfix", "/var/spool/postfix/active is not readable"));

        Admission a = policy.decide(LIMITS, s, true);

        assertFalse(a.admitted());
        assertEquals("queue depth unknown (/var/spool/postfix/active is not readable)", a.reason());
    }

    @Test
    void aProbeThatReadsNoQueueIsJudgedOnHostFiguresWithTheMaximumAsBudget() {
        Admission a = policy.decide(LIMITS, withQueue(status(0.1, 4, 50, 0), QueueDepth.notRead()), true);

        assertTrue(a.admitted());
        assertEquals(2000, a.budget());
    }

    @Test
    void aNearlyFullSpoolStopsAdmission() {
        ProbeStatus s = status(0.1, 4, 50, 0);
        ProbeStatus fullSpool = new ProbeStatus(
                1,
                "p",
                "1",
                s.time(),
                s.load1(),
                s.load5(),
                s.cpus(),
                s.memoryAvailableBytes(),
                s.memoryTotalBytes(),
                0,
                "/var/spool/postfix",
                100L * 1024 * 1024,
                s.queue());

        Admission a = policy.decide(LIMITS, fullSpool, true);

        assertFalse(a.admitted());
        assertEquals("spool free 100 MB < 512 MB", a.reason());
    }

    private static ProbeStatus status(double load1, int cpus, double memoryPercent, long queue) {
        long total = 8 * GB;
        return new ProbeStatus(
                1,
                "p",
                "1",
                Instant.parse("2026-11-25T10:00:00Z"),
                load1,
                load1,
                cpus,
                (long) (total * memoryPercent / 100),
                total,
                0,
                "/var/spool/postfix",
                50 * GB,
                QueueDepth.of("postfix", 0, queue, 0));
    }

    private static ProbeStatus withQueue(ProbeStatus s, QueueDepth q) {
        return new ProbeStatus(
                1,
                "p",
                "1",
                s.time(),
                s.load1(),
                s.load5(),
                s.cpus(),
                s.memoryAvailableBytes(),
                s.memoryTotalBytes(),
                s.swapUsedBytes(),
                s.spoolPath(),
                s.spoolFreeBytes(),
                q);
    }
}
