package org.sluice.recipient.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.sluice.recipient.control.PendingRecipient;
import org.sluice.recipient.control.RecipientStatements;

/** Marking recipients not yet mailed SUPPRESSED: ones the send job found on the list, or every one of an address. */
@PermitAll
@Stateless
public class SuppressedRecipients {

    @PersistenceContext(unitName = "sluice")
    private EntityManager em;

    @Resource(lookup = "java:jboss/datasources/SluiceDS")
    private DataSource dataSource;

    /**
     * Marks recipients the send job found on the suppression list SUPPRESSED (if still PENDING or DEFERRED), with why, in one
     * JDBC batch and a transaction of its own: the chunk's transaction may wait for an MTA for hours and must hold
     * no row locks (campaign-send.xml), and a suppressed recipient stays suppressed whatever the chunk does.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void markSuppressed(long campaignId, List<PendingRecipient> found) {
        if (found.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(RecipientStatements.SUPPRESS_BY_ID)) {
            for (PendingRecipient r : found) {
                ps.setLong(1, r.id());
                ps.setLong(2, campaignId);
                bindSuppressed(ps, 3, r.suppressed(), now);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "marking " + found.size() + " suppressed recipient(s) of campaign " + campaignId + " (first id "
                            + found.get(0).id() + ") failed: " + e.getMessage(),
                    e);
        }
    }

    /**
     * An address just put on the suppression list: its recipients not yet mailed in any campaign (PENDING, or
     * DEFERRED awaiting a retry) become SUPPRESSED. Served by the (address_key, campaign_id) index.
     *
     * @return how many recipient rows changed
     */
    public int suppressEverywhere(String addressKey, String why) {
        var update =
                em.createNativeQuery(RecipientStatements.SUPPRESS_BY_ADDRESS).setParameter(1, addressKey);
        Timestamp now = Timestamp.from(Instant.now());
        return update.setParameter(2, why)
                .setParameter(3, now)
                .setParameter(4, why)
                .setParameter(5, now)
                .executeUpdate();
    }

    private static void bindSuppressed(PreparedStatement ps, int from, String why, Timestamp now) throws SQLException {
        ps.setString(from, why);
        ps.setTimestamp(from + 1, now);
        ps.setString(from + 2, why);
        ps.setTimestamp(from + 3, now);
    }
}
