package org.sluice.campaign.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Map;
import org.sluice.campaign.entity.Campaign;
import org.sluice.message.control.InvalidTemplateException;
import org.sluice.message.control.MessageTemplates;
import org.sluice.message.control.PersonalMessageRenderer;
import org.sluice.recipient.boundary.RecipientBrowser;
import org.sluice.recipient.control.InvalidRecipientException;
import org.sluice.recipient.control.PendingRecipient;
import org.sluice.recipient.control.RecipientAddress;
import org.sluice.recipient.entity.Recipient;
import org.sluice.security.Roles;

/**
 * Renders templates being edited for one of the campaign's recipients, so an operator sees the message before
 * anyone gets it. Unknown merge fields are reported here exactly as the send job's validation would.
 */
@Stateless
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
public class CampaignPreviews {

    @PersistenceContext(unitName = "sluice")
    private EntityManager em;

    @EJB
    private Campaigns campaigns;

    @EJB
    private RecipientBrowser browser;

    /**
     * @param address the recipient to render for (as imported; the domain in any case); blank: the campaign's first recipient,
     *                or a sample one (only {@code email} and {@code name}) if it has none
     */
    public MessagePreview preview(long campaignId, String address, String subject, String text, String html) {
        Campaign campaign = campaigns.get(campaignId);
        PendingRecipient recipient;
        try {
            recipient = recipient(campaignId, address);
        } catch (CampaignException e) {
            return MessagePreview.failed(null, address, e.getMessage());
        }
        Long id = recipient.id() < 0 ? null : recipient.id();
        try {
            MessageTemplates templates = MessageTemplates.compile(subject, text, html, campaign.mergeFieldSet());
            Map<String, String> values = PersonalMessageRenderer.valuesOf(recipient);
            return new MessagePreview(
                    id,
                    recipient.address(),
                    templates.subject(values),
                    templates.hasText() ? templates.text(values) : null,
                    templates.hasHtml() ? templates.html(values) : null,
                    null);
        } catch (InvalidTemplateException e) {
            return MessagePreview.failed(id, recipient.address(), e.getMessage());
        }
    }

    /**
     * The recipient whose merge fields fill a preview or a test copy: {@code address} (the domain in any case), or the campaign's
     * first one when blank, or a sample (id -1, only {@code email} and {@code name}) if the campaign has none.
     *
     * @throws CampaignException if the campaign has no recipient {@code address}
     */
    public PendingRecipient recipient(long campaignId, String address) {
        List<Recipient> found;
        if (address == null || address.isBlank()) {
            Long first = browser.firstId(campaignId);
            if (first == null) {
                return new PendingRecipient(-1, "recipient@example.org", "Sample Recipient", Map.of(), null);
            }
            found = List.of(em.find(Recipient.class, first));
        } else {
            String key;
            try {
                key = RecipientAddress.parse(address.strip()).key();
            } catch (InvalidRecipientException e) {
                throw new CampaignException(
                        CampaignException.Kind.INVALID,
                        "campaign " + campaignId + " has no recipient " + address.strip() + ": " + e.getMessage());
            }
            // By the unique key (campaign, address key: the domain lower-cased as at import), one index lookup
            // however many recipients the campaign has.
            found = em.createQuery(
                            "select r from Recipient r where r.campaignId = :c and r.addressKey = :k", Recipient.class)
                    .setParameter("c", campaignId)
                    .setParameter("k", key)
                    .setMaxResults(1)
                    .getResultList();
            if (found.isEmpty()) {
                throw new CampaignException(
                        CampaignException.Kind.NOT_FOUND,
                        "campaign " + campaignId + " has no recipient " + address.strip());
            }
        }
        Recipient r = found.get(0);
        return new PendingRecipient(r.getId(), r.getAddress(), r.getDisplayName(), r.getMergeValues(), null);
    }
}
