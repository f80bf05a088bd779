package org.sluice.recipient.control;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.sluice.recipient.entity.RecipientState;
import org.sluice.schema.IndexProbes;

/**
 * Where recipients stand, read without locking their rows, for a write that holds only if they still stand there.
 * <p>
 * Every write that moves recipients between states must know which state it replaced, to count the move
 * ({@link CountChanges}). Locking the outcome rows before reading them ({@code SELECT ... FOR UPDATE}) would tell,
 * but on H2 costs several times the plain read (docs/benchmarks.md). Instead the
 * write is conditional on the state read here ({@code WHEN MATCHED AND o.state = <read>}, {@code WHEN NOT MATCHED AND
 * <read> IS NULL}): both H2 and PostgreSQL evaluate that condition on the row as it is when the write locks it, so a
 * write that changes a row changed exactly the state read; a row another transaction changed in between is left
 * alone (update count 0), read again and written again. A row another transaction inserted in between makes the
 * insert fail with a duplicate key, and the whole transaction is tried again.
 */
public final class OutcomeStates {

    /** How often a write is tried again on rows that keep changing under it before it gives up. */
    public static final int MAX_ROUNDS = 10;

    private OutcomeStates() {}

    /** The outcome state of each recipient that has an outcome row; one without is absent (PENDING, never tried). */
    public static Map<Long, RecipientState> of(Connection c, Collection<Long> recipientIds) throws SQLException {
        Map<Long, RecipientState> states = new HashMap<>(recipientIds.size() * 2);
        if (recipientIds.isEmpty()) {
            return states;
        }
        return IndexProbes.only(c, () -> {
            try (PreparedStatement read = c.prepareStatement(RecipientStatements.OUTCOME_STATES)) {
                read.setArray(1, ids(c, recipientIds));
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        states.put(rs.getLong(1), RecipientState.valueOf(rs.getString(2)));
                    }
                }
            }
            return states;
        });
    }

    /** A recipient's state as counted: one without an outcome row is PENDING. */
    public static RecipientState counted(RecipientState outcome) {
        return outcome == null ? RecipientState.PENDING : outcome;
    }

    /** The state a write conditional on it binds: the name, or null for no outcome row. */
    public static String expected(RecipientState outcome) {
        return outcome == null ? null : outcome.name();
    }

    /** Whether a conditional write changed its row; a driver that does not say is refused. */
    public static boolean written(int updateCount) throws SQLException {
        if (updateCount < 0) {
            throw new SQLException("the JDBC driver did not report how many rows a conditional write changed ("
                    + updateCount + "); recipient counts need it");
        }
        return updateCount > 0;
    }

    /** Recipient ids as a SQL array (for {@code = ANY(?)}). */
    static Array ids(Connection c, Collection<Long> recipientIds) throws SQLException {
        return c.createArrayOf("BIGINT", recipientIds.toArray(Long[]::new));
    }
}
