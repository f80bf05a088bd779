package org.sluice.probe.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sluice.probe.protocol.QueueDepth;

class EximQueueReaderTest {

    @Test
    void countIsTheTotal() {
        assertEquals(QueueDepth.totalOnly("exim", 17), new EximQueueReader(List.of("sh", "-c", "echo 17")).read());
    }

    @Test
    void emptyQueueIsZero() {
        assertEquals(QueueDepth.totalOnly("exim", 0), new EximQueueReader(List.of("echo", "0")).read());
    }

    @Test
    void anythingButACountIsUnknown() {
        assertEquals(
                QueueDepth.unknown(
                        "exim",
                        "command 'echo exim: permission denied' printed 'exim: permission"
                                + " denied', expected a single message count (exim -bpc)"),
                new EximQueueReader(List.of("echo", "exim: permission denied")).read());
    }

    @Test
    void missingEximIsUnknownAndSaysNotFound() {
        QueueDepth depth = new EximQueueReader(List.of("sluice-no-such-exim", "-bpc")).read();

        assertEquals(
                "command 'sluice-no-such-exim' not found (PATH=" + System.getenv("PATH")
                        + "): install it, or give its full path in sluice.probe.queue-command",
                depth.error());
    }

    @Test
    void hangingEximIsKilledAtTheTimeout() {
        QueueDepth depth = new EximQueueReader(List.of("sleep", "10"), Duration.ofMillis(200)).read();

        assertEquals(
                QueueDepth.unknown("exim", "command 'sleep 10' did not finish within 200 ms and was killed"), depth);
    }
}
