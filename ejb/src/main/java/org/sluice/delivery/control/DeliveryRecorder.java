package org.sluice.delivery.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Records each MTA answer the moment it arrives, in a local transaction of its own: the recipient's new state
 * and reply, and a delivery_record row for the SMTP transaction. One recorder per SMTP connection keeps its
 * database connection and prepared statements open, so a record costs two statements and a commit.
 * <p>
 * Committing per message (not per chunk) is what bounds duplicates after a crash: a message the MTA accepted
 * is SENT in the database before the next message is handed to the MTA.
 */
public final class DeliveryRecorder implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DeliveryRecorder.class.getName());

    private static final String UPDATE_RECIPIENT =
            "UPDATE recipient SET state = ?, last_reply = ?, attempts = attempts + 1, updated_at = ? WHERE id = ?";
    private static final String INSERT_RECORD =
            "INSERT INTO delivery_record (recipient_id, campaign_id, mta_id, message_id, reply_code, reply_text, attempt, sent_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, (SELECT attempts FROM recipient WHERE id = ?), ?)";

    private final DataSource dataSource;
    private final long campaignId;
    private Connection connection;
    private PreparedStatement update;
    private PreparedStatement insert;
    private boolean serialized;

    /**
     * H2's MVStore is copy-on-write: two connections changing the same tables at once keep retrying on each other's
     * new B-tree roots. Measured with two partitions, a record cost 70-100 us of CPU concurrently and 20-30 us one
     * at a time, so on H2 the recorders of all partitions take turns; other databases lock rows and need no turns.
     */
    private static final ReentrantLock H2_WRITES = new ReentrantLock();

    /** @param dataSource a non-JTA datasource: the recorder commits on its own */
    public DeliveryRecorder(DataSource dataSource, long campaignId) {
        this.dataSource = dataSource;
        this.campaignId = campaignId;
    }

    /**
     * @throws IllegalStateException if the outcome cannot be recorded even on a fresh database connection; the
     *                               message may have been accepted, so the caller must stop sending
     */
    public void record(long mtaId, DeliveryOutcome outcome) {
        try {
            write(mtaId, outcome);
        } catch (SQLException first) {
            LOG.warning(() -> "recording recipient " + outcome.recipientId() + " failed (" + first.getMessage()
                    + "), retrying on a new database connection");
            close();
            try {
                write(mtaId, outcome);
            } catch (SQLException again) {
                close();
                throw new IllegalStateException("recording the outcome of recipient " + outcome.recipientId()
                        + " of campaign " + campaignId + " (" + outcome.reply() + ") failed: " + again.getMessage(),
                        again);
            }
        }
    }

    private void write(long mtaId, DeliveryOutcome outcome) throws SQLException {
        open();
        Timestamp now = Timestamp.from(Instant.now());
        if (serialized) {
            H2_WRITES.lock();
        }
        try {
            update.setString(1, outcome.resultingState().name());
            update.setString(2, outcome.reply().toString());
            update.setTimestamp(3, now);
            update.setLong(4, outcome.recipientId());
            update.executeUpdate();
            insert.setLong(1, outcome.recipientId());
            insert.setLong(2, campaignId);
            insert.setLong(3, mtaId);
            insert.setString(4, outcome.messageId());
            insert.setInt(5, outcome.reply().code());
            insert.setString(6, outcome.reply().text());
            insert.setLong(7, outcome.recipientId());
            insert.setTimestamp(8, now);
            insert.executeUpdate();
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

    private void open() throws SQLException {
        if (connection == null) {
            Connection c = dataSource.getConnection();
            try {
                c.setAutoCommit(false);
                serialized = "H2".equals(c.getMetaData().getDatabaseProductName());
                update = c.prepareStatement(UPDATE_RECIPIENT);
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
        if (connection != null) {
            try {
                connection.close(); // closes the statements too
            } catch (SQLException e) {
                LOG.fine(() -> "closing the ledger connection failed: " + e.getMessage());
            }
            connection = null;
            update = null;
            insert = null;
        }
    }
}
