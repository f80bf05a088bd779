package org.sluice.recipient.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.sluice.recipient.control.RecipientStatements;
import org.sluice.recipient.control.StateCounts;
import org.sluice.recipient.entity.RecipientState;
import org.sluice.security.Roles;

/**
 * Pages of a campaign's recipients for a table that never loads them all: a page by keyset where the table moves
 * page by page (id after the previous page's last), by offset only where a user jumps.
 */
@Stateless
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
public class RecipientBrowser {

    @EJB
    private RecipientCounters counters;

    @Resource(lookup = "java:jboss/datasources/SluiceDS")
    private DataSource dataSource;

    /**
     * A page in id order, read as one walk of an index from {@code afterId} ({@link RecipientStatements}): every
     * state, or PENDING, walks recipient_campaign with each recipient's outcome row beside it (none: PENDING); any
     * other state walks recipient_outcome_state.
     *
     * @param state null for every state
     */
    public List<RecipientTableRow> page(long campaignId, RecipientState state, long afterId, int offset, int size) {
        int skip = Math.max(0, offset);
        int take = Math.max(1, Math.min(size, 500));
        RecipientStatements.Hinted statement = state == null
                ? RecipientStatements.BROWSE_ALL
                : state == RecipientState.PENDING
                        ? RecipientStatements.BROWSE_PENDING
                        : RecipientStatements.BROWSE_IN_STATE;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(statement.on(c))) {
            int p = 1;
            ps.setLong(p++, campaignId);
            ps.setLong(p++, afterId);
            if (statement == RecipientStatements.BROWSE_IN_STATE) {
                ps.setString(p++, state.name());
            }
            ps.setInt(p++, skip);
            ps.setInt(p, take);
            List<RecipientTableRow> rows = new ArrayList<>(take);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp updated = rs.getTimestamp(7);
                    rows.add(new RecipientTableRow(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            RecipientState.valueOf(rs.getString(4)),
                            rs.getString(5),
                            rs.getInt(6),
                            updated == null ? null : updated.toInstant()));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "reading recipients of campaign " + campaignId + " after id " + afterId + " failed: "
                            + e.getMessage(),
                    e);
        }
    }

    /** The campaign's lowest recipient id (any state), or null if it has none; the same index walk as a page. */
    public Long firstId(long campaignId) {
        List<RecipientTableRow> first = page(campaignId, null, 0, 0, 1);
        return first.isEmpty() ? null : first.get(0).id();
    }

    /** How many recipients the campaign has in a state (null: in every state), from its counters. */
    public long count(long campaignId, RecipientState state) {
        StateCounts counts = counters.of(campaignId);
        return state == null ? counts.recipients() : counts.of(state);
    }
}
