package org.sluice.bounce.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import org.sluice.bounce.control.BounceMatch;
import org.sluice.bounce.control.DeliveryStatusReport;
import org.sluice.bounce.control.RecipientStatus;
import org.sluice.bounce.entity.Bounce;
import org.sluice.bounce.entity.BounceKind;
import org.sluice.event.boundary.EventOutbox;
import org.sluice.event.control.EventJson;
import org.sluice.event.control.EventType;
import org.sluice.recipient.boundary.RecipientCounters;
import org.sluice.recipient.control.CountChanges;
import org.sluice.recipient.control.InvalidRecipientException;
import org.sluice.recipient.control.OutcomeStates;
import org.sluice.recipient.control.RecipientAddress;
import org.sluice.recipient.entity.Recipient;
import org.sluice.recipient.entity.RecipientState;
import org.sluice.security.Roles;
import org.sluice.suppression.boundary.Suppressions;
import org.sluice.suppression.entity.SuppressionReason;

/**
 * Applies a bounce to its recipient, in one transaction: a bounce row; for a hard bounce the recipient turns FAILED
 * with "bounced: status diagnostic" as its last reply (its delivery_record rows keep the MTA's 250: the message was
 * accepted, then bounced; the campaign's counts move it from SENT to FAILED) and the address goes on the suppression
 * list; a soft bounce is only noted on a SENT
 * recipient. Recording the same DSN again changes nothing, so the reader may re-read a mailbox after a crash.
 */
@PermitAll
@Stateless
public class Bounces {

    /** What became of one DSN. */
    public enum Outcome {
        HARD,
        SOFT,
        /** A feedback-loop complaint: recorded, the address suppressed (COMPLAINT), counted on the campaign. */
        COMPLAINT,
        /** Delivered/relayed/expanded: a DSN, but not a bounce. */
        NOT_A_BOUNCE,
        /** Names no recipient of that campaign, or (matched by Message-ID) another address than the recipient's. */
        UNMATCHED
    }

    private static final Logger LOG = Logger.getLogger(Bounces.class.getName());

    @PersistenceContext(unitName = "sluice")
    private EntityManager em;

    @EJB
    private Suppressions suppressions;

    @EJB
    private RecipientCounters counters;

    @EJB
    private EventOutbox events;

    public Outcome record(DeliveryStatusReport report, BounceMatch match) {
        if (report.isComplaint()) {
            return complaint(report, match);
        }
        RecipientStatus status = report.decisive().orElse(null);
        if (status == null || status.kind() == BounceKind.NONE) {
            return Outcome.NOT_A_BOUNCE;
        }
        long campaignId = match.message().campaignId();
        long recipientId = match.message().recipientId();
        Recipient recipient = em.find(Recipient.class, recipientId);
        if (recipient == null || recipient.getCampaignId() != campaignId) {
            LOG.warning(() -> "Bounce " + report.reportId() + " names campaign " + campaignId + " recipient "
                    + recipientId + ", which does not exist; left in the mailbox");
            return Outcome.UNMATCHED;
        }
        // A Message-ID can be guessed (ids are sequential); the DSN must also name this recipient's address.
        if (match.by() == BounceMatch.MatchedBy.MESSAGE_ID && !namesAddress(status, recipient.getAddressKey())) {
            LOG.warning(() ->
                    "Bounce " + report.reportId() + " has the Message-ID of campaign " + campaignId + " recipient "
                            + recipientId + " but reports " + status.finalRecipient() + "; left in the mailbox");
            return Outcome.UNMATCHED;
        }
        Outcome outcome = status.kind() == BounceKind.HARD ? Outcome.HARD : Outcome.SOFT;
        if (alreadyRecorded(recipientId, Bounce.reportIdOf(report.reportId()))) {
            return outcome;
        }
        Instant now = Instant.now();
        em.persist(new Bounce(
                campaignId,
                recipientId,
                status.kind(),
                status.action(),
                status.status(),
                status.diagnosticCode(),
                status.finalRecipient(),
                match.by().name(),
                report.reportId(),
                now));
        if (outcome == Outcome.HARD) {
            CountChanges counts = fail(campaignId, recipientId, cut("bounced: " + status.summary()), now);
            suppressions.suppress(recipient.getAddress(), SuppressionReason.HARD_BOUNCE, status.summary(), campaignId);
            counters.add(counts);
            events.add(EventJson.report(
                    EventType.BOUNCED,
                    campaignId,
                    recipientId,
                    recipient.getAddress(),
                    "hard bounce: " + status.summary(),
                    now));
        } else {
            // The MTA is still trying, or gave up on a transient error: the mailbox may work next time.
            em.createNativeQuery(
                            "UPDATE recipient_outcome SET last_reply = ?, updated_at = ? WHERE recipient_id = ? AND state = ?")
                    .setParameter(1, cut("soft bounce (" + status.action() + "): " + status.summary()))
                    .setParameter(2, Timestamp.from(now))
                    .setParameter(3, recipientId)
                    .setParameter(4, RecipientState.SENT.name())
                    .executeUpdate();
            events.add(EventJson.report(
                    EventType.BOUNCED,
                    campaignId,
                    recipientId,
                    recipient.getAddress(),
                    "soft bounce (" + status.action() + "): " + status.summary(),
                    now));
        }
        return outcome;
    }

