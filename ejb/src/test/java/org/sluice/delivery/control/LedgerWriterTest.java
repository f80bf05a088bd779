package org.sluice.delivery.control;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sluice.recipient.control.CountCheck;
import org.sluice.recipient.control.CountSnapshot;
import org.sluice.recipient.entity.RecipientState;
import org.sluice.schema.SchemaMigration;

/** LedgerWriter on Sluice's real schema (Flyway migrations) in an in-memory H2, read back over a second connection. */
class LedgerWriterTest {

    private JdbcDataSource dataSource;
    private Connection observer; // keeps the in-memory database alive and reads what others committed

    @BeforeEach
    void migratedDatabase() throws Exception {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:ledger" + System.nanoTime() + ";DB_CLOSE_DELAY=0");
        dataSource.setUser("sa");
        observer = dataSource.getConnection();
        SchemaMigration.flyway(dataSource).migrate();
        try (Statement s = observer.createStatement()) {
            s.execute("INSERT INTO mta (id, name, host, port, tls_mode, max_connections, enabled)"
                    + " VALUES (7, 'default', '127.0.0.1', 25, 'NONE', 2, TRUE)");
            s.execute("INSERT INTO campaign (id, name, from_address, subject_template, status, mta_id, chunk_size,"
                    + " connections, created_at) VALUES (42, 'News', 'news@example.com', 'Hi', 'SENDING', 7, 100, 2,"
                    + " CURRENT_TIMESTAMP)");
            for (int id = 1; id <= 3; id++) {
                s.execute("INSERT INTO recipient (id, campaign_id, address, address_key) VALUES (" + id + ", 42, 'r"
                        + id + "@example.org', 'r" + id + "@example.org')");
            }
            s.execute(
                    "INSERT INTO recipient_count (campaign_id, recipients, pending, sent, deferred, failed, suppressed)"
                            + " VALUES (42, 3, 3, 0, 0, 0, 0)");
        }
    }

