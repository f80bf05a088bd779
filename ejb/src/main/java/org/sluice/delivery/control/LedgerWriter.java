package org.sluice.delivery.control;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.sluice.recipient.control.CountChanges;
import org.sluice.recipient.entity.RecipientState;

/**
 * Records MTA answers in the ledger database, in local transactions of its own: the recipient's new state and reply
 * (its recipient_outcome row, created by the first answer) and a delivery_record row for the SMTP transaction. One
 * ledger writer per SMTP connection keeps its database connection and prepared statements open
 * ({@link LedgerConnection}).
 * <p>
 * Final answers (accepted, 5xx) are committed in groups ({@link OutcomeGroups}), and always before a chunk ends
 * ({@link #makeDurable}) or the ledger writer closes: what bounds duplicates after a crash is the
 * {@link OutcomeJournalFile}, which the send job appends to before each answer is handed here, and which the next
 * start applies ({@link JournalRecovery}). A deferral (4xx) schedules the next attempt ({@link Deferrals}). A
 * transaction lost with its connection is logged with reply code -1 and counted on the campaign
 * ({@link OutcomeRows#writeLost}).
 * <p>
 * Each transaction that moves recipients between states also adds the moves to the campaign's recipient counts
 * ({@link CountChanges}), once per transaction (a group of 200 answers updates the counter row once), as its last
 * write: the counter row is locked only from there to the commit, after the SMTP answers are in.
 */
public final class LedgerWriter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LedgerWriter.class.getName());

    private final long campaignId;
    private final LedgerConnection ledger;
    private final OutcomeRows rows;
    private final Deferrals deferrals;
    private final JournalRecovery recovery;
    private final OutcomeGroups groups;

    /**
     * @param dataSource a non-JTA datasource: the ledger writer commits on its own
     * @param writes     where groups of final answers are written (a container-managed executor); {@code Runnable::run}
     *                   writes them on the caller's thread
     * @param turns      the turns all ledger writers of the application take on H2
     */
    public LedgerWriter(
            DataSource dataSource, long campaignId, RetryPolicy retryPolicy, Executor writes, H2WriteTurns turns) {
        this.campaignId = campaignId;
        this.ledger = new LedgerConnection(dataSource, campaignId, turns);
        this.rows = new OutcomeRows(ledger, campaignId, AddressRefusals.fromSettings());
        this.deferrals = new Deferrals(ledger, campaignId, retryPolicy);
        this.recovery = new JournalRecovery(ledger, campaignId);
        this.groups = new OutcomeGroups(campaignId, writes, this::writeGroup);
    }

    /** A ledger writer with turns of its own on H2 (a test's, alone on its database). */
    public LedgerWriter(DataSource dataSource, long campaignId, RetryPolicy retryPolicy, Executor writes) {
        this(dataSource, campaignId, retryPolicy, writes, new H2WriteTurns());
    }

    public LedgerWriter(DataSource dataSource, long campaignId, Executor writes) {
        this(dataSource, campaignId, RetryPolicy.fromSettings(), writes);
    }

    /** A ledger writer that writes on the caller's thread. */
    public LedgerWriter(DataSource dataSource, long campaignId) {
        this(dataSource, campaignId, Runnable::run);
    }

    /**
     * @throws IllegalStateException if the outcome cannot be recorded even on a fresh database connection; the
     *                               message may have been accepted, so the caller must stop sending
     */
    public void record(long mtaId, DeliveryOutcome outcome) {
        RecipientState state = outcome.resultingState();
        if (outcome.lostBefore() == null && state != RecipientState.DEFERRED) {
            groups.add(new FinalOutcome(mtaId, outcome, state, Timestamp.from(Instant.now())));
            return;
        }
        groups.flushAndWait(); // a deferral reads the recipient's attempts: every earlier answer is written first
        ledger.inTransaction(outcome.recipientId(), outcome.reply().toString(), () -> write(mtaId, outcome));
    }

    /**
     * Starts writing the final answers waiting for their group's commit (after the group before, if still in flight).
     *
     * @throws IllegalStateException if the group before could not be written
     */
    public void flush() {
        groups.flush();
    }

    /**
     * The connection was lost inside {@code transactions} SMTP transactions for this message: the MTA may have it
     * or not. The recipient keeps its state (it is sent again); the lost transactions are logged and counted.
     */
    public void recordUnknown(long mtaId, long recipientId, String messageId, String reason, int transactions) {
        groups.flushAndWait();
        ledger.inTransaction(
                recipientId,
                reason,
                () -> rows.writeLost(
                        mtaId, recipientId, messageId, reason, transactions, Timestamp.from(Instant.now())));
    }

    /**
     * Applies a journaled outcome the database lost in a crash (see {@link OutcomeJournalFile}): only to a recipient still
     * PENDING or DEFERRED, and its delivery_record only if missing, so applying a journal twice changes nothing.
     *
     * @return whether the recipient's row changed
     */
    public boolean recover(OutcomeJournalFile.Entry entry) {
        groups.flushAndWait();
        boolean[] changed = new boolean[1];
        ledger.inTransaction(entry.recipientId(), entry.replyCode() + " " + entry.replyText(), () -> {
            CountChanges counts = new CountChanges();
            changed[0] = recovery.apply(entry, Timestamp.from(Instant.now()), counts);
            counts.addTo(ledger.connection());
        });
        return changed[0];
    }

    /** Writes the answers waiting for their group's commit and makes every outcome recorded so far survive a killed JVM. */
    public void makeDurable() {
        groups.flushAndWait();
        ledger.makeDurable();
    }

    private void writeGroup(List<FinalOutcome> group) {
        ledger.inTransaction(
                group.get(0).outcome().recipientId(), group.size() + " outcomes", () -> rows.writeGroup(group));
    }

    private void write(long mtaId, DeliveryOutcome outcome) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        if (outcome.lostBefore() != null) {
            rows.writeLost(mtaId, outcome.recipientId(), outcome.messageId(), outcome.lostBefore(), 1, now);
        }
        CountChanges counts = new CountChanges();
        RecipientState state = outcome.resultingState();
        if (state == RecipientState.DEFERRED) {
            deferrals.defer(outcome, now, counts);
        } else {
            rows.writeFinal(mtaId, outcome, state, now, counts);
        }
        rows.insertRecord(
                mtaId,
                outcome.recipientId(),
                outcome.messageId(),
                outcome.reply().code(),
                outcome.reply().text(),
                now);
        counts.addTo(ledger.connection());
    }

    @Override
    public void close() {
        try {
            groups.flushAndWait();
        } catch (IllegalStateException e) {
            // The outcome journal still holds them; the next start of the campaign applies it.
            LOG.warning(() -> "campaign " + campaignId + ": outcomes not written on close (" + e.getMessage()
                    + "); the outcome journal keeps them for the next start");
            groups.discard();
        }
        ledger.close();
    }
}
