package org.sluice.delivery.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.sluice.recipient.entity.RecipientState;

/**
 * Records MTA answers in local transactions of its own: the recipient's new state and reply (its recipient_outcome
 * row, created by the first answer) and a delivery_record row for the SMTP transaction. One recorder per SMTP
 * connection keeps its database connection and prepared statements open. Final answers (accepted, 5xx) are written
 * in groups of {@code sluice.ledger.group-size} (200, or what came in within a second) with one commit, and always
 * before a chunk ends ({@link #makeDurable}) or the recorder closes: what bounds
 * duplicates after a crash is the {@link OutcomeJournal}, which the writer appends to before each answer is handed
 * here, and which the next start applies. A commit per message cost a third of the send thread.
 * <p>
 * A group is written on the {@code writes} executor while the send thread goes on with the next messages: the SMTP
 * connection does not idle while the database writes (the send thread spends most of a message waiting for the
 * MTA's replies, the ledger's CPU fits into that). One group is in flight at a time; a failed write surfaces at the
 * next flush, deferral or {@link #makeDurable} (so a chunk whose outcomes are not in the database never ends, and
 * the journal keeps them).
 * <p>
 * A deferral (4xx) schedules the next attempt by the {@link RetryPolicy}, or fails the recipient when the policy
 * gives up. A transaction lost with its connection is logged with reply code -1 and counted on the campaign.
 */
