package org.sluice.probe.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sluice.probe.protocol.QueueDepth;

class PostqueueReaderTest {

    // Shaped like Postfix 3.x postqueue -j output: one object per message, fields in showq's order.
    private static final String OUTPUT = """
            {"queue_name": "active", "queue_id": "4F2B1C0A1", "arrival_time": 1732530930, "message_size": 1820, "forced_expire": false, "sender": "news@example.org", "recipients": [{"address": "a@example.com"}]}
            {"queue_name": "active", "queue_id": "4F2B1C0A2", "arrival_time": 1732530931, "message_size": 1820, "forced_expire": false, "sender": "news@example.org", "recipients": [{"address": "b@example.com"}]}
            {"queue_name":"deferred","queue_id":"4F2B1C0A3","arrival_time":1732530000,"message_size":1820,"sender":"news@example.org","recipients":[{"address":"c@example.net","delay_reason":"connect to mx.example.net[192.0.2.1]:25: Connection timed out"}]}
            {"queue_name": "hold", "queue_id": "4F2B1C0A4", "arrival_time": 1732530932, "message_size": 900, "sender": "x@example.org", "recipients": [{"address": "d@example.com"}]}
            {"queue_name": "incoming", "queue_id": "4F2B1C0A5", "arrival_time": 1732530933, "message_size": 700, "sender": "y@example.org", "recipients": [{"address": "e@example.com"}]}
            {"queue_name": "maildrop", "queue_id": "4F2B1C0A6", "arrival_time": 1732530934, "message_size": 700, "sender": "z@example.org", "recipients": [{"address": "f@example.com"}]}
            {"queue_name": "active", "queue_id": "4F2B1C0A7", "arrival_time": 1732530935, "message_size": 1820, "sender": "news@example.org", "recipients": [{"address": "g@example.com"}]}
            """;

    @TempDir
    Path dir;

    @Test
    void countsMessagesPerQueueWithHoldAsDeferredAndMaildropAsIncoming() throws IOException {
        Path json = Files.writeString(dir.resolve("postqueue.json"), OUTPUT);

        QueueDepth depth = new PostqueueReader(List.of("cat", json.toString())).read();

        assertEquals(QueueDepth.of("postqueue", 2, 3, 2), depth);
    }

    @Test
    void readsOutputPrintedByAShell() {
        String printf = "printf '%s\\n' '{\"queue_name\": \"deferred\", \"queue_id\": \"A1\"}'"
                + " '{\"queue_name\": \"active\", \"queue_id\": \"A2\"}'";

        assertEquals(QueueDepth.of("postqueue", 0, 1, 1), new PostqueueReader(List.of("sh", "-c", printf)).read());
    }

    @Test
    void noOutputIsAnEmptyQueue() {
        assertEquals(QueueDepth.of("postqueue", 0, 0, 0), new PostqueueReader(List.of("true")).read());
    }

    @Test
    void textOutputInsteadOfJsonIsUnknown() {
        QueueDepth depth = new PostqueueReader(List.of("sh", "-c", "echo 'Mail queue is empty'")).read();

        assertEquals(
                QueueDepth.unknown(
                        "postqueue",
                        "command 'sh -c echo 'Mail queue is empty'' printed a line"
                                + " without \"queue_name\": 'Mail queue is empty' (expected postqueue -j output, Postfix 3.1 or later)"),
                depth);
    }

    @Test
    void mailSystemDownIsUnknownWithPostqueuesMessage() {
        QueueDepth depth = new PostqueueReader(List.of(
                        "sh",
                        "-c",
                        "echo 'postqueue: fatal: Queue report unavailable - mail system is down' >&2; exit 69"))
                .read();

        assertEquals(
                "command 'sh -c echo 'postqueue: fatal: Queue report unavailable - mail system is down' >&2;"
                        + " exit 69' exited with code 69: postqueue: fatal: Queue report unavailable - mail system is down",
                depth.error());
    }

    @Test
    void missingPostqueueIsUnknownAndSaysNotFound() {
        QueueDepth depth = new PostqueueReader(List.of("sluice-no-such-postqueue", "-j")).read();

        assertEquals("postqueue", depth.reader());
        assertEquals(QueueDepth.UNKNOWN, depth.total());
        assertEquals(
                "command 'sluice-no-such-postqueue' not found (PATH=" + System.getenv("PATH")
                        + "): install it, or give its full path in sluice.probe.queue-command",
                depth.error());
    }
}
