package org.sluice.delivery.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A ledger writer's database connection: local transactions of its own (autocommit off), with the two statements
 * every outcome uses kept prepared. A unit of work that fails is rolled back and run once more on a fresh connection
 * (the old one may be broken); if that fails too, the caller must stop sending. On H2 the work takes its turn
 * ({@link H2WriteTurns}).
 */
final class LedgerConnection implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LedgerConnection.class.getName());

    /** Work in one transaction; the statements it uses come from this connection. */
    interface Work {
        void run() throws SQLException;
    }

    private final DataSource dataSource;
    private final long campaignId;
    private final H2WriteTurns turns;
    private Connection connection;
    private PreparedStatement recordOutcome;
    private PreparedStatement insertRecord;
    private boolean h2;

    /** @param dataSource a non-JTA datasource: the connection commits on its own */
    LedgerConnection(DataSource dataSource, long campaignId, H2WriteTurns turns) {
        this.dataSource = dataSource;
        this.campaignId = campaignId;
        this.turns = turns;
    }

    /**
     * Runs the work in a transaction, and once more on a fresh connection if it fails.
     *
     * @param recipientId the recipient the work records (0: none), and {@code what}, for the log and the error
     * @throws IllegalStateException if the work failed on the fresh connection too
     */
    void inTransaction(long recipientId, String what, Work work) {
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
                throw new IllegalStateException(
                        "recording the outcome of recipient " + recipientId + " of campaign " + campaignId + " (" + what
                                + ") failed: " + again.getMessage(),
                        again);
            }
        }
    }

    /** The MERGE of a final answer ({@link DeliveryStatements#RECORD_OUTCOME}); inside {@link #inTransaction} only. */
    PreparedStatement recordOutcome() {
        return recordOutcome;
    }

    /** The INSERT of a delivery record ({@link DeliveryStatements#INSERT_RECORD}); inside {@link #inTransaction} only. */
    PreparedStatement insertRecord() {
        return insertRecord;
    }

    /** The connection itself, for work that is not a statement of its own (an array); inside {@link #inTransaction} only. */
    Connection connection() {
        return connection;
    }

    /** Another statement, for the caller to close; inside {@link #inTransaction} only. */
    PreparedStatement prepare(String sql) throws SQLException {
        return connection.prepareStatement(sql);
    }

    /**
     * Makes every commit so far survive a killed JVM. H2 keeps commits in memory for up to its write delay;
     * CHECKPOINT writes them to the file. Other databases make a commit durable when it returns.
     */
    void makeDurable() {
        if (connection == null || !h2) {
            return;
        }
        inTransaction(0, "checkpoint", () -> {
            try (var checkpoint = connection.createStatement()) {
                checkpoint.execute(DeliveryStatements.H2_CHECKPOINT);
            }
        });
    }

    private void transaction(Work work) throws SQLException {
        open();
        if (h2) {
            turns.take();
        }
        try {
            work.run();
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw e;
        } finally {
            if (h2) {
                turns.end();
            }
        }
    }

    private void open() throws SQLException {
        if (connection == null) {
            Connection c = dataSource.getConnection();
            try {
                c.setAutoCommit(false);
                h2 = "H2".equals(c.getMetaData().getDatabaseProductName());
                recordOutcome = c.prepareStatement(DeliveryStatements.RECORD_OUTCOME);
                insertRecord = c.prepareStatement(DeliveryStatements.INSERT_RECORD);
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
            insertRecord = null;
        }
    }
}
