package org.sluice.recipient.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import org.sluice.recipient.entity.RecipientState;

/**
 * A campaign's recipient counters checked against a count of its recipient and outcome tables, both read in one
 * snapshot of the database, so they agree while the campaign is being sent too; and the correction of counters that
 * differ. On a connection outside JTA, whose transactions this class manages.
 */
public final class CountSnapshot {

    private CountSnapshot() {}

    /**
     * Counters and tables read in one snapshot. PostgreSQL's REPEATABLE READ is one snapshot of the whole database,
     * taken at the first statement; H2's (2.2) is taken table by table as each is first read, so on H2 the check runs
     * SERIALIZABLE, which is one snapshot for the transaction. Neither locks what it reads: sending goes on meanwhile.
     * Counting the tables reads every recipient of the campaign (an index range).
     */
    public static CountCheck check(Connection c, long campaignId) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        c.setAutoCommit(false);
        c.setTransactionIsolation(
                RecipientStatements.isH2(c)
                        ? Connection.TRANSACTION_SERIALIZABLE
                        : Connection.TRANSACTION_REPEATABLE_READ);
        try {
            StateCounts counters = counters(c, campaignId);
            StateCounts tables = recount(c, campaignId);
            return new CountCheck(campaignId, counters, tables, false);
        } finally {
            c.rollback(); // it only read
            c.setTransactionIsolation(isolation);
            c.setAutoCommit(autoCommit);
        }
    }

    /**
     * Checks, and where the counters differ from the tables adds the difference to them, in a transaction of its own.
     * Changes committed after the snapshot are in the counters and in the tables alike, so the difference still holds.
     *
     * @return the check, {@linkplain CountCheck#corrected() corrected} if the counters changed
     */
    public static CountCheck correct(Connection c, long campaignId) throws SQLException {
        CountCheck check = check(c, campaignId);
        if (check.agrees()) {
            return check;
        }
        CountChanges correction = new CountChanges();
        correction.corrected(
                campaignId, check.tables().recipients() - check.counters().recipients(), check.differences());
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            correction.addTo(c);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return new CountCheck(campaignId, check.counters(), check.tables(), true);
    }

    private static StateCounts counters(Connection c, long campaignId) throws SQLException {
        try (PreparedStatement read = c.prepareStatement(RecipientStatements.READ_COUNTS)) {
            read.setLong(1, campaignId);
            try (ResultSet rs = read.executeQuery()) {
                if (!rs.next()) {
                    throw CountChanges.noCounterRow(campaignId);
                }
                return new StateCounts(
                        rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6));
            }
        }
    }

    /** Recipients without an outcome row are PENDING: all, minus those with an outcome other than PENDING. */
    private static StateCounts recount(Connection c, long campaignId) throws SQLException {
        long recipients;
        try (PreparedStatement count = c.prepareStatement(RecipientStatements.RECOUNT_RECIPIENTS)) {
            count.setLong(1, campaignId);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                recipients = rs.getLong(1);
            }
        }
        Map<RecipientState, Long> byState = new EnumMap<>(RecipientState.class);
        long withOutcome = 0;
        try (PreparedStatement count = c.prepareStatement(RecipientStatements.RECOUNT_OUTCOMES)) {
            count.setLong(1, campaignId);
            try (ResultSet rs = count.executeQuery()) {
                while (rs.next()) {
                    RecipientState state = RecipientState.valueOf(rs.getString(1));
                    if (state != RecipientState.PENDING) {
                        byState.put(state, rs.getLong(2));
                        withOutcome += rs.getLong(2);
                    }
                }
            }
        }
        byState.put(RecipientState.PENDING, recipients - withOutcome);
        return StateCounts.of(recipients, byState);
    }
}
