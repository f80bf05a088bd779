package org.sluice.probe.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input table for probe replies: every reply Sluice cannot trust is refused with a message
 * naming what is wrong, and the LoadManager then treats the MTA as UNKNOWN (fail closed: it gets no mail).
 */
class BadProbeReplyTest {

    private static final String GOOD = ProbeStatusJson.toJson(new ProbeStatus(
            1,
            "mail1",
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
            QueueDepth.of("postfix", 0, 12, 3)));

    record ReplyCase(String body, String error) {}

    static Stream<Named<ReplyCase>> badReplies() {
        return Stream.of(
                reply("plain text", "queue is fine", "probe reply is not a JSON object: 'queue is fine'"),
                reply("empty body", "", "probe reply is not a JSON object: ''"),
                reply("JSON array", "[1,2]", "probe reply is not a JSON object: '[1,2]'"),
                reply(
                        "cut off mid-object",
                        GOOD.substring(0, 40),
                        "probe reply is not a JSON object: '" + GOOD.substring(0, 40) + "'"),
                reply(
                        "newer protocol version",
                        GOOD.replace("\"protocol\":1", "\"protocol\":2"),
                        "probe mail1 speaks protocol version 2, newer than this Sluice understands (1): upgrade Sluice"),
                reply(
                        "protocol version 0",
                        GOOD.replace("\"protocol\":1", "\"protocol\":0"),
                        "probe reply has protocol version 0: must be 1 or more"),
                reply(
                        "protocol missing",
                        GOOD.replace("\"protocol\":1,", ""),
                        "probe reply field 'protocol' is missing"),
                reply(
                        "probe id missing",
                        GOOD.replace("\"probeId\":\"mail1\",", ""),
                        "probe reply field 'probeId' is missing"),
                reply(
                        "queue depth as a string",
                        GOOD.replace("\"total\":15", "\"total\":\"15\""),
                        "probe reply field 'queue.total' is not a number: \"15\""),
                reply(
                        "queue missing",
                        GOOD.replaceAll(",\"queue\":\\{[^}]*}", ""),
                        "probe reply field 'queue' is missing"),
                reply(
                        "time not ISO-8601",
                        GOOD.replace("2026-11-25T10:15:30Z", "yesterday"),
                        "probe reply field 'time' is not an ISO-8601 instant: yesterday"),
                reply(
                        "load as null",
                        GOOD.replace("\"load1\":0.42", "\"load1\":null"),
                        "probe reply field 'load1' is not a number: null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badReplies")
    void untrustworthyReplyIsRefusedNamingWhatIsWrong(ReplyCase row) {
        ProbeReplyException e = assertThrows(ProbeReplyException.class, () -> ProbeStatusJson.fromJson(row.body()));
        assertEquals(row.error(), e.getMessage());
    }

    private static Named<ReplyCase> reply(String name, String body, String error) {
        return Named.of(name, new ReplyCase(body, error));
    }
}
