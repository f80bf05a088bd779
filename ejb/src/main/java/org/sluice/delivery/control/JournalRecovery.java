package org.sluice.delivery.control;

import static org.sluice.delivery.control.DeliveryStatements.fitted;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.sluice.recipient.control.CountChanges;
import org.sluice.recipient.control.OutcomeStates;
import org.sluice.recipient.entity.RecipientState;

/**
 * Applies, inside a ledger transaction, an outcome the journal file holds and the database lost in a crash: only to a
 * recipient still PENDING or DEFERRED, and its delivery_record only if missing, so applying a journal twice changes
 * nothing.
 */
final class JournalRecovery {

    private final LedgerConnection ledger;
    private final long campaignId;

    JournalRecovery(LedgerConnection ledger, long campaignId) {
        this.ledger = ledger;
        this.campaignId = campaignId;
    }

    /**
     * Applies the entry if the recipient is this campaign's and still PENDING or DEFERRED; the write holds only if it
     * is still in the state just read ({@link OutcomeStates}), else it is read again. The change of state goes to
     * {@code counts}.
     *
     * @return whether the recipient's row changed
     */
    boolean apply(OutcomeJournalFile.Entry entry, Timestamp now, CountChanges counts) throws SQLException {
        boolean changed = mark(entry, now, counts);
        try (PreparedStatement log = ledger.prepare(DeliveryStatements.RECOVER_RECORD)) {
            log.setLong(1, campaignId);
            log.setLong(2, entry.mtaId());
            log.setString(3, entry.messageId());
            log.setInt(4, entry.replyCode());
            log.setString(5, fitted(entry.replyText()));
            log.setTimestamp(6, now);
            log.setLong(7, entry.recipientId());
            log.setInt(8, entry.replyCode());
            log.setString(9, entry.messageId());
            log.executeUpdate();
        }
        return changed;
    }

    private boolean mark(OutcomeJournalFile.Entry entry, Timestamp now, CountChanges counts) throws SQLException {
        for (int round = 1; round <= OutcomeStates.MAX_ROUNDS; round++) {
            RecipientState before;
            try (PreparedStatement read = ledger.prepare(DeliveryStatements.READ_RECOVERABLE)) {
                read.setLong(1, entry.recipientId());
                read.setLong(2, campaignId);
                try (ResultSet rs = read.executeQuery()) {
                    if (!rs.next()) {
                        return false; // not a recipient of this campaign
                    }
                    String state = rs.getString(1);
                    before = state == null ? null : RecipientState.valueOf(state);
                }
            }
            if (before != null && before != RecipientState.PENDING && before != RecipientState.DEFERRED) {
                return false; // the database has its outcome
            }
            try (PreparedStatement mark = ledger.prepare(DeliveryStatements.RECOVER_RECIPIENT)) {
                mark.setString(1, entry.state().name());
                mark.setString(2, fitted(new SmtpReply(entry.replyCode(), entry.replyText()).toString()));
                mark.setTimestamp(3, now);
                mark.setString(4, OutcomeStates.expected(before));
                mark.setLong(5, entry.recipientId());
                if (OutcomeStates.written(mark.executeUpdate())) {
                    counts.moved(campaignId, OutcomeStates.counted(before), entry.state());
                    return true;
                }
            }
        }
        throw new SQLException("recipient " + entry.recipientId() + " kept changing state while its journaled outcome"
                + " was applied (" + OutcomeStates.MAX_ROUNDS + " tries)");
    }
}
