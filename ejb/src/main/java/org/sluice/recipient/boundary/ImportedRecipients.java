package org.sluice.recipient.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.sluice.recipient.control.CountChanges;
import org.sluice.recipient.control.ParsedRow;
import org.sluice.recipient.control.RejectedRow;
import org.sluice.recipient.control.ValidRow;
import org.sluice.recipient.entity.Recipient;
import org.sluice.recipient.entity.RecipientOutcome;
import org.sluice.recipient.entity.RejectedRowRecord;
import org.sluice.schema.SupportedDatabase;

/** Storing the rows an import parsed: recipients (duplicates dropped, suppressed addresses marked) and rejections. */
@PermitAll
@Stateless
public class ImportedRecipients {

    @PersistenceContext(unitName = "sluice")
    private EntityManager em;

    /** PostgreSQL: no sequential scans in this transaction's plans, or the server's own setting again. */
    private static final String PROBES_ONLY = "SET LOCAL enable_seqscan = off";

    private static final String SCANS_ALLOWED = "SET LOCAL enable_seqscan TO DEFAULT";

    @EJB
    private RecipientCounters counters;

    /** Only to learn which database this is: the same database as the JTA datasource. */
    @Resource(lookup = "java:jboss/datasources/SluiceLedgerDS")
    private DataSource ledgerDataSource;

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
        Map<String, Long> firstLineByKey = existingKeys(campaignId, rows);
        Map<String, String> suppressedWhy = suppressed(rows);
        int imported = 0;
        int rejected = 0;
        int duplicates = 0;
        int suppressed = 0;
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
                    Recipient stored = new Recipient(
                            campaignId,
                            recipient.address().address(),
                            recipient.address().key(),
                            recipient.displayName(),
                            recipient.mergeValues(),
                            recipient.lineNumber());
                    String why = suppressedWhy.get(recipient.address().key());
                    if (why != null) {
                        stored.suppress(why);
                        suppressed++;
                    }
                    em.persist(stored);
                    counts.stored(campaignId, stored.getState());
                    imported++;
                }
            }
        }
        em.flush();
        counters.add(counts);
        em.clear();
        return new ImportCounts(imported, rejected, duplicates, suppressed);
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

    /**
     * Keys of this chunk's addresses that the campaign already has (an earlier chunk or import), mapped to minus
     * their source line, which tells them apart from lines of this chunk (0: no line known, e.g. a JDBC import).
     */
    private Map<String, Long> existingKeys(long campaignId, List<? extends ParsedRow> rows) {
        Set<String> keys = keys(rows);
        Map<String, Long> existing = new HashMap<>();
        if (!keys.isEmpty()) {
            // The plan must probe the unique (address_key, campaign_id) index key by key, whatever the statistics
            // say: any other plan reads the whole campaign (or table) once per chunk, O(n^2) over an import.
            // "campaignId + 0" keeps the campaign's own index (campaign_id, id) out: while a campaign is new,
            // PostgreSQL's statistics have not seen its id and estimate its rows at one.
            boolean probesOnly = probesOnly();
            em.createQuery(
                            "select r.addressKey, r.sourceLine from Recipient r where r.addressKey in :keys"
                                    + " and r.campaignId + 0 = :c",
                            Object[].class)
                    .setParameter("c", campaignId)
                    .setParameter("keys", keys)
                    .getResultList()
                    .forEach(k -> existing.put((String) k[0], k[1] == null ? 0L : -(Long) k[1]));
            if (probesOnly) {
                em.createNativeQuery(SCANS_ALLOWED).executeUpdate();
            }
        }
        return existing;
    }

    /**
     * On PostgreSQL, keeps sequential scans out of the plans until {@link #SCANS_ALLOWED} (or the end of the
     * transaction). With its default costs (random_page_cost 4, for spinning disks) the planner prices 500 index
     * probes like a scan of a table of a few hundred thousand rows, and picks the scan: measured at 20-30 ms per chunk
     * from 100,000 rows (while the probes take 1 ms), which made the whole import O(n^2) until the table grew past
     * that point.
     *
     * @return whether the setting was changed and must be set back
     */
    private boolean probesOnly() {
        if (database == null) {
            database = SupportedDatabase.of(ledgerDataSource);
        }
        if (database != SupportedDatabase.POSTGRESQL) {
            return false;
        }
        em.createNativeQuery(PROBES_ONLY).executeUpdate();
        return true;
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
