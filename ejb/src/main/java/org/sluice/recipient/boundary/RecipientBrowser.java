package org.sluice.recipient.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.sluice.recipient.entity.RecipientState;
import org.sluice.security.Roles;

/**
 * Pages of a campaign's recipients for a table that never loads them all: a page by keyset where the table moves
 * page by page (id after the previous page's last), by offset only where a user jumps.
 */
@Stateless
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
public class RecipientBrowser {

    @PersistenceContext(unitName = "sluice")
    private EntityManager em;

    @Resource(lookup = "java:jboss/datasources/SluiceDS")
    private DataSource dataSource;

    /**
     * A page in id order, read as one walk of an index from {@code afterId}: every state, or PENDING, walks
     * recipient_campaign (campaign, id) with each recipient's outcome row beside it (none: PENDING); any other state
     * walks recipient_outcome_state (campaign, state, recipient). The ORDER BY repeats the index's columns, and H2 is
     * told the index: its planner otherwise took the primary key and sorted the campaign's whole range (3 s a page at
     * 1,000,000 recipients).
     *
     * @param state null for every state
     */
    public List<RecipientRow> page(long campaignId, RecipientState state, long afterId, int offset, int size) {
        int skip = Math.max(0, offset);
        int take = Math.max(1, Math.min(size, 500));
        try (Connection c = dataSource.getConnection()) {
            boolean h2 = "H2".equals(c.getMetaData().getDatabaseProductName());
            String sql = state == null || state == RecipientState.PENDING
                    ? "SELECT " + COLUMNS + " FROM recipient r" + (h2 ? " USE INDEX (recipient_campaign)" : "")
                            + " LEFT JOIN recipient_outcome o ON o.recipient_id = r.id WHERE r.campaign_id = ? AND r.id > ?"
                            + (state == null ? "" : " AND (o.state IS NULL OR o.state = 'PENDING')")
                            + " ORDER BY r.campaign_id, r.id OFFSET ? ROWS FETCH FIRST ? ROWS ONLY"
                    : "SELECT " + COLUMNS + " FROM recipient_outcome o" + (h2 ? " USE INDEX (recipient_outcome_state)" : "")
                            + " JOIN recipient r ON r.id = o.recipient_id WHERE o.campaign_id = ? AND o.recipient_id > ?"
                            + " AND o.state = '" + state.name() + "'"
                            + " ORDER BY o.campaign_id, o.state, o.recipient_id OFFSET ? ROWS FETCH FIRST ? ROWS ONLY";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, campaignId);
                ps.setLong(2, afterId);
                ps.setInt(3, skip);
                ps.setInt(4, take);
                List<RecipientRow> rows = new ArrayList<>(take);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Timestamp updated = rs.getTimestamp(7);
                        rows.add(new RecipientRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                                RecipientState.valueOf(rs.getString(4)), rs.getString(5), rs.getInt(6),
                                updated == null ? null : updated.toInstant()));
                    }
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading recipients of campaign " + campaignId + " after id " + afterId
                    + " failed: " + e.getMessage(), e);
        }
    }

    private static final String COLUMNS = "r.id, r.address, r.display_name, COALESCE(o.state, 'PENDING'), o.last_reply,"
            + " COALESCE(o.attempts, 0), COALESCE(o.updated_at, r.updated_at)";

    /** The campaign's lowest recipient id (any state), or null if it has none; the same index walk as a page. */
    public Long firstId(long campaignId) {
        List<RecipientRow> first = page(campaignId, null, 0, 0, 1);
        return first.isEmpty() ? null : first.get(0).id();
    }

    /** Recipients without an outcome row are PENDING: those are counted as all minus the ones with an outcome. */
    public long count(long campaignId, RecipientState state) {
        if (state != null && state != RecipientState.PENDING) {
            return outcomes(campaignId, "o.state = :s", state);
        }
        long all = em.createQuery("select count(r) from Recipient r where r.campaignId = :c", Long.class)
                .setParameter("c", campaignId).getSingleResult();
        return state == null ? all : all - outcomes(campaignId, "o.state <> :s", RecipientState.PENDING);
    }

    private long outcomes(long campaignId, String condition, RecipientState state) {
        return em.createQuery("select count(o) from RecipientOutcome o where o.campaignId = :c and " + condition,
                Long.class).setParameter("c", campaignId).setParameter("s", state).getSingleResult();
    }
}
