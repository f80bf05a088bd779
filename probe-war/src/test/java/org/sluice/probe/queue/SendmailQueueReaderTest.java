package org.sluice.probe.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sluice.probe.protocol.QueueDepth;

class SendmailQueueReaderTest {

    private static final String TWO_QUEUED = """
            \t\t/var/spool/mqueue (2 requests)
            -----Q-ID----- --Size-- -----Q-Time----- ------------Sender/Recipient-----------
            4AP9FXl3001234     1820 Mon Nov 25 10:15 <news@example.org>
                             (Deferred: Connection timed out with mx.example.net.)
                                                   <c@example.net>
            4AP9FXl3001235     1820 Mon Nov 25 10:15 <news@example.org>
                                                   <d@example.com>
            \t\tTotal requests: 2
            """;

    @TempDir
    Path dir;

    static List<Arguments> listings() {
        return List.of(
                Arguments.of("sendmail 8.12+ listing", TWO_QUEUED, 2),
                Arguments.of("sendmail, empty queue", "/var/spool/mqueue is empty\n\t\tTotal requests: 0\n", 0),
                Arguments.of("sendmail, empty queue, no total", "/var/spool/mqueue is empty\n", 0),
                Arguments.of("older sendmail, no total", TWO_QUEUED.replace("\t\tTotal requests: 2\n", ""), 2),
                Arguments.of(
                        "several queues",
                        "\t\t/var/spool/mqueue/q1 (150 requests, only 100 printed)\n"
                                + "/var/spool/mqueue/q2 is empty\n\t\t/var/spool/mqueue/q3 (3 requests)\n",
                        153),
                Arguments.of("Postfix's mailq, empty", "Mail queue is empty\n", 0),
                Arguments.of(
                        "Postfix's mailq",
                        "-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------\n"
                                + "4F2B1C0A1*     1820 Mon Nov 25 10:15:30  news@example.org\n"
                                + "                                         a@example.com\n\n"
                                + "-- 2 Kbytes in 1 Request.\n",
                        1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listings")
    void countsTheMessagesMailqLists(String description, String listing, long total) throws IOException {
        Path mailq = Files.writeString(dir.resolve("mailq.txt"), listing);

        assertEquals(
                QueueDepth.totalOnly("sendmail", total),
                new SendmailQueueReader(List.of("cat", mailq.toString())).read());
    }

    @Test
    void listingWithoutCountsIsUnknown() {
        QueueDepth depth = new SendmailQueueReader(List.of("echo", "mailq: cannot open queue")).read();

        assertEquals(
                QueueDepth.unknown(
                        "sendmail",
                        "command 'echo mailq: cannot open queue' printed 'mailq: cannot"
                                + " open queue': found neither \"Total requests: N\" nor \"... is empty\" (expected sendmail's mailq"
                                + " listing)"),
                depth);
    }

    @Test
    void mailqFailingIsUnknownWithItsError() {
        QueueDepth depth = new SendmailQueueReader(
                        List.of("sh", "-c", "echo 'mailq: /var/spool/mqueue: Permission denied' >&2; exit 78"))
                .read();

        assertEquals(
                "command 'sh -c echo 'mailq: /var/spool/mqueue: Permission denied' >&2; exit 78' exited with"
                        + " code 78: mailq: /var/spool/mqueue: Permission denied",
                depth.error());
    }
}
