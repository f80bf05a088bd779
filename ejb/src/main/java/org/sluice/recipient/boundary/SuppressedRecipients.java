package org.sluice.recipient.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.sluice.recipient.control.CountChanges;
import org.sluice.recipient.control.PendingRecipient;
import org.sluice.recipient.control.RecipientSuppressor;

/**
 * Marking recipients not yet mailed SUPPRESSED: ones the send job found on the list, or every one of an address. The
 * campaigns' recipient counts change in the same transaction.
 */
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
        Map<Long, String> whyById = new LinkedHashMap<>();
        found.forEach(r -> whyById.put(r.id(), r.suppressed()));
        try (Connection c = dataSource.getConnection()) {
            CountChanges counts = new CountChanges();
            new RecipientSuppressor(c, Timestamp.from(Instant.now()), counts).byId(campaignId, whyById);
            counts.addTo(c);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "marking " + found.size() + " suppressed recipient(s) of campaign " + campaignId + " (first id "
                            + found.get(0).id() + ") failed: " + e.getMessage(),
                    e);
        }
    }

    /**
     * An address just put on the suppression list: its recipients not yet mailed in any campaign (PENDING, or
     * DEFERRED awaiting a retry) become SUPPRESSED, in the caller's transaction. Served by the (address_key,
     * campaign_id) index.
     *
     * @return how many recipient rows changed
     */
    public int suppressEverywhere(String addressKey, String why) {
        // The caller's pending writes (its suppression list entry) first: the counter rows are the last locks a
        // transaction takes (CountChanges).
        em.flush();
        try (Connection c = dataSource.getConnection()) {
            CountChanges counts = new CountChanges();
            int marked = new RecipientSuppressor(c, Timestamp.from(Instant.now()), counts).byAddress(addressKey, why);
            counts.addTo(c);
            return marked;
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "suppressing the recipients of " + addressKey + " failed: " + e.getMessage(), e);
        }
    }
}
