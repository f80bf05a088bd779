package org.sluice.delivery.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.sluice.delivery.control.DeliveryOutcome;

/**
 * Records what the MTA answered for each recipient: the recipient's new state and reply, and a
 * delivery_record row per SMTP transaction. Runs in the caller's (the chunk's) transaction, so outcomes
 * commit together with the reader's checkpoint. Plain JDBC batches: this runs once per message sent.
 */
@Stateless
public class DeliveryLedger {

    private static final String UPDATE_RECIPIENT =
            "UPDATE recipient SET state = ?, last_reply = ?, attempts = attempts + 1, updated_at = ? WHERE id = ?";
    private static final String INSERT_RECORD =
            "INSERT INTO delivery_record (recipient_id, campaign_id, mta_id, message_id, reply_code, reply_text, attempt, sent_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, (SELECT attempts FROM recipient WHERE id = ?), ?)";

    @Resource(lookup = "java:jboss/datasources/SluiceDS")
    private DataSource dataSource;

    /**
     * Records outcomes in a transaction of their own, for a chunk about to roll back: recipients the MTA
     * has already accepted must be known as SENT whatever happens to the chunk.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordNow(long campaignId, long mtaId, List<DeliveryOutcome> outcomes) {
        record(campaignId, mtaId, outcomes);
    }

    public void record(long campaignId, long mtaId, List<DeliveryOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection();
             PreparedStatement update = c.prepareStatement(UPDATE_RECIPIENT);
             PreparedStatement insert = c.prepareStatement(INSERT_RECORD)) {
            for (DeliveryOutcome outcome : outcomes) {
                update.setString(1, outcome.resultingState().name());
                update.setString(2, outcome.reply().toString());
                update.setTimestamp(3, now);
                update.setLong(4, outcome.recipientId());
                update.addBatch();
            }
            update.executeBatch();
            for (DeliveryOutcome outcome : outcomes) {
                insert.setLong(1, outcome.recipientId());
                insert.setLong(2, campaignId);
                insert.setLong(3, mtaId);
                insert.setString(4, outcome.messageId());
                insert.setInt(5, outcome.reply().code());
                insert.setString(6, outcome.reply().text());
                insert.setLong(7, outcome.recipientId());
                insert.setTimestamp(8, now);
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("recording " + outcomes.size() + " delivery outcome(s) of campaign "
                    + campaignId + " failed: " + e.getMessage(), e);
        }
    }
}
