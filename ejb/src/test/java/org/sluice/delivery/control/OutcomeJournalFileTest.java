package org.sluice.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sluice.recipient.entity.RecipientState;

class OutcomeJournalFileTest {

    @TempDir
    Path dataDir;

    private String previous;

    @BeforeEach
    void dataDirectory() {
        previous = System.getProperty("jboss.server.data.dir");
        System.setProperty("jboss.server.data.dir", dataDir.toString());
    }

    @AfterEach
    void restore() {
        if (previous == null) {
            System.clearProperty("jboss.server.data.dir");
        } else {
            System.setProperty("jboss.server.data.dir", previous);
        }
    }

    @Test
    void finalOutcomesAreJournaledAndReadBackAfterTheWriterDied() {
        OutcomeJournalFile journal = OutcomeJournalFile.open(42);
        journal.append(
                7, new DeliveryOutcome(1, "<sluice.42.1@example.com>", new SmtpReply(250, "250 2.0.0 Ok:\tqueued")));
        journal.append(7, new DeliveryOutcome(2, "<sluice.42.2@example.com>", new SmtpReply(451, "451 try later")));
        journal.append(7, new DeliveryOutcome(3, "<sluice.42.3@example.com>", new SmtpReply(550, "550 no such user")));
        // no close(): the JVM was killed

        List<Path> left = OutcomeJournalFile.leftBehind(42);
        assertEquals(1, left.size());
        assertEquals(
                List.of(
                        new OutcomeJournalFile.Entry(
                                1, RecipientState.SENT, 7, 250, "<sluice.42.1@example.com>", "250 2.0.0 Ok: queued"),
                        new OutcomeJournalFile.Entry(
                                3, RecipientState.FAILED, 7, 550, "<sluice.42.3@example.com>", "550 no such user")),
                OutcomeJournalFile.read(left.get(0)),
                "a deferral needs no journal: sending it again duplicates nothing");
    }

    @Test
    void aLineCutOffByTheCrashIsNotAnEntry() throws Exception {
        Path file = OutcomeJournalFile.directory(43).resolve("cut.journal");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "1\tSENT\t7\t250\t<a@b>\t250 ok\n2\tSENT\t7\t25", StandardCharsets.UTF_8);

        assertEquals(
                List.of(new OutcomeJournalFile.Entry(1, RecipientState.SENT, 7, 250, "<a@b>", "250 ok")),
                OutcomeJournalFile.read(file));
    }

    @Test
    void aJournalEmptiedAfterItsChunkLeavesNoFileWhenClosed() {
        OutcomeJournalFile journal = OutcomeJournalFile.open(44);
        journal.append(7, new DeliveryOutcome(1, "<m>", new SmtpReply(250, "250 ok")));
        journal.clear();
        journal.close();

        assertTrue(OutcomeJournalFile.leftBehind(44).isEmpty());
    }
}
