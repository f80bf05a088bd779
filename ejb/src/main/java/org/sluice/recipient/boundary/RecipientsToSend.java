package org.sluice.recipient.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.sluice.recipient.control.PendingRecipient;
import org.sluice.recipient.control.RecipientStatements;
import org.sluice.recipient.entity.MergeValuesCodec;
import org.sluice.recipient.entity.RecipientOutcome;
import org.sluice.schema.IndexProbes;

/**
 * The send path's reads: a campaign's id range, and pages of its recipients still to be mailed, by keyset (never
 * OFFSET: the cost of a page does not grow with how far the campaign has come). Plain JDBC ({@link RecipientStatements}).
 */
@PermitAll
@Stateless
public class RecipientsToSend {

    @PersistenceContext(unitName = "sluice")
    private EntityManager em;

    @Resource(lookup = "java:jboss/datasources/SluiceDS")
    private DataSource dataSource;

    /** First and last recipient id of a campaign (any state), or null if it has none. */
    public long[] idRange(long campaignId) {
        Object[] range = em.createQuery(
                        "select min(r.id), max(r.id) from Recipient r where r.campaignId = :c", Object[].class)
                .setParameter("c", campaignId)
                .getSingleResult();
        return range[0] == null ? null : new long[] {(Long) range[0], (Long) range[1]};
    }

    /**
     * The next page of recipients still PENDING with afterId < id <= lastId. Each row says whether its address is on
     * the suppression list now, so an address suppressed after the import is still never mailed.
     */
    public List<PendingRecipient> pendingPage(long campaignId, long afterId, long lastId, int limit) {
        return page(false, campaignId, afterId, lastId, limit);
    }

    /**
     * The next page of recipients the MTA deferred (4xx) with afterId < id <= lastId, due or not: each carries when
     * it may be tried again, and the writer waits until then.
     */
    public List<PendingRecipient> deferredPage(long campaignId, long afterId, long lastId, int limit) {
        return page(true, campaignId, afterId, lastId, limit);
    }

    /** Whether any recipient with firstId <= id <= lastId is still DEFERRED (waiting for another attempt). */
    public boolean hasDeferred(long campaignId, long firstId, long lastId) {
        return !page(true, campaignId, firstId - 1, lastId, 1).isEmpty();
    }

    /** Whether any recipient with firstId <= id <= lastId is still PENDING (never attempted). */
    public boolean hasPending(long campaignId, long firstId, long lastId) {
        return !page(false, campaignId, firstId - 1, lastId, 1).isEmpty();
    }

    private List<PendingRecipient> page(boolean deferred, long campaignId, long afterId, long lastId, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        (deferred ? RecipientStatements.DEFERRED_PAGE : RecipientStatements.PENDING_PAGE).on(c))) {
            ps.setLong(1, campaignId);
            ps.setLong(2, afterId);
            ps.setLong(3, lastId);
            ps.setInt(4, limit);
            List<PendingRecipient> page = new ArrayList<>(limit);
            // The recipient_outcome row of each recipient of the page, by key: never a scan of the whole table.
            try (ResultSet rs = IndexProbes.only(c, ps::executeQuery)) {
                while (rs.next()) {
                    String reason = rs.getString(5);
                    Timestamp nextAttempt = rs.getTimestamp(7);
                    page.add(new PendingRecipient(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            MergeValuesCodec.decode(rs.getString(4)),
                            reason == null
                                    ? null
                                    : RecipientOutcome.suppressedReply(
                                            reason, rs.getTimestamp(6).toInstant()),
                            !deferred ? null : nextAttempt == null ? Instant.EPOCH : nextAttempt.toInstant()));
                }
            }
            return page;
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "reading " + (deferred ? "DEFERRED" : "PENDING") + " recipients of campaign " + campaignId
                            + " after id " + afterId + " failed: " + e.getMessage(),
                    e);
        }
    }
}
