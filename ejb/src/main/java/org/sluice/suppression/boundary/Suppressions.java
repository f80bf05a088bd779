package org.sluice.suppression.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVPrinter;
import org.sluice.audit.boundary.AuditLog;
import org.sluice.recipient.control.InvalidRecipientException;
import org.sluice.recipient.control.RecipientAddress;
import org.sluice.security.Roles;
import org.sluice.suppression.control.SuppressionCsv;
import org.sluice.suppression.entity.Suppression;
import org.sluice.suppression.entity.SuppressionReason;

/**
 * The suppression list shared by all campaigns: addresses that unsubscribed or hard-bounced are never mailed
 * again. Adding is idempotent (the first reason recorded stays), so a repeated one-click POST or a second DSN for
 * the same mailbox changes nothing.
 */
@PermitAll
@Stateless
public class Suppressions {

    /** Rows of one suppression import, and rejected rows reported by line. */
    static final int MAX_IMPORT_ROWS = 100_000;

    private static final int MAX_REPORTED = 100;
    private static final int EXPORT_PAGE = 1_000;

    @PersistenceContext(unitName = "sluice")
    private EntityManager em;

    @EJB
    private AuditLog audit;

    /**
     * Puts an address on the list unless it is there already.
     *
     * @return the address's entry: the new one, or the one recorded earlier
     * @throws SuppressionException if the address is not a valid e-mail address
     */
    public Suppression suppress(String address, SuppressionReason reason, String detail, Long campaignId) {
        RecipientAddress parsed = parse(address);
        Suppression existing = em.find(Suppression.class, parsed.key());
        if (existing != null) {
            return existing;
        }
        return add(parsed, reason, detail, campaignId);
    }

    /** Puts an address that is not on the list on it, and records that in the audit log. */
    private Suppression add(RecipientAddress parsed, SuppressionReason reason, String detail, Long campaignId) {
        Suppression added = new Suppression(parsed.key(), parsed.address(), reason, detail, campaignId, Instant.now());
        em.persist(added);
        audit.record("ADD", AuditLog.SUPPRESSION, parsed.key(), null, state(added));
        return added;
    }

    /** An admin puts an address on the list (reason {@code ADMIN}), e.g. a person who asked by phone. */
    @RolesAllowed(Roles.ADMIN)
    public Suppression addByAdmin(String address, String detail) {
        return suppress(address, SuppressionReason.ADMIN, detail, null);
    }

    public Optional<Suppression> find(String address) {
        return Optional.ofNullable(em.find(Suppression.class, parse(address).key()));
    }

    public boolean isSuppressed(String address) {
        return find(address).isPresent();
    }

    /** Which of these address keys (see {@link RecipientAddress#key()}) are suppressed. */
    public Set<String> suppressedKeys(Collection<String> addressKeys) {
        if (addressKeys.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(
                em.createQuery("select s.addressKey from Suppression s where s.addressKey in :keys", String.class)
                        .setParameter("keys", addressKeys)
                        .getResultList());
    }

    /** An admin takes an address off the list (e.g. the person subscribed again); false if it was not on it. */
    @RolesAllowed(Roles.ADMIN)
    public boolean remove(String address) {
        Suppression existing = em.find(Suppression.class, parse(address).key());
        if (existing == null) {
            return false;
        }
        em.remove(existing);
        audit.record("REMOVE", AuditLog.SUPPRESSION, existing.getAddressKey(), state(existing), null);
        return true;
    }

    /** Newest first, a page at a time. */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public List<Suppression> page(int first, int max) {
        return em.createQuery(
                        "select s from Suppression s order by s.suppressedAt desc, s.addressKey", Suppression.class)
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultList();
    }

    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public long count() {
        return em.createQuery("select count(s) from Suppression s", Long.class).getSingleResult();
    }

    /**
     * Writes the whole list as CSV, newest first, a page at a time (the list may hold millions of addresses).
     * Admins only: it is personal data.
     */
    @RolesAllowed(Roles.ADMIN)
    public void exportCsv(Writer out) {
        CSVPrinter printer = SuppressionCsv.printer(out);
        for (int first = 0; ; first += EXPORT_PAGE) {
            List<Suppression> page = page(first, EXPORT_PAGE);
            page.forEach(s -> SuppressionCsv.print(printer, s));
            em.clear(); // the page is written; nothing of it is needed again
            if (page.size() < EXPORT_PAGE) {
                break;
            }
        }
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Puts the addresses of a CSV (header row naming {@code email}, optionally {@code detail}) on the list (reason
     * ADMIN), in one transaction: a file that is not such a CSV adds nothing. Rows with an address that is not one
     * are reported with their line and skipped; addresses already listed keep their entry.
     */
    @RolesAllowed(Roles.ADMIN)
    public SuppressionImport importCsv(Reader csv) {
        List<SuppressionCsv.Row> rows;
        try {
            rows = SuppressionCsv.rows(csv, MAX_IMPORT_ROWS);
        } catch (IllegalArgumentException e) {
            throw new SuppressionException(SuppressionException.Kind.INVALID, "suppression import: " + e.getMessage())
                    .localized("refusal.suppression.notACsv", e.getMessage());
        }
        int added = 0;
        int listed = 0;
        List<String> rejected = new ArrayList<>();
        for (SuppressionCsv.Row row : rows) {
            RecipientAddress parsed;
            try {
                parsed = RecipientAddress.parse(row.email().strip());
            } catch (InvalidRecipientException e) {
                if (rejected.size() < MAX_REPORTED) {
                    rejected.add("line " + row.line() + ": " + e.getMessage());
                }
                continue;
            }
            if (em.find(Suppression.class, parsed.key()) != null) {
                listed++;
                continue;
            }
            String detail = row.detail() == null || row.detail().isBlank()
                    ? "imported"
                    : row.detail().strip();
            // Found absent just above: add it without parsing and looking it up a second time.
            add(parsed, SuppressionReason.ADMIN, detail.length() > 500 ? detail.substring(0, 500) : detail, null);
            added++;
        }
        int invalid = rows.size() - added - listed;
        return new SuppressionImport(rows.size(), added, listed, invalid, rejected);
    }

    private static String state(Suppression s) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("address", s.getAddress())
                .add("reason", s.getReason().name());
        if (s.getDetail() != null) {
            json.add("detail", s.getDetail());
        }
        if (s.getCampaignId() != null) {
            json.add("campaignId", s.getCampaignId());
        }
        return json.build().toString();
    }

    private static RecipientAddress parse(String address) {
        try {
            return RecipientAddress.parse(address);
        } catch (InvalidRecipientException e) {
            throw new SuppressionException(SuppressionException.Kind.INVALID, "cannot suppress: " + e.getMessage())
                    .localized("refusal.suppression.notAnAddress", address);
        }
    }
}