public final class DeliveryRecorder implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DeliveryRecorder.class.getName());

    /** delivery_record.reply_code of an SMTP transaction that ended without a reply: the outcome is unknown. */
    public static final int UNKNOWN_OUTCOME = -1;

    /*
     * Outcomes live in recipient_outcome, one narrow row per recipient created by its first outcome (none: PENDING).
     * Standard MERGE (H2, PostgreSQL 15+, SQL Server) inserts it or updates it in one statement.
     */
    private static final String RECORD_OUTCOME =
            "MERGE INTO recipient_outcome o USING (VALUES (CAST(? AS BIGINT), CAST(? AS VARCHAR(12)),"
                    + " CAST(? AS VARCHAR(1000)), CAST(? AS TIMESTAMP))) v (id, state, reply, at) ON o.recipient_id = v.id"
                    + " WHEN MATCHED THEN UPDATE SET state = v.state, last_reply = v.reply, attempts = o.attempts + 1,"
                    + " updated_at = v.at"
                    + " WHEN NOT MATCHED THEN INSERT (recipient_id, campaign_id, state, last_reply, attempts, updated_at)"
                    + " VALUES (v.id, CAST(? AS BIGINT), v.state, v.reply, 1, v.at)";
    private static final String INSERT_RECORD =
            "INSERT INTO delivery_record (recipient_id, campaign_id, mta_id, message_id, reply_code, reply_text, attempt, sent_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, (SELECT attempts FROM recipient_outcome WHERE recipient_id = ?), ?)";
    private static final String READ_DEFERRAL =
            "SELECT attempts, deferred_since FROM recipient_outcome WHERE recipient_id = ?";
    private static final String RECORD_DEFERRAL =
            "MERGE INTO recipient_outcome o USING (VALUES (CAST(? AS BIGINT), CAST(? AS VARCHAR(12)),"
                    + " CAST(? AS VARCHAR(1000)), CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP))) v (id, state, reply, at, next_at)"
                    + " ON o.recipient_id = v.id"
                    + " WHEN MATCHED THEN UPDATE SET state = v.state, last_reply = v.reply, attempts = o.attempts + 1,"
                    + " updated_at = v.at, next_attempt_at = v.next_at, deferred_since = COALESCE(o.deferred_since, v.at)"
                    + " WHEN NOT MATCHED THEN INSERT (recipient_id, campaign_id, state, last_reply, attempts, updated_at,"
                    + " next_attempt_at, deferred_since) VALUES (v.id, CAST(? AS BIGINT), v.state, v.reply, 1, v.at, v.next_at, v.at)";
    private static final String COUNT_DEFERRED_THEN_SENT =
            "UPDATE campaign SET deferred_then_sent = deferred_then_sent + 1 WHERE id = ?";
    private static final String COUNT_DEFERRED_THEN_SENT_BY =
            "UPDATE campaign SET deferred_then_sent = deferred_then_sent + ? WHERE id = ?";
    /** Only a recipient of this campaign still PENDING or DEFERRED (or without an outcome yet). */
    private static final String RECOVER_RECIPIENT =
            "MERGE INTO recipient_outcome o USING (SELECT r.id, r.campaign_id, CAST(? AS VARCHAR(12)) AS state,"
                    + " CAST(? AS VARCHAR(1000)) AS reply, CAST(? AS TIMESTAMP) AS at FROM recipient r"
                    + " WHERE r.id = ? AND r.campaign_id = ?) v ON o.recipient_id = v.id"
                    + " WHEN MATCHED AND o.state IN ('PENDING', 'DEFERRED') THEN UPDATE SET state = v.state,"
                    + " last_reply = v.reply, attempts = o.attempts + 1, updated_at = v.at"
                    + " WHEN NOT MATCHED THEN INSERT (recipient_id, campaign_id, state, last_reply, attempts, updated_at)"
                    + " VALUES (v.id, v.campaign_id, v.state, v.reply, 1, v.at)";
    private static final String RECOVER_RECORD =
            "INSERT INTO delivery_record (recipient_id, campaign_id, mta_id, message_id, reply_code, reply_text, attempt, sent_at)"
                    + " SELECT r.id, ?, ?, ?, ?, ?, COALESCE(o.attempts, 0), ? FROM recipient r"
                    + " LEFT JOIN recipient_outcome o ON o.recipient_id = r.id WHERE r.id = ? AND NOT EXISTS"
                    + " (SELECT 1 FROM delivery_record d WHERE d.recipient_id = r.id AND d.reply_code = ? AND d.message_id = ?)";
    /** A lost transaction counts as an attempt; the recipient stays PENDING (or DEFERRED) and is sent again. */
    private static final String COUNT_LOST_ATTEMPTS =
            "MERGE INTO recipient_outcome o USING (VALUES (CAST(? AS BIGINT), CAST(? AS INT), CAST(? AS TIMESTAMP)))"
                    + " v (id, lost, at) ON o.recipient_id = v.id"
                    + " WHEN MATCHED THEN UPDATE SET attempts = o.attempts + v.lost"
                    + " WHEN NOT MATCHED THEN INSERT (recipient_id, campaign_id, state, attempts, updated_at)"
                    + " VALUES (v.id, CAST(? AS BIGINT), 'PENDING', v.lost, v.at)";
    private static final String COUNT_UNKNOWN = "UPDATE campaign SET unknown_outcomes = unknown_outcomes + ? WHERE id = ?";

    /**
     * H2's MVStore is copy-on-write: two connections changing the same tables at once keep retrying on each other's
     * new B-tree roots. Measured with two partitions, a record cost 70-100 us of CPU concurrently and 20-30 us one
     * at a time, so on H2 the recorders of all partitions take turns; other databases lock rows and need no turns.
     */
    private static final ReentrantLock H2_WRITES = new ReentrantLock();

    /** A final answer waiting for its group's commit. */
    private record Pending(long mtaId, DeliveryOutcome outcome, RecipientState state, Timestamp at) {
    }

    private final DataSource dataSource;
    private final long campaignId;
    private final RetryPolicy retryPolicy;
    private static final long GROUP_MAX_AGE_MILLIS = 1_000;
    private final int groupSize = Math.max(1, Integer.getInteger("sluice.ledger.group-size", 200));
    private final Executor writes;
    private List<Pending> pending = new ArrayList<>();
    /** The group being written on {@link #writes}, or null. */
    private CompletableFuture<Void> inFlight;
    private Connection connection;
    private PreparedStatement recordOutcome;
    private PreparedStatement insert;
    private boolean serialized;

    /**
     * @param dataSource a non-JTA datasource: the recorder commits on its own
     * @param writes     where groups of final answers are written (a container-managed executor); {@code Runnable::run}
     *                   writes them on the caller's thread
     */
    public DeliveryRecorder(DataSource dataSource, long campaignId, RetryPolicy retryPolicy, Executor writes) {
        this.dataSource = dataSource;
        this.campaignId = campaignId;
        this.retryPolicy = retryPolicy;
        this.writes = writes;
    }

    public DeliveryRecorder(DataSource dataSource, long campaignId, Executor writes) {
        this(dataSource, campaignId, RetryPolicy.fromSystemProperties(), writes);
    }

    /** A recorder that writes on the caller's thread. */
    public DeliveryRecorder(DataSource dataSource, long campaignId) {
        this(dataSource, campaignId, Runnable::run);
    }

    /**
     * @throws IllegalStateException if the outcome cannot be recorded even on a fresh database connection; the
     *                               message may have been accepted, so the caller must stop sending
     */
    public void record(long mtaId, DeliveryOutcome outcome) {
        RecipientState state = outcome.resultingState();
        if (outcome.lostBefore() == null && state != RecipientState.DEFERRED) {
            Timestamp now = Timestamp.from(Instant.now());
            pending.add(new Pending(mtaId, outcome, state, now));
            // A slow MTA fills a group slowly: a second at most, so counts and charts never lag behind by more.
            if (pending.size() >= groupSize || now.getTime() - pending.get(0).at().getTime() >= GROUP_MAX_AGE_MILLIS) {
                flush();
            }
            return;
        }
        flushAndWait(); // a deferral reads the recipient's attempts: every earlier answer is written first
        inTransaction(outcome.recipientId(), outcome.reply().toString(), () -> write(mtaId, outcome));
    }

    /**
     * Starts writing the final answers waiting for their group's commit (after the group before, if still in flight).
     *
     * @throws IllegalStateException if the group before could not be written
     */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        awaitWrites();
        List<Pending> group = pending;
        pending = new ArrayList<>(groupSize);
        Runnable write = () -> inTransaction(group.get(0).outcome().recipientId(), group.size() + " outcomes",
                () -> writeGroup(group));
        try {
            inFlight = CompletableFuture.runAsync(write, writes);
        } catch (RejectedExecutionException shuttingDown) {
            write.run();
        }
    }

    /** Writes every answer given so far and waits until they are committed. */
    private void flushAndWait() {
        flush();
        awaitWrites();
    }

    /** Waits for the group in flight; its failure is the caller's (who must stop sending). */
    private void awaitWrites() {
        CompletableFuture<Void> write = inFlight;
        if (write == null) {
            return;
        }
        inFlight = null;
        try {
            write.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IllegalStateException failed) {
                throw failed;
            }
            throw new IllegalStateException("recording outcomes of campaign " + campaignId + " failed: " + e.getCause(),
                    e.getCause());
        }
    }

    private void writeGroup(List<Pending> group) throws SQLException {
        int deferredThenSent = 0;
        for (Pending p : group) {
            bindOutcome(p.outcome().recipientId(), p.state(), p.outcome().reply().toString(), p.at());
            recordOutcome.addBatch();
            if (p.state() == RecipientState.SENT && p.outcome().retry()) {
                deferredThenSent++;
            }
        }
        recordOutcome.executeBatch();
        for (Pending p : group) {
            DeliveryOutcome o = p.outcome();
            bindRecord(p.mtaId(), o.recipientId(), o.messageId(), o.reply().code(), o.reply().text(), p.at());
            insert.addBatch();
        }
        insert.executeBatch();
        if (deferredThenSent > 0) {
            try (PreparedStatement counter = connection.prepareStatement(COUNT_DEFERRED_THEN_SENT_BY)) {
                counter.setInt(1, deferredThenSent);
                counter.setLong(2, campaignId);
                counter.executeUpdate();
            }
        }
    }

    /**
     * The connection was lost inside {@code transactions} SMTP transactions for this message: the MTA may have it
     * or not. The recipient keeps its state (it is sent again); the lost transactions are logged and counted.
     */
    public void recordUnknown(long mtaId, long recipientId, String messageId, String reason, int transactions) {
        flushAndWait();
        inTransaction(recipientId, reason, () -> {
            Timestamp now = Timestamp.from(Instant.now());
            logUnknown(mtaId, recipientId, messageId, reason, transactions, now);
        });
    }

    /**
     * Applies a journaled outcome the database lost in a crash (see {@link OutcomeJournal}): only to a recipient still
     * PENDING or DEFERRED, and its delivery_record only if missing, so applying a journal twice changes nothing.
     *
     * @return whether the recipient's row changed
     */
    public boolean recover(OutcomeJournal.Entry entry) {
        flushAndWait();
        boolean[] changed = new boolean[1];
        inTransaction(entry.recipientId(), entry.replyCode() + " " + entry.replyText(), () -> {
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement mark = connection.prepareStatement(RECOVER_RECIPIENT);
                 PreparedStatement log = connection.prepareStatement(RECOVER_RECORD)) {
                mark.setString(1, entry.state().name());
                mark.setString(2, truncated(new SmtpReply(entry.replyCode(), entry.replyText()).toString()));
                mark.setTimestamp(3, now);
                mark.setLong(4, entry.recipientId());
                mark.setLong(5, campaignId);
                changed[0] = mark.executeUpdate() == 1;
                log.setLong(1, campaignId);
                log.setLong(2, entry.mtaId());
                log.setString(3, entry.messageId());
                log.setInt(4, entry.replyCode());
                log.setString(5, truncated(entry.replyText()));
                log.setTimestamp(6, now);
                log.setLong(7, entry.recipientId());
                log.setInt(8, entry.replyCode());
                log.setString(9, entry.messageId());
                log.executeUpdate();
            }
        });
        return changed[0];
    }

    /**
     * Writes the answers waiting for their group's commit and makes every outcome recorded so far survive a killed
     * JVM. H2 keeps commits in memory for up to its write delay;
     * CHECKPOINT writes them to the file. Other databases make a commit durable when it returns.
     */
    public void makeDurable() {
        flushAndWait();
        if (connection == null || !serialized) {
            return;
        }
        inTransaction(0, "checkpoint", () -> {
            try (var checkpoint = connection.createStatement()) {
                checkpoint.execute("CHECKPOINT");
            }
        });
    }

    private interface Work {
        void run() throws SQLException;
    }

    private void inTransaction(long recipientId, String what, Work work) {
        try {
            transaction(work);
        } catch (SQLException first) {
            LOG.warning(() -> "recording recipient " + recipientId + " failed (" + first.getMessage()
                    + "), retrying on a new database connection");
            closeConnection();
            try {
                transaction(work);
            } catch (SQLException again) {
                closeConnection();
                throw new IllegalStateException("recording the outcome of recipient " + recipientId
                        + " of campaign " + campaignId + " (" + what + ") failed: " + again.getMessage(), again);
            }
        }
    }

    private void transaction(Work work) throws SQLException {
        open();
        if (serialized) {
            H2_WRITES.lock();
        }
        try {
            work.run();
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw e;
        } finally {
            if (serialized) {
                H2_WRITES.unlock();
            }
        }
    }

    private void write(long mtaId, DeliveryOutcome outcome) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        if (outcome.lostBefore() != null) {
            logUnknown(mtaId, outcome.recipientId(), outcome.messageId(), outcome.lostBefore(), 1, now);
        }
        RecipientState state = outcome.resultingState();
        if (state == RecipientState.DEFERRED) {
            defer(outcome, now);
        } else {
            bindOutcome(outcome.recipientId(), state, outcome.reply().toString(), now);
            recordOutcome.executeUpdate();
            if (state == RecipientState.SENT && outcome.retry()) {
                try (PreparedStatement counter = connection.prepareStatement(COUNT_DEFERRED_THEN_SENT)) {
                    counter.setLong(1, campaignId);
                    counter.executeUpdate();
                }
            }
        }
        insertRecord(mtaId, outcome.recipientId(), outcome.messageId(), outcome.reply().code(), outcome.reply().text(), now);
    }

    /** A 4xx: try again after the backoff, or fail the recipient if the retry policy gives up. */
    private void defer(DeliveryOutcome outcome, Timestamp now) throws SQLException {
        int attempts;
        Instant deferredSince;
        try (PreparedStatement read = connection.prepareStatement(READ_DEFERRAL)) {
            read.setLong(1, outcome.recipientId());
            try (ResultSet rs = read.executeQuery()) {
                boolean tried = rs.next(); // no outcome yet: this is the first attempt
                attempts = (tried ? rs.getInt(1) : 0) + 1;
                Timestamp since = tried ? rs.getTimestamp(2) : null;
                deferredSince = since == null ? now.toInstant() : since.toInstant();
            }
        }
        RetryPolicy.Decision decision = retryPolicy.afterDeferral(attempts, deferredSince, now.toInstant());
        try (PreparedStatement deferred = connection.prepareStatement(RECORD_DEFERRAL)) {
            deferred.setLong(1, outcome.recipientId());
            deferred.setString(2, decision.givesUp() ? RecipientState.FAILED.name() : RecipientState.DEFERRED.name());
            String reply = outcome.reply().toString();
            deferred.setString(3, truncated(decision.givesUp() ? decision.giveUpReason() + "; last reply: " + reply : reply));
            deferred.setTimestamp(4, now);
            deferred.setTimestamp(5, decision.givesUp() ? null : Timestamp.from(decision.nextAttempt()));
            deferred.setLong(6, campaignId);
            deferred.executeUpdate();
        }
    }

    private void bindOutcome(long recipientId, RecipientState state, String reply, Timestamp at) throws SQLException {
        recordOutcome.setLong(1, recipientId);
        recordOutcome.setString(2, state.name());
        recordOutcome.setString(3, truncated(reply));
        recordOutcome.setTimestamp(4, at);
        recordOutcome.setLong(5, campaignId);
    }

    private void logUnknown(long mtaId, long recipientId, String messageId, String reason, int transactions,
                            Timestamp now) throws SQLException {
        // A lost transaction was an attempt: the next record of this recipient numbers after it.
        try (PreparedStatement attempts = connection.prepareStatement(COUNT_LOST_ATTEMPTS)) {
            attempts.setLong(1, recipientId);
            attempts.setInt(2, transactions);
            attempts.setTimestamp(3, now);
            attempts.setLong(4, campaignId);
            attempts.executeUpdate();
        }
        insertRecord(mtaId, recipientId, messageId, UNKNOWN_OUTCOME,
                truncated("outcome unknown (" + transactions + " transaction" + (transactions == 1 ? "" : "s")
                        + " lost with the connection), sent again: " + reason), now);
        try (PreparedStatement counter = connection.prepareStatement(COUNT_UNKNOWN)) {
            counter.setInt(1, transactions);
            counter.setLong(2, campaignId);
            counter.executeUpdate();
        }
    }

    private void insertRecord(long mtaId, long recipientId, String messageId, int code, String text, Timestamp now)
            throws SQLException {
        bindRecord(mtaId, recipientId, messageId, code, text, now);
        insert.executeUpdate();
    }

    private void bindRecord(long mtaId, long recipientId, String messageId, int code, String text, Timestamp now)
            throws SQLException {
        insert.setLong(1, recipientId);
        insert.setLong(2, campaignId);
        insert.setLong(3, mtaId);
        insert.setString(4, messageId);
        insert.setInt(5, code);
        insert.setString(6, truncated(text));
        insert.setLong(7, recipientId);
        insert.setTimestamp(8, now);
    }

    private static String truncated(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
    }

    private void open() throws SQLException {
        if (connection == null) {
            Connection c = dataSource.getConnection();
            try {
                c.setAutoCommit(false);
                serialized = "H2".equals(c.getMetaData().getDatabaseProductName());
                recordOutcome = c.prepareStatement(RECORD_OUTCOME);
                insert = c.prepareStatement(INSERT_RECORD);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            connection = c;
        }
    }

    private void rollbackQuietly() {
        try {
            if (connection != null) {
                connection.rollback();
            }
        } catch (SQLException e) {
            LOG.fine(() -> "rollback failed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            flushAndWait();
        } catch (IllegalStateException e) {
            // The outcome journal still holds them; the next start of the campaign applies it.
            LOG.warning(() -> "campaign " + campaignId + ": outcomes not written on close (" + e.getMessage()
                    + "); the outcome journal keeps them for the next start");
            pending.clear();
            inFlight = null;
        }
        closeConnection();
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close(); // closes the statements too
            } catch (SQLException e) {
                LOG.fine(() -> "closing the ledger connection failed: " + e.getMessage());
            }
            connection = null;
            recordOutcome = null;
            insert = null;
        }
    }
}
