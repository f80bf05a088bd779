package org.sluice.suppression.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import org.sluice.event.boundary.EventOutbox;
import org.sluice.event.control.EventJson;
import org.sluice.event.control.EventType;
import org.sluice.recipient.boundary.SuppressedRecipients;
import org.sluice.recipient.entity.Recipient;
import org.sluice.recipient.entity.RecipientOutcome;
import org.sluice.suppression.control.InvalidUnsubscribeTokenException;
import org.sluice.suppression.control.UnsubscribeToken;
import org.sluice.suppression.entity.Suppression;
import org.sluice.suppression.entity.SuppressionReason;

/** What an unsubscribe link does: tell whom it names, and put that address on the suppression list. */
@Stateless
public class Unsubscribes {

    @PersistenceContext(unitName = "sluice")
    private EntityManager em;

    @EJB
    private UnsubscribeLinks links;

    @EJB
    private Suppressions suppressions;

    @EJB
    private SuppressedRecipients suppressedRecipients;

    @EJB
    private EventOutbox events;

    /**
     * Whom a link unsubscribes, for the confirmation page.
     *
     * @param suppressedAlready the address is on the suppression list already
     */
    public record Request(long campaignId, String address, boolean suppressedAlready) {}

    /** Reads only: a link scanner fetching the page must not unsubscribe anyone. */
    public Request describe(String token) throws InvalidUnsubscribeTokenException {
        Recipient recipient = recipientOf(token);
        return new Request(
                recipient.getCampaignId(),
                recipient.getAddress(),
                em.find(Suppression.class, recipient.getAddressKey()) != null);
    }

    /**
     * Puts the link's address on the suppression list (UNSUBSCRIBED, with {@code detail} and the campaign) unless it
     * is there already, and suppresses its recipients not yet mailed in every campaign. Idempotent.
     */
    public Request unsubscribe(String token, String detail) throws InvalidUnsubscribeTokenException {
        Recipient recipient = recipientOf(token);
        boolean already = em.find(Suppression.class, recipient.getAddressKey()) != null;
        Suppression entry = suppressions.suppress(
                recipient.getAddress(), SuppressionReason.UNSUBSCRIBED, detail, recipient.getCampaignId());
        suppressedRecipients.suppressEverywhere(
                entry.getAddressKey(),
                RecipientOutcome.suppressedReply(entry.getReason().name(), entry.getSuppressedAt()));
        if (!already) {
            events.add(EventJson.report(
                    EventType.UNSUBSCRIBED,
                    recipient.getCampaignId(),
                    recipient.getId(),
                    recipient.getAddress(),
                    detail,
                    Instant.now()));
        }
        return new Request(recipient.getCampaignId(), recipient.getAddress(), already);
    }

    private Recipient recipientOf(String token) throws InvalidUnsubscribeTokenException {
        UnsubscribeToken.Subject subject = links.tokens().verify(token);
        Recipient recipient = em.find(Recipient.class, subject.recipientId());
        if (recipient == null || recipient.getCampaignId() != subject.campaignId()) {
            throw new InvalidUnsubscribeTokenException("this unsubscribe link names recipient " + subject.recipientId()
                    + " of campaign " + subject.campaignId() + ", which Sluice does not have (any more)");
        }
        return recipient;
    }
}