    /**
     * A complaint (ARF, RFC 5965): the person told their mailbox provider the message was spam. The message was
     * delivered, so the recipient keeps its state; the address goes on the suppression list (reason COMPLAINT: mailing
     * someone who complained again is what gets a sender blocked) and the campaign counts it. Matched like a bounce;
     * by Message-ID only when the report names the recipient's address (providers often redact it: then unmatched).
     */
    private Outcome complaint(DeliveryStatusReport report, BounceMatch match) {
        long campaignId = match.message().campaignId();
        long recipientId = match.message().recipientId();
        Recipient recipient = em.find(Recipient.class, recipientId);
        if (recipient == null || recipient.getCampaignId() != campaignId) {
            LOG.warning(() -> "Complaint " + report.reportId() + " names campaign " + campaignId + " recipient "
                    + recipientId + ", which does not exist; left in the mailbox");
            return Outcome.UNMATCHED;
        }
        RecipientStatus status = report.decisive().orElse(null);
        if (match.by() == BounceMatch.MatchedBy.MESSAGE_ID
                && (status == null || !namesAddress(status, recipient.getAddressKey()))
                && !recipient.getAddressKey().equals(keyOf(report.originalTo()))) {
            LOG.warning(() -> "Complaint " + report.reportId() + " has the Message-ID of campaign " + campaignId
                    + " recipient " + recipientId + " but does not name its address; left in the mailbox");
            return Outcome.UNMATCHED;
        }
        if (alreadyRecorded(recipientId, Bounce.reportIdOf(report.reportId()))) {
            return Outcome.COMPLAINT;
        }
        String detail = cut("complaint (" + report.feedbackType() + ") from a feedback loop");
        em.persist(new Bounce(
                campaignId,
                recipientId,
                BounceKind.COMPLAINT,
                "complaint",
                null,
                detail,
                status == null ? null : status.finalRecipient(),
                match.by().name(),
                report.reportId(),
                Instant.now()));
        suppressions.suppress(recipient.getAddress(), SuppressionReason.COMPLAINT, detail, campaignId);
        events.add(EventJson.report(
                EventType.COMPLAINED, campaignId, recipientId, recipient.getAddress(), detail, Instant.now()));
        em.createNativeQuery("UPDATE campaign SET complaints = complaints + 1 WHERE id = ?")
                .setParameter(1, campaignId)
                .executeUpdate();
        return Outcome.COMPLAINT;
    }

    /** The bounces recorded for a campaign, newest first. */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public List<Bounce> ofCampaign(long campaignId) {
        return em.createQuery(
                        "select b from Bounce b where b.campaignId = :c order by b.receivedAt desc, b.id desc",
                        Bounce.class)
                .setParameter("c", campaignId)
                .getResultList();
    }

    /** One page of {@link #ofCampaign(long)}: newest first, skipping {@code offset}, at most {@code limit}. */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public List<Bounce> ofCampaign(long campaignId, int offset, int limit) {
        return em.createQuery(
                        "select b from Bounce b where b.campaignId = :c order by b.receivedAt desc, b.id desc",
                        Bounce.class)
                .setParameter("c", campaignId)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * A hard bounce turns its recipient FAILED, counted by the state it leaves (normally SENT). The write holds only if
     * the recipient is still in the state read just before, and is tried again otherwise ({@link OutcomeStates}). A
     * bounce follows an acceptance, so the recipient has its outcome row; without one there is nothing to change.
     */
    private CountChanges fail(long campaignId, long recipientId, String reply, Instant now) {
        CountChanges counts = new CountChanges();
        for (int round = 1; round <= OutcomeStates.MAX_ROUNDS; round++) {
            List<?> read = em.createNativeQuery("SELECT state FROM recipient_outcome WHERE recipient_id = ?")
                    .setParameter(1, recipientId)
                    .getResultList();
            if (read.isEmpty()) {
                return counts;
            }
            RecipientState before = RecipientState.valueOf((String) read.get(0));
            int changed = em.createNativeQuery("UPDATE recipient_outcome SET state = ?, last_reply = ?, updated_at = ?"
                            + " WHERE recipient_id = ? AND state = ?")
                    .setParameter(1, RecipientState.FAILED.name())
                    .setParameter(2, reply)
                    .setParameter(3, Timestamp.from(now))
                    .setParameter(4, recipientId)
                    .setParameter(5, before.name())
                    .executeUpdate();
            if (changed > 0) {
                counts.moved(campaignId, before, RecipientState.FAILED);
                return counts;
            }
        }
        throw new IllegalStateException("recipient " + recipientId + " of campaign " + campaignId
                + " kept changing state while a hard bounce was applied (" + OutcomeStates.MAX_ROUNDS + " tries)");
    }

    private boolean alreadyRecorded(long recipientId, String reportId) {
        return em.createQuery("select count(b) from Bounce b where b.recipientId = :r and b.reportId = :id", Long.class)
                        .setParameter("r", recipientId)
                        .setParameter("id", reportId)
                        .getSingleResult()
                > 0;
    }

    private static boolean namesAddress(RecipientStatus status, String addressKey) {
        return addressKey.equals(keyOf(status.finalRecipient()))
                || addressKey.equals(keyOf(status.originalRecipient()));
    }

    private static String keyOf(String address) {
        if (address == null) {
            return null;
        }
        try {
            return RecipientAddress.parse(address).key();
        } catch (InvalidRecipientException e) {
            return null;
        }
    }

    private static String cut(String value) {
        return value.length() <= 1000 ? value : value.substring(0, 1000);
    }
}
