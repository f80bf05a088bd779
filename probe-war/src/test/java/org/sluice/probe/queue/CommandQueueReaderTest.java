package org.sluice.probe.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sluice.probe.protocol.QueueDepth;

class CommandQueueReaderTest {

    @Test
    void oneNumberIsTheTotal() {
        assertEquals(QueueDepth.totalOnly("command", 42), new CommandQueueReader("echo 42").read());
    }

    @Test
    void threeNumbersAreIncomingActiveDeferred() {
        assertEquals(QueueDepth.of("command", 3, 4, 5), new CommandQueueReader("echo 3 4 5").read());
    }

    @Test
    void numbersMaySpanLines() {
        assertEquals(QueueDepth.of("command", 1, 2, 3), new CommandQueueReader("printf '1\\n2\\n3\\n'").read());
    }

    @Test
    void otherOutputIsUnknownAndQuoted() {
        assertEquals(
                QueueDepth.unknown(
                        "command",
                        "queue command 'echo garbage' printed 'garbage', expected one"
                                + " whole number (total) or three (incoming active deferred)"),
                new CommandQueueReader("echo garbage").read());
    }

    @Test
    void twoNumbersAreNeitherForm() {
        assertEquals(
                "queue command 'echo 1 2' printed '1 2', expected one whole number (total) or three"
                        + " (incoming active deferred)",
                new CommandQueueReader("echo 1 2").read().error());
    }

    @Test
    void longOutputIsAbbreviatedInTheError() {
        String error = new CommandQueueReader("seq 1 100").read().error();

        assertEquals(
                "queue command 'seq 1 100' printed '1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24"
                        + " 25 26 27 28 29 30...', expected one whole number (total) or three (incoming active deferred)",
                error);
    }

    @Test
    void noOutputIsUnknownNotZero() {
        assertEquals(
                QueueDepth.unknown(
                        "command",
                        "queue command 'true' printed '', expected one whole number (total)"
                                + " or three (incoming active deferred)"),
                new CommandQueueReader("true").read());
    }

    @Test
    void failingCommandIsUnknownWithItsExitCode() {
        assertEquals(
                QueueDepth.unknown("command", "command 'sh -c exit 3' exited with code 3: (no error output)"),
                new CommandQueueReader("exit 3").read());
    }

    @Test
    void failingCommandErrorQuotesTheFirstLineOfStandardError() {
        QueueDepth depth = new CommandQueueReader("echo 7; echo 'queue locked' >&2; echo more >&2; exit 1").read();

        assertEquals(
                "command 'sh -c echo 7; echo 'queue locked' >&2; echo more >&2; exit 1' exited with code 1:"
                        + " queue locked",
                depth.error());
        assertEquals(QueueDepth.UNKNOWN, depth.total());
    }

    @Test
    void commandRunningPastItsTimeoutIsKilledAndUnknown() {
        CommandQueueReader reader = new CommandQueueReader("sleep 10", Duration.ofMillis(300));

        QueueDepth depth = assertTimeoutPreemptively(Duration.ofSeconds(5), reader::read);

        assertEquals(
                QueueDepth.unknown("command", "command 'sh -c sleep 10' did not finish within 300 ms and was killed"),
                depth);
    }

    @Test
    void commandsTheShellStartedAreKilledAtTheTimeoutToo(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("sleep.pid");
        CommandQueueReader reader =
                new CommandQueueReader("sleep 30 & echo $! > " + pidFile + "; wait", Duration.ofMillis(500));

        reader.read();

        long pid = Long.parseLong(Files.readString(pidFile).strip());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(
                ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                "the shell's 'sleep 30' (pid " + pid + ") is still running");
    }
}