    @AfterEach
    void countsEqualARecountOfTheTables() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            CountCheck check = CountSnapshot.check(c, 42);
            assertTrue(check.agrees(), check.report());
        } finally {
            observer.close();
        }
    }

    @Test
    void acceptedMessagesAreWrittenWithTheirGroupAndAtTheLatestWhenTheChunkEnds() throws Exception {
        try (LedgerWriter recorder = new LedgerWriter(dataSource, 42)) {
            recorder.record(
                    7,
                    new DeliveryOutcome(
                            1, "<sluice.42.1@example.com>", new SmtpReply(250, "250 2.0.0 Ok: queued as 4Xy")));
            assertEquals(
                    List.of("PENDING|null|0"), recipient(1), "waiting for its group's commit (the journal has it)");

            recorder.makeDurable(); // the writer's end of chunk

            // Still open, nobody committed on its behalf: another connection already sees it.
            assertAll(
                    () -> assertEquals(List.of("SENT|250 2.0.0 Ok: queued as 4Xy|1"), recipient(1)),
                    () -> assertEquals(List.of("1|42|7|<sluice.42.1@example.com>|250|1"), deliveries(1)),
                    () -> assertEquals(List.of("PENDING|null|0"), recipient(2)));
        }
    }

    @Test
    void aGroupWritesEachTransactionWithItsMtaReplyAndTimeInOneStatement() throws Exception {
        String longReply = "250 " + "x".repeat(DeliveryStatements.REPLY_CHARS + 50);
        try (LedgerWriter recorder = new LedgerWriter(dataSource, 42)) {
            recorder.record(7, new DeliveryOutcome(1, "<sluice.42.1@example.com>", new SmtpReply(250, longReply)));
            recorder.record(
                    7, new DeliveryOutcome(2, "<sluice.42.2@example.com>", new SmtpReply(550, "550 No such user")));
            recorder.record(
                    7,
                    new DeliveryOutcome(3, "<sluice.42.3@example.com>", new SmtpReply(250, "250 Ok; it's \"quoted\"")));
            recorder.makeDurable();
        }
        assertAll(
                () -> assertEquals(List.of("1|42|7|<sluice.42.1@example.com>|250|1"), deliveries(1)),
                () -> assertEquals(List.of("2|42|7|<sluice.42.2@example.com>|550|1"), deliveries(2)),
                () -> assertEquals(List.of("FAILED|550 No such user|1"), recipient(2)),
                () -> assertEquals(
                        List.of(
                                longReply.substring(0, DeliveryStatements.REPLY_CHARS),
                                "550 No such user",
                                "250 Ok; it's \"quoted\""),
                        rows("SELECT reply_text FROM delivery_record ORDER BY recipient_id")),
                () -> assertEquals(
                        List.of("3"), rows("SELECT COUNT(*) FROM delivery_record WHERE sent_at IS NOT NULL")));
    }

    @Test
    void anAddressRefusedForGoodGoesOnTheSuppressionListAndAPolicyRefusalDoesNot() throws Exception {
        try (Statement s = observer.createStatement()) {
            // Unsubscribed a moment earlier: the refusal must neither fail the group nor change that entry.
            s.execute(
                    "INSERT INTO suppression (address_key, address, reason, detail, suppressed_at)"
                            + " VALUES ('r3@example.org', 'r3@example.org', 'UNSUBSCRIBED', 'one-click POST', CURRENT_TIMESTAMP)");
        }
        try (LedgerWriter recorder = new LedgerWriter(dataSource, 42)) {
            recorder.record(
                    7,
                    new DeliveryOutcome(
                            1,
                            "<sluice.42.1@example.com>",
                            new SmtpReply(
                                    550, "550 5.1.1 <r1@example.org>: Recipient address rejected: User unknown")));
            recorder.record(
                    7,
                    new DeliveryOutcome(
                            2,
                            "<sluice.42.2@example.com>",
                            new SmtpReply(554, "554 5.7.1 Rejected for policy reasons")));
            recorder.record(
                    7,
                    new DeliveryOutcome(3, "<sluice.42.3@example.com>", new SmtpReply(550, "550 5.1.1 No such user")));
            recorder.makeDurable();
        }
        assertAll(
                () -> assertEquals(
                        List.of("FAILED"), rows("SELECT state FROM recipient_outcome WHERE recipient_id = 2")),
                () -> assertEquals(
                        List.of(
                                "r1@example.org|HARD_BOUNCE|42|refused at send time: 550 5.1.1 <r1@example.org>:"
                                        + " Recipient address rejected: User unknown",
                                "r3@example.org|UNSUBSCRIBED|null|one-click POST"),
                        rows("SELECT address || '|' || reason || '|' || COALESCE(CAST(campaign_id AS VARCHAR), 'null')"
                                + " || '|' || detail FROM suppression ORDER BY address_key")));
    }

    @Test
    void eachAttemptIsADeliveryRecordWithItsNumber() throws Exception {
        try (LedgerWriter recorder = new LedgerWriter(dataSource, 42)) {
            recorder.record(
                    7,
                    new DeliveryOutcome(
                            2, "<sluice.42.2@example.com>", new SmtpReply(451, "451 4.3.0 Try again later")));
            assertEquals(List.of("DEFERRED|451 4.3.0 Try again later|1"), recipient(2));

            recorder.record(7, new DeliveryOutcome(2, "<sluice.42.2@example.com>", new SmtpReply(250, "250 Ok")));
        }
        assertAll(
                () -> assertEquals(List.of("SENT|250 Ok|2"), recipient(2)),
                () -> assertEquals(
                        List.of("2|42|7|<sluice.42.2@example.com>|451|1", "2|42|7|<sluice.42.2@example.com>|250|2"),
                        deliveries(2)));
    }

    @Test
    void aDeferralSchedulesTheNextAttemptAndTheLastOneFailsTheRecipient() throws Exception {
        RetryPolicy twoAttempts =
                new RetryPolicy(2, Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofHours(1));
        try (LedgerWriter recorder = new LedgerWriter(dataSource, 42, twoAttempts, Runnable::run)) {
            Instant before = Instant.now();
            recorder.record(
                    7, new DeliveryOutcome(2, "<sluice.42.2@example.com>", new SmtpReply(451, "451 4.3.0 Busy")));
            Instant next = this.<java.sql.Timestamp>single(
                            "SELECT next_attempt_at FROM recipient_outcome WHERE recipient_id = 2")
                    .toInstant();
            assertTrue(
                    !next.isBefore(before.plusSeconds(60))
                            && next.isBefore(Instant.now().plusSeconds(61)),
                    next.toString());

            recorder.record(
                    7,
                    new DeliveryOutcome(
                            2, "<sluice.42.2@example.com>", new SmtpReply(451, "451 4.3.0 Busy"), true, null));
        }
        assertEquals(List.of("FAILED|gave up after 2 attempts; last reply: 451 4.3.0 Busy|2"), recipient(2));
    }

    @Test
    void aRetryAcceptedIsCountedAsDeferredThenSentAndALostTransactionAsUnknown() throws Exception {
        try (LedgerWriter recorder = new LedgerWriter(dataSource, 42)) {
            recorder.record(
                    7,
                    new DeliveryOutcome(
                            1,
                            "<sluice.42.1@example.com>",
                            new SmtpReply(250, "250 Ok"),
                            true,
                            "connection closed without a reply"));
            recorder.recordUnknown(7, 2, "<sluice.42.2@example.com>", "connection lost twice", 2);
        }
        assertAll(
                () -> assertEquals(
                        List.of("1|42|7|<sluice.42.1@example.com>|-1|1", "1|42|7|<sluice.42.1@example.com>|250|2"),
                        deliveries(1)),
                () -> assertEquals(List.of("SENT|250 Ok|2"), recipient(1)),
                () -> assertEquals(List.of("PENDING|null|2"), recipient(2), "sent again later"),
                () -> assertEquals(List.of("2|42|7|<sluice.42.2@example.com>|-1|2"), deliveries(2)),
                () -> assertEquals(
                        1L, ((Number) single("SELECT deferred_then_sent FROM campaign WHERE id = 42")).longValue()),
                () -> assertEquals(
                        3L, ((Number) single("SELECT unknown_outcomes FROM campaign WHERE id = 42")).longValue()));
    }

    @Test
    void aJournaledOutcomeTheDatabaseLostIsAppliedOnceAndOnlyToARecipientStillToBeSent() throws Exception {
        try (LedgerWriter recorder = new LedgerWriter(dataSource, 42)) {
            recorder.record(7, new DeliveryOutcome(1, "<sluice.42.1@example.com>", new SmtpReply(250, "250 Ok")));
            OutcomeJournalFile.Entry kept =
                    new OutcomeJournalFile.Entry(1, RecipientState.SENT, 7, 250, "<sluice.42.1@example.com>", "250 Ok");
            OutcomeJournalFile.Entry lost = new OutcomeJournalFile.Entry(
                    2, RecipientState.SENT, 7, 250, "<sluice.42.2@example.com>", "250 2.0.0 queued as 9Q");

            assertAll(
                    () -> assertFalse(recorder.recover(kept), "already in the database"),
                    () -> assertTrue(recorder.recover(lost)),
                    () -> assertFalse(recorder.recover(lost), "a journal applied twice changes nothing"));
            recorder.makeDurable();
        }
        assertAll(
                () -> assertEquals(List.of("SENT|250 Ok|1"), recipient(1)),
                () -> assertEquals(List.of("1|42|7|<sluice.42.1@example.com>|250|1"), deliveries(1)),
                () -> assertEquals(List.of("SENT|250 2.0.0 queued as 9Q|1"), recipient(2)),
                () -> assertEquals(List.of("2|42|7|<sluice.42.2@example.com>|250|1"), deliveries(2)));
    }

    @SuppressWarnings("unchecked")
    private <T> T single(String sql) throws SQLException {
        try (Statement s = observer.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return (T) rs.getObject(1);
        }
    }

    @Test
    void aPermanentRefusalIsFailedWithTheReply() throws Exception {
        try (LedgerWriter recorder = new LedgerWriter(dataSource, 42)) {
            recorder.record(
                    7,
                    new DeliveryOutcome(
                            3,
                            "<sluice.42.3@example.com>",
                            new SmtpReply(550, "550 5.1.1 <r3@example.org>: Recipient address rejected")));
        }
        assertEquals(List.of("FAILED|550 5.1.1 <r3@example.org>: Recipient address rejected|1"), recipient(3));
    }

    @Test
    void aRecordThatCannotBeWrittenSaysWhichRecipientAndLeavesNothingHalfDone() throws Exception {
        try (LedgerWriter recorder = new LedgerWriter(dataSource, 42)) {
            IllegalStateException failed = assertThrows(IllegalStateException.class, () -> {
                recorder.record(7, new DeliveryOutcome(99, "<sluice.42.99@example.com>", new SmtpReply(250, "250 Ok")));
                recorder.makeDurable();
            });

            assertTrue(failed.getMessage().contains("recipient 99 of campaign 42"), failed.getMessage());
        }
        assertEquals(List.of(), deliveries(99));
    }

    @Test
    void groupsWrittenOnAnotherThreadAreAllInTheDatabaseWhenTheChunkEndsAndAFailedOneStopsTheChunk() throws Exception {
        try (Statement s = observer.createStatement()) {
            for (int id = 4; id <= 450; id++) {
                s.execute("INSERT INTO recipient (id, campaign_id, address, address_key) VALUES (" + id + ", 42, 'r"
                        + id + "@example.org', 'r" + id + "@example.org')");
            }
            s.execute("UPDATE recipient_count SET recipients = recipients + 447, pending = pending + 447"
                    + " WHERE campaign_id = 42");
        }
        List<String> writerThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.ExecutorService writes = java.util.concurrent.Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(
                    () -> {
                        writerThreads.add(Thread.currentThread().getName());
                        task.run();
                    },
                    "ledger-writes");
            return t;
        });
        try {
            try (LedgerWriter recorder = new LedgerWriter(dataSource, 42, writes)) {
                for (long id = 1; id <= 450; id++) { // two full groups of 200 and 50 more
                    recorder.record(
                            7,
                            new DeliveryOutcome(
                                    id, "<sluice.42." + id + "@example.com>", new SmtpReply(250, "250 Ok")));
                }
                recorder.makeDurable();
                assertAll(
                        () -> assertEquals(
                                450L,
                                ((Number) single("SELECT COUNT(*) FROM recipient_outcome WHERE state = 'SENT'"))
                                        .longValue()),
                        () -> assertEquals(
                                450L,
                                ((Number) single("SELECT COUNT(*) FROM delivery_record WHERE attempt = 1"))
                                        .longValue()),
                        () -> assertEquals(List.of("ledger-writes"), writerThreads, "not written on the send thread"));

                recorder.record(
                        7, new DeliveryOutcome(999, "<sluice.42.999@example.com>", new SmtpReply(250, "250 Ok")));
                recorder.flush(); // the send thread goes on; the failure is the chunk's when it ends
                IllegalStateException failed = assertThrows(IllegalStateException.class, recorder::makeDurable);
                assertTrue(failed.getMessage().contains("recipient 999 of campaign 42"), failed.getMessage());
            }
        } finally {
            writes.shutdownNow();
        }
        assertEquals(List.of(), deliveries(999));
    }

    private List<String> recipient(long id) throws SQLException {
        // No outcome row yet: PENDING, never tried.
        return rows("SELECT COALESCE(o.state, 'PENDING'), o.last_reply, COALESCE(o.attempts, 0) FROM recipient r"
                + " LEFT JOIN recipient_outcome o ON o.recipient_id = r.id WHERE r.id = " + id);
    }

    private List<String> deliveries(long recipientId) throws SQLException {
        return rows("SELECT recipient_id, campaign_id, mta_id, message_id, reply_code, attempt FROM delivery_record"
                + " WHERE recipient_id = " + recipientId + " ORDER BY attempt");
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = observer.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
