package org.sluice.delivery.control;

import static org.sluice.delivery.control.DeliveryStatements.fitted;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;

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

    /** @return whether the recipient's row changed */
    boolean apply(OutcomeJournalFile.Entry entry, Timestamp now) throws SQLException {
        try (PreparedStatement mark = ledger.prepare(DeliveryStatements.RECOVER_RECIPIENT);
                PreparedStatement log = ledger.prepare(DeliveryStatements.RECOVER_RECORD)) {
            mark.setString(1, entry.state().name());
            mark.setString(2, fitted(new SmtpReply(entry.replyCode(), entry.replyText()).toString()));
            mark.setTimestamp(3, now);
            mark.setLong(4, entry.recipientId());
            mark.setLong(5, campaignId);
            boolean changed = mark.executeUpdate() == 1;
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
            return changed;
        }
    }
}
