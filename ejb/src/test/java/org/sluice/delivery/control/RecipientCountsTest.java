package org.sluice.delivery.control;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sluice.recipient.control.CountChanges;
import org.sluice.recipient.control.CountCheck;
import org.sluice.recipient.control.CountSnapshot;
import org.sluice.recipient.control.RecipientSuppressor;
import org.sluice.recipient.control.StateCounts;
import org.sluice.recipient.entity.RecipientState;
import org.sluice.schema.SchemaMigration;

/**
 * A campaign's recipient counters (recipient_count) follow every move of its recipients, on Sluice's real schema in
 * an in-memory H2: the ledger's groups, deferrals, lost transactions and journal recovery, and suppressions by id and
 * by address; and they equal a recount of the tables while all of these run at once.
 */
class RecipientCountsTest {

    private static final long CAMPAIGN = 42;
    private static final long OTHER_CAMPAIGN = 43;
    private static final int RECIPIENTS = 1200;

    private JdbcDataSource dataSource;
    private Connection observer; // keeps the in-memory database alive

    @BeforeEach
    void campaignsOfTwelveHundredRecipientsSharingTheirAddresses() throws Exception {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:counts" + System.nanoTime() + ";DB_CLOSE_DELAY=0");
        dataSource.setUser("sa");
        observer = dataSource.getConnection();
        SchemaMigration.flyway(dataSource).migrate();
        try (Statement s = observer.createStatement()) {
            s.execute("INSERT INTO mta (id, name, host, port, tls_mode, max_connections, enabled)"
                    + " VALUES (7, 'default', '127.0.0.1', 25, 'NONE', 2, TRUE)");
            for (long campaign : List.of(CAMPAIGN, OTHER_CAMPAIGN)) {
                s.execute("INSERT INTO campaign (id, name, from_address, subject_template, status, mta_id, chunk_size,"
                        + " connections, created_at) VALUES (" + campaign + ", 'News', 'news@example.com', 'Hi',"
                        + " 'SENDING', 7, 100, 2, CURRENT_TIMESTAMP)");
                s.execute("INSERT INTO recipient_count (campaign_id, recipients, pending, sent, deferred, failed,"
                        + " suppressed) VALUES (" + campaign + ", " + RECIPIENTS + ", " + RECIPIENTS + ", 0, 0, 0, 0)");
                long first = campaign == CAMPAIGN ? 1 : 100_001;
                s.execute("INSERT INTO recipient (id, campaign_id, address, address_key)"
                        + " SELECT X + " + (first - 1) + ", " + campaign + ", 'r' || X || '@example.org',"
                        + " 'r' || X || '@example.org' FROM SYSTEM_RANGE(1, " + RECIPIENTS + ")");
            }
        }
    }

    @AfterEach
    void close() throws SQLException {
        observer.close();
    }

