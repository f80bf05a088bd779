package org.sluice.probe.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sluice.probe.protocol.QueueDepth;
import org.sluice.probe.queue.CommandQueueReader;
import org.sluice.probe.queue.EximQueueReader;
import org.sluice.probe.queue.NoQueueReader;
import org.sluice.probe.queue.PostfixSpoolReader;
import org.sluice.probe.queue.PostqueueReader;
import org.sluice.probe.queue.QueueDepthReader;
import org.sluice.probe.queue.SendmailQueueReader;

class QueueDepthReadersTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"postfix", "postqueue", "exim", "sendmail", "none"})
    void createsTheNamedReader(String name) {
        QueueDepthReader reader =
                QueueDepthReaders.create(ProbeSettings.from(Map.of("sluice.probe.queue-reader", name)));

        assertEquals(name, reader.name());
    }

    @Test
    void readerClassesMatchTheirNames() {
        assertInstanceOf(PostfixSpoolReader.class, create("postfix", null));
        assertInstanceOf(PostqueueReader.class, create("postqueue", null));
        assertInstanceOf(EximQueueReader.class, create("exim", null));
        assertInstanceOf(SendmailQueueReader.class, create("sendmail", null));
        assertInstanceOf(CommandQueueReader.class, create("command", "echo 1"));
        assertInstanceOf(NoQueueReader.class, create("none", null));
    }

    @Test
    void postfixReaderCountsTheConfiguredQueueDirectory() throws IOException {
        for (String queue : new String[] {"incoming", "active", "deferred", "maildrop"}) {
            Files.createDirectories(dir.resolve(queue));
        }
        Files.createFile(dir.resolve("active").resolve("4F2B1C0A1"));
        QueueDepthReader reader = QueueDepthReaders.create(
                ProbeSettings.from(Map.of("sluice.probe.postfix-queue-directory", dir.toString())));

        assertEquals(QueueDepth.of("postfix", 0, 1, 0), reader.read());
    }

    @Test
    void commandReaderRunsTheShellCommand() {
        assertEquals(
                QueueDepth.totalOnly("command", 7),
                create("command", "echo 3 | sed s/3/7/").read());
    }

    @Test
    void configuredCommandReplacesAStandardOneSplitOnWhitespace() {
        assertEquals(
                QueueDepth.totalOnly("exim", 5), create("exim", "  echo   5 ").read());
    }

    @Test
    void unknownReaderInHandBuiltSettingsIsRejected() {
        ProbeSettings settings = new ProbeSettings(
                "mta1", "qmail", Path.of("/var/spool/postfix"), null, Path.of("/"), Duration.ofSeconds(1));

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> QueueDepthReaders.create(settings));

        assertEquals(
                "sluice.probe.queue-reader is 'qmail': must be one of postfix, postqueue, exim, sendmail, command,"
                        + " none",
                e.getMessage());
    }

    private static QueueDepthReader create(String reader, String command) {
        return QueueDepthReaders.create(
                command == null
                        ? ProbeSettings.from(Map.of("sluice.probe.queue-reader", reader))
                        : ProbeSettings.from(
                                Map.of("sluice.probe.queue-reader", reader, "sluice.probe.queue-command", command)));
    }
}
