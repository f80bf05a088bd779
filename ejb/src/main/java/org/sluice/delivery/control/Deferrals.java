package org.sluice.delivery.control;

import static org.sluice.delivery.control.DeliveryStatements.fitted;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.sluice.event.control.EventJson;
import org.sluice.event.control.EventType;
import org.sluice.event.control.OutboxRows;
import org.sluice.recipient.control.CountChanges;
import org.sluice.recipient.control.OutcomeStates;
import org.sluice.recipient.entity.RecipientState;

/**
 * A deferral (4xx) inside a ledger transaction: the next attempt is scheduled by the {@link RetryPolicy}, or the
 * recipient fails when the policy gives up. It reads the recipient's attempts, so every earlier answer must be written.
 */
final class Deferrals {

    private final LedgerConnection ledger;
    private final long campaignId;
    private final RetryPolicy retryPolicy;

    Deferrals(LedgerConnection ledger, long campaignId, RetryPolicy retryPolicy) {
        this.ledger = ledger;
        this.campaignId = campaignId;
        this.retryPolicy = retryPolicy;
    }

    /**
     * Reads the recipient's attempts and state, and writes the deferral only if the recipient is still in that state
     * ({@link OutcomeStates}); if another transaction moved it in between, reads and decides again. The change of state
     * goes to {@code counts}.
     */
    void defer(DeliveryOutcome outcome, Timestamp now, CountChanges counts) throws SQLException {
        for (int round = 1; round <= OutcomeStates.MAX_ROUNDS; round++) {
            int attempts;
            Instant deferredSince;
            RecipientState before;
            try (PreparedStatement read = ledger.prepare(DeliveryStatements.READ_DEFERRAL)) {
                read.setLong(1, outcome.recipientId());
                try (ResultSet rs = read.executeQuery()) {
                    boolean tried = rs.next(); // no outcome yet: this is the first attempt
                    attempts = (tried ? rs.getInt(1) : 0) + 1;
                    Timestamp since = tried ? rs.getTimestamp(2) : null;
                    deferredSince = since == null ? now.toInstant() : since.toInstant();
                    before = tried ? RecipientState.valueOf(rs.getString(3)) : null;
                }
            }
            RetryPolicy.Decision decision = retryPolicy.afterDeferral(attempts, deferredSince, now.toInstant());
            RecipientState state = decision.givesUp() ? RecipientState.FAILED : RecipientState.DEFERRED;
            try (PreparedStatement deferred = ledger.prepare(DeliveryStatements.RECORD_DEFERRAL)) {
                deferred.setLong(1, outcome.recipientId());
                deferred.setString(2, state.name());
                String reply = outcome.reply().toString();
                deferred.setString(
                        3, fitted(decision.givesUp() ? decision.giveUpReason() + "; last reply: " + reply : reply));
                deferred.setTimestamp(4, now);
                deferred.setTimestamp(5, decision.givesUp() ? null : Timestamp.from(decision.nextAttempt()));
                deferred.setString(6, OutcomeStates.expected(before));
                deferred.setLong(7, campaignId);
                if (OutcomeStates.written(deferred.executeUpdate())) {
                    counts.moved(campaignId, OutcomeStates.counted(before), state);
                    if (decision.givesUp()) {
                        OutboxRows.insert(
                                ledger.connection(),
                                List.of(EventJson.outcome(
                                        EventType.FAILED,
                                        campaignId,
                                        outcome.recipientId(),
                                        outcome.address(),
                                        outcome.messageId(),
                                        outcome.reply().code(),
                                        fitted(decision.giveUpReason() + "; last reply: " + reply),
                                        now.toInstant())),
                                now.toInstant());
                    }
                    return;
                }
            }
        }
        throw new SQLException("recipient " + outcome.recipientId() + " kept changing state while its deferral was"
                + " written (" + OutcomeStates.MAX_ROUNDS + " tries)");
    }
}