    @Test
    void countersFollowEveryMoveOfARecipient() throws Exception {
        RetryPolicy twoAttempts =
                new RetryPolicy(2, Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofHours(1));
        try (LedgerWriter ledger = new LedgerWriter(dataSource, CAMPAIGN, twoAttempts, Runnable::run)) {
            ledger.record(7, outcome(1, 250)); // PENDING -> SENT, in a group
            ledger.record(7, outcome(2, 550)); // PENDING -> FAILED, in a group
            ledger.record(7, outcome(3, 451)); // PENDING -> DEFERRED, on its own
            ledger.record(7, new DeliveryOutcome(3, "<m3@x>", new SmtpReply(250, "250 Ok"), true, null)); // -> SENT
            ledger.record(7, outcome(4, 451));
            ledger.record(7, new DeliveryOutcome(4, "<m4@x>", new SmtpReply(451, "451 Busy"), true, null)); // gives up
            ledger.recordUnknown(7, 5, "<m5@x>", "connection lost", 1); // stays PENDING, with an outcome row now
            ledger.record(7, new DeliveryOutcome(6, "<m6@x>", new SmtpReply(250, "250 Ok"), false, "lost before"));
            ledger.recover(new OutcomeJournalFile.Entry(7, RecipientState.SENT, 7, 250, "<m7@x>", "250 Ok"));
            ledger.recover(new OutcomeJournalFile.Entry(1, RecipientState.FAILED, 7, 550, "<m1@x>", "550 No")); // kept
            ledger.makeDurable();
        }
        try (Connection c = transaction()) {
            CountChanges counts = new CountChanges();
            RecipientSuppressor suppressor = new RecipientSuppressor(c, Timestamp.from(Instant.now()), counts);
            assertEquals(
                    2, suppressor.byId(CAMPAIGN, Map.of(5L, "suppressed", 8L, "suppressed", 1L, "mailed already")));
            assertEquals(2, suppressor.byAddress("r9@example.org", "unsubscribed")); // here and in the other campaign
            counts.addTo(c);
            c.commit();
        }

        assertAll(
                () -> assertEquals(new StateCounts(RECIPIENTS, RECIPIENTS - 9, 4, 0, 2, 3), counters(CAMPAIGN)),
                () -> assertEquals(new StateCounts(RECIPIENTS, RECIPIENTS - 1, 0, 0, 0, 1), counters(OTHER_CAMPAIGN)),
                () -> assertAgreeWithTheTables(CAMPAIGN),
                () -> assertAgreeWithTheTables(OTHER_CAMPAIGN));
    }

