package org.sluice.delivery.control;

import static org.sluice.delivery.control.DeliveryStatements.fitted;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.sluice.recipient.entity.RecipientState;

/**
 * The rows an answer writes inside a ledger transaction: the recipient's outcome row, a delivery_record for the SMTP
 * transaction, and the campaign's counters (recipients sent after a deferral, transactions lost with the connection).
 */
final class OutcomeRows {

    /** delivery_record.reply_code of an SMTP transaction that ended without a reply: the outcome is unknown. */
    static final int UNKNOWN_OUTCOME = -1;

    private final LedgerConnection ledger;
    private final long campaignId;

    OutcomeRows(LedgerConnection ledger, long campaignId) {
        this.ledger = ledger;
        this.campaignId = campaignId;
    }

    /** A final answer on its own. */
    void writeFinal(long mtaId, DeliveryOutcome outcome, RecipientState state, Timestamp now) throws SQLException {
        bindOutcome(outcome.recipientId(), state, outcome.reply().toString(), now);
        ledger.recordOutcome().executeUpdate();
        if (state == RecipientState.SENT && outcome.retry()) {
            try (PreparedStatement counter = ledger.prepare(DeliveryStatements.COUNT_DEFERRED_THEN_SENT)) {
                counter.setLong(1, campaignId);
                counter.executeUpdate();
            }
        }
    }

    /** A group of final answers, each statement in one JDBC batch. */
    void writeGroup(List<FinalOutcome> group) throws SQLException {
        int deferredThenSent = 0;
        PreparedStatement recordOutcome = ledger.recordOutcome();
        for (FinalOutcome f : group) {
            bindOutcome(
                    f.outcome().recipientId(), f.state(), f.outcome().reply().toString(), f.at());
            recordOutcome.addBatch();
            if (f.state() == RecipientState.SENT && f.outcome().retry()) {
                deferredThenSent++;
            }
        }
        recordOutcome.executeBatch();
        PreparedStatement insert = ledger.insertRecord();
        for (FinalOutcome f : group) {
            DeliveryOutcome o = f.outcome();
            bindRecord(
                    f.mtaId(),
                    o.recipientId(),
                    o.messageId(),
                    o.reply().code(),
                    o.reply().text(),
                    f.at());
            insert.addBatch();
        }
        insert.executeBatch();
        if (deferredThenSent > 0) {
            try (PreparedStatement counter = ledger.prepare(DeliveryStatements.COUNT_DEFERRED_THEN_SENT_BY)) {
                counter.setInt(1, deferredThenSent);
                counter.setLong(2, campaignId);
                counter.executeUpdate();
            }
        }
    }

    /**
     * {@code transactions} SMTP transactions for this message ended without a reply: each counts as an attempt, is
     * logged with reply code {@value #UNKNOWN_OUTCOME} and counted on the campaign; the recipient keeps its state.
     */
    void writeLost(long mtaId, long recipientId, String messageId, String reason, int transactions, Timestamp now)
            throws SQLException {
        // A lost transaction was an attempt: the next record of this recipient numbers after it.
        try (PreparedStatement attempts = ledger.prepare(DeliveryStatements.COUNT_LOST_ATTEMPTS)) {
            attempts.setLong(1, recipientId);
            attempts.setInt(2, transactions);
            attempts.setTimestamp(3, now);
            attempts.setLong(4, campaignId);
            attempts.executeUpdate();
        }
        insertRecord(
                mtaId,
                recipientId,
                messageId,
                UNKNOWN_OUTCOME,
                fitted("outcome unknown (" + transactions + " transaction" + (transactions == 1 ? "" : "s")
                        + " lost with the connection), sent again: " + reason),
                now);
        try (PreparedStatement counter = ledger.prepare(DeliveryStatements.COUNT_UNKNOWN)) {
            counter.setInt(1, transactions);
            counter.setLong(2, campaignId);
            counter.executeUpdate();
        }
    }

    /** The delivery_record of one SMTP transaction. */
    void insertRecord(long mtaId, long recipientId, String messageId, int code, String text, Timestamp now)
            throws SQLException {
        bindRecord(mtaId, recipientId, messageId, code, text, now);
        ledger.insertRecord().executeUpdate();
    }

    private void bindOutcome(long recipientId, RecipientState state, String reply, Timestamp at) throws SQLException {
        PreparedStatement recordOutcome = ledger.recordOutcome();
        recordOutcome.setLong(1, recipientId);
        recordOutcome.setString(2, state.name());
        recordOutcome.setString(3, fitted(reply));
        recordOutcome.setTimestamp(4, at);
        recordOutcome.setLong(5, campaignId);
    }

    private void bindRecord(long mtaId, long recipientId, String messageId, int code, String text, Timestamp now)
            throws SQLException {
        PreparedStatement insert = ledger.insertRecord();
        insert.setLong(1, recipientId);
        insert.setLong(2, campaignId);
        insert.setLong(3, mtaId);
        insert.setString(4, messageId);
        insert.setInt(5, code);
        insert.setString(6, fitted(text));
        insert.setLong(7, recipientId);
        insert.setTimestamp(8, now);
    }
}
