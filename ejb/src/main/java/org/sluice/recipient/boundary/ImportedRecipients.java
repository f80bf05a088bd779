package org.sluice.recipient.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.sluice.recipient.control.CountChanges;
import org.sluice.recipient.control.NewRecipientRows;
import org.sluice.recipient.control.ParsedRow;
import org.sluice.recipient.control.RejectedRow;
import org.sluice.recipient.control.ValidRow;
import org.sluice.recipient.entity.Recipient;
import org.sluice.recipient.entity.RecipientOutcome;
import org.sluice.recipient.entity.RecipientState;
import org.sluice.recipient.entity.RejectedRowRecord;
import org.sluice.schema.SupportedDatabase;

/** Storing the rows an import parsed: recipients (duplicates dropped, suppressed addresses marked) and rejections. */
@PermitAll
@Stateless
public class ImportedRecipients {

    @PersistenceContext(unitName = "sluice")
    private EntityManager em;

    @EJB
    private RecipientCounters counters;

    /** The chunk's transaction's connection (the same one the entity manager writes on), for plain SQL. */
    @Resource(lookup = "java:jboss/datasources/SluiceDS")
    private DataSource dataSource;

    private SupportedDatabase database;

    /**
     * Stores one chunk of parsed rows in the caller's transaction: valid rows become recipients unless
     * their address is already in the campaign (a duplicate is reported like any other rejected row).
     * An address on the suppression list is stored SUPPRESSED (never mailed, counted in the campaign). The campaign's
     * recipient counters grow in the same transaction.
     * The caller has checked, in the same transaction, that the campaign accepts recipients
     * ({@code Campaigns.requireAcceptsRecipients}).
     */
    public ImportCounts store(long campaignId, long jobExecutionId, List<? extends ParsedRow> rows) {
        try (Connection c = dataSource.getConnection()) {
            if (database == null) {
                database = SupportedDatabase.of(c);
            }
            return store(
                    new NewRecipientRows(c, database == SupportedDatabase.POSTGRESQL),
                    campaignId,
                    jobExecutionId,
                    rows);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "storing imported recipients of campaign " + campaignId + " failed: " + e.getMessage(), e);
        }
    }

    private ImportCounts store(
            NewRecipientRows table, long campaignId, long jobExecutionId, List<? extends ParsedRow> rows)
            throws SQLException {
        Map<String, Long> firstLineByKey = table.existing(campaignId, keys(rows));
        Map<String, String> suppressedWhy = suppressed(rows);
        int rejected = 0;
        int duplicates = 0;
        int suppressed = 0;
        List<ValidRow> pending = new ArrayList<>();
        CountChanges counts = new CountChanges();
        for (ParsedRow row : rows) {
            if (row instanceof RejectedRow rejection) {
                reject(campaignId, jobExecutionId, rejection);
                rejected++;
            } else if (row instanceof ValidRow recipient) {
                Long first = firstLineByKey.putIfAbsent(recipient.address().key(), recipient.lineNumber());
                if (first != null) {
                    String where = first > 0
                            ? "same as line " + first
                            : first < 0 ? "already in the campaign from line " + -first : "already in the campaign";
                    reject(
                            campaignId,
                            jobExecutionId,
                            RejectedRow.of(
                                    recipient.lineNumber(),
                                    "duplicate address " + recipient.address().address() + " (" + where + ")",
                                    recipient.address().address()));
                    duplicates++;
                } else {
                    String why = suppressedWhy.get(recipient.address().key());
                    if (why == null) {
                        pending.add(recipient);
                    } else {
                        // Rare: the entity, which creates the SUPPRESSED outcome row with it.
                        Recipient stored = new Recipient(
                                campaignId,
                                recipient.address().address(),
                                recipient.address().key(),
                                recipient.displayName(),
                                recipient.mergeValues(),
                                recipient.lineNumber());
                        stored.suppress(why);
                        em.persist(stored);
                        counts.stored(campaignId, stored.getState());
                        suppressed++;
                    }
                }
            }
        }
        table.insert(campaignId, pending, Timestamp.from(Instant.now()));
        pending.forEach(r -> counts.stored(campaignId, RecipientState.PENDING));
        em.flush();
        counters.add(counts);
        em.clear();
        return new ImportCounts(pending.size() + suppressed, rejected, duplicates, suppressed);
    }

    /** This chunk's addresses on the suppression list, by key, with the recipient's last_reply saying why. */
    private Map<String, String> suppressed(List<? extends ParsedRow> rows) {
        Set<String> keys = keys(rows);
        Map<String, String> why = new HashMap<>();
        if (!keys.isEmpty()) {
            // The suppression feature builds on this one: its table is read by name, as the send path's pages do.
            em.createQuery(
                            "select s.addressKey, s.reason, s.suppressedAt from Suppression s where s.addressKey in :keys",
                            Object[].class)
                    .setParameter("keys", keys)
                    .getResultList()
                    .forEach(s -> why.put(
                            (String) s[0], RecipientOutcome.suppressedReply(((Enum<?>) s[1]).name(), (Instant) s[2])));
        }
        return why;
    }

    private static Set<String> keys(List<? extends ParsedRow> rows) {
        Set<String> keys = new HashSet<>();
        for (ParsedRow row : rows) {
            if (row instanceof ValidRow r) {
                keys.add(r.address().key());
            }
        }
        return keys;
    }

    private void reject(long campaignId, long jobExecutionId, RejectedRow rejection) {
        em.persist(new RejectedRowRecord(
                campaignId, jobExecutionId, rejection.lineNumber(), rejection.reason(), rejection.content()));
    }
}