    @Test
    void countersEqualARecountWhileLedgerWritersAndSuppressionsRunAtOnce() throws Exception {
        H2WriteTurns turns = new H2WriteTurns(); // one per application, as in the server
        ExecutorService threads = Executors.newFixedThreadPool(6);
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicInteger snapshots = new AtomicInteger();
        AtomicInteger suppressed = new AtomicInteger();
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int partition = 0; partition < 2; partition++) {
                long from = 1 + partition * (RECIPIENTS / 2);
                long to = from + RECIPIENTS / 2 - 1;
                ExecutorService writes = Executors.newSingleThreadExecutor();
                senders.add(threads.submit(() -> {
                    try (LedgerWriter ledger =
                            new LedgerWriter(dataSource, CAMPAIGN, RetryPolicy.fromSettings(), writes, turns)) {
                        send(ledger, from, to);
                    } finally {
                        writes.shutdown();
                    }
                    return null;
                }));
            }
            List<Future<?>> others = new ArrayList<>();
            others.add(threads.submit(() -> suppressWhileSending(sending, new Random(1), true, suppressed)));
            others.add(threads.submit(() -> suppressWhileSending(sending, new Random(2), false, suppressed)));
            others.add(threads.submit(() -> {
                while (sending.get()) {
                    assertAgreeWithTheTables(CAMPAIGN);
                    snapshots.incrementAndGet();
                }
                return null;
            }));
            for (Future<?> sender : senders) {
                sender.get(2, TimeUnit.MINUTES);
            }
            sending.set(false);
            for (Future<?> other : others) {
                other.get(1, TimeUnit.MINUTES);
            }
        } finally {
            sending.set(false);
            threads.shutdownNow();
        }

        StateCounts counts = counters(CAMPAIGN);
        assertAll(
                () -> assertAgreeWithTheTables(CAMPAIGN),
                () -> assertAgreeWithTheTables(OTHER_CAMPAIGN),
                () -> assertEquals(0, counts.pending() + counts.deferred(), counts.toString()),
                // Few stay SUPPRESSED: this sender mails them afterwards all the same (the job's reader skips them).
                () -> assertTrue(suppressed.get() > 0, "some recipients were suppressed while sending"),
                () -> assertTrue(snapshots.get() > 0, "checked while sending"));
    }

    @Test
    void aCheckReportsCountersThatDriftedAndACorrectionSetsThemRight() throws Exception {
        try (LedgerWriter ledger = new LedgerWriter(dataSource, CAMPAIGN)) {
            ledger.record(7, outcome(1, 250));
            ledger.makeDurable();
        }
        try (Statement s = observer.createStatement()) {
            s.execute("UPDATE recipient_count SET sent = sent + 5, pending = pending - 2 WHERE campaign_id = 42");
        }

        try (Connection c = dataSource.getConnection()) {
            CountCheck drifted = CountSnapshot.check(c, CAMPAIGN);
            CountCheck corrected = CountSnapshot.correct(c, CAMPAIGN);
            assertAll(
                    () -> assertFalse(drifted.agrees()),
                    () -> assertEquals(
                            "campaign 42: the counters differ from the tables: PENDING 1197 counted, 1199 in the"
                                    + " tables; SENT 6 counted, 1 in the tables; the counted states add up to 1203,"
                                    + " not 1200",
                            drifted.report()),
                    () -> assertTrue(corrected.corrected()),
                    () -> assertTrue(CountSnapshot.check(c, CAMPAIGN).agrees()),
                    () -> assertEquals(new StateCounts(RECIPIENTS, RECIPIENTS - 1, 1, 0, 0, 0), counters(CAMPAIGN)));
        }
    }

    /** One partition's send: every recipient once, a tenth deferred and retried, some lost and sent again. */
    private static void send(LedgerWriter ledger, long from, long to) {
        for (long id = from; id <= to; id++) {
            switch ((int) (id % 10)) {
                case 7 -> ledger.record(7, outcome(id, 451));
                case 8 -> ledger.record(7, outcome(id, 550));
                case 9 -> {
                    ledger.recordUnknown(7, id, "<m" + id + "@x>", "connection lost", 1);
                    ledger.record(
                            7, new DeliveryOutcome(id, "<m" + id + "@x>", new SmtpReply(250, "250 Ok"), false, "lost"));
                }
                default -> ledger.record(7, outcome(id, 250));
            }
        }
        ledger.makeDurable();
        for (long id = from; id <= to; id++) {
            if (id % 10 == 7) {
                ledger.record(7, new DeliveryOutcome(id, "<m" + id + "@x>", new SmtpReply(250, "250 Ok"), true, null));
            }
        }
        ledger.makeDurable();
    }

    /** Suppresses random recipients by id, or random addresses in both campaigns, a transaction each, until told. */
    private Void suppressWhileSending(AtomicBoolean sending, Random random, boolean byAddress, AtomicInteger marked)
            throws SQLException {
        while (sending.get()) {
            long id = 1 + random.nextInt(RECIPIENTS);
            for (int attempt = 1; ; attempt++) {
                try (Connection c = transaction()) {
                    try {
                        CountChanges counts = new CountChanges();
                        RecipientSuppressor suppressor =
                                new RecipientSuppressor(c, Timestamp.from(Instant.now()), counts);
                        int changed = byAddress
                                ? suppressor.byAddress("r" + id + "@example.org", "unsubscribed")
                                : suppressor.byId(CAMPAIGN, Map.of(id, "on the list"));
                        counts.addTo(c);
                        c.commit();
                        marked.addAndGet(changed);
                        break;
                    } catch (SQLException e) {
                        // The ledger inserted the recipient's first outcome row meanwhile (a duplicate key), or a lock
                        // timed out: the server's caller would fail and be retried the same way.
                        c.rollback();
                        if (attempt == 5) {
                            throw e;
                        }
                    }
                }
            }
        }
        return null;
    }

    private static DeliveryOutcome outcome(long id, int code) {
        return new DeliveryOutcome(id, "<m" + id + "@x>", new SmtpReply(code, code + " reply"));
    }

    private Connection transaction() throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        return c;
    }

    private StateCounts counters(long campaign) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return CountSnapshot.check(c, campaign).counters();
        }
    }

    private void assertAgreeWithTheTables(long campaign) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            CountCheck check = CountSnapshot.check(c, campaign);
            assertTrue(check.agrees(), check.report());
        }
    }
}
