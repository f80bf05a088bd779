package org.sluice.probe.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbeStatusJsonTest {

    private static final ProbeStatus STATUS = new ProbeStatus(
            1,
            "mta1",
            "0.1.0",
            Instant.parse("2026-11-25T10:15:30Z"),
            0.42,
            0.37,
            4,
            6_000_000_000L,
            8_000_000_000L,
            0,
            "/var/spool/postfix",
            51_000_000_000L,
            QueueDepth.of("postfix", 0, 12, 3));

    @Test
    void aStatusSurvivesTheRoundTrip() {
        assertEquals(STATUS, ProbeStatusJson.fromJson(ProbeStatusJson.toJson(STATUS)));
    }

    @Test
    void theQueueCountsStartTravelsSoSluiceKnowsHowOldTheCountIs() {
        Instant counted = STATUS.time().minusMillis(180);
        ProbeStatus stamped = new ProbeStatus(
                1,
                "mta1",
                "0.1.0",
                STATUS.time(),
                0.42,
                0.37,
                4,
                1,
                2,
                0,
                "/",
                1,
                QueueDepth.of("postfix", 0, 12, 3).readAt(counted));

        ProbeStatus read = ProbeStatusJson.fromJson(ProbeStatusJson.toJson(stamped));

        assertEquals(counted, read.queue().readAt());
        assertEquals(
                null,
                ProbeStatusJson.fromJson(ProbeStatusJson.toJson(STATUS)).queue().readAt(),
                "a probe that does not say (an older one) reads as null");
    }

    @Test
    void anUnreadableQueueTravelsAsUnknownWithItsReason() {
        ProbeStatus unreadable = new ProbeStatus(
                1,
                "mta1",
                "0.1.0",
                STATUS.time(),
                0.1,
                0.1,
                2,
                1,
                2,
                0,
                "/",
                1,
                QueueDepth.unknown("postfix", "/var/spool/postfix/active: permission denied"));

        ProbeStatus read = ProbeStatusJson.fromJson(ProbeStatusJson.toJson(unreadable));

        assertFalse(read.queue().known());
        assertEquals(
                "/var/spool/postfix/active: permission denied", read.queue().error());
    }

    @Test
    void unknownFieldsAreIgnoredSoProbesCanAddSome() {
        String json = ProbeStatusJson.toJson(STATUS).replace("\"cpus\":4", "\"cpus\":4,\"temperature\":51");
        assertEquals(STATUS, ProbeStatusJson.fromJson(json));
    }

    @Test
    void aNewerProtocolVersionIsRefusedWithAdvice() {
        String json = ProbeStatusJson.toJson(STATUS).replace("\"protocol\":1", "\"protocol\":2");

        ProbeReplyException e = assertThrows(ProbeReplyException.class, () -> ProbeStatusJson.fromJson(json));

        assertEquals(
                "probe mta1 speaks protocol version 2, newer than this Sluice understands (1): upgrade Sluice",
                e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not JSON          | hello                     | probe reply is not a JSON object: 'hello'",
                "empty             | ''                        | probe reply is not a JSON object: ''",
                "missing field     | {\"protocol\":1}          | probe reply field 'probeId' is missing",
                "wrong type        | {\"protocol\":\"one\"}    | probe reply field 'protocol' is not a number: \"one\"",
            })
    void garbageIsRefusedNamingWhatIsWrong(String name, String body, String message) {
        ProbeReplyException e = assertThrows(ProbeReplyException.class, () -> ProbeStatusJson.fromJson(body));
        assertEquals(message, e.getMessage());
    }

    @Test
    void derivedFigures() {
        assertEquals(0.105, STATUS.loadPerCpu(), 1e-9);
        assertEquals(75.0, STATUS.memoryAvailablePercent(), 1e-9);
        assertTrue(STATUS.queue().known());
        assertEquals(15, STATUS.queue().total());
    }
}
