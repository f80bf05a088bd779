package org.sluice.sending.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.logging.Logger;
import org.sluice.campaign.boundary.CampaignException;
import org.sluice.campaign.boundary.CampaignPreviews;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.campaign.boundary.MessagePreview;
import org.sluice.campaign.entity.Campaign;
import org.sluice.delivery.control.DeliveryOutcome;
import org.sluice.delivery.control.SmtpConnection;
import org.sluice.message.control.PersonalMessage;
import org.sluice.message.control.PersonalMessageRenderer;
import org.sluice.mta.entity.Mta;
import org.sluice.recipient.control.PendingRecipient;
import org.sluice.security.Roles;

/**
 * One copy of a campaign's message, as a chosen recipient would get it, sent to an operator's own address through
 * the campaign's first enabled MTA: the templates are the ones being edited (what the preview shows), the sender,
 * pool and links the saved campaign's. It is not a delivery: no recipient's state changes and nothing is recorded.
 */
@Stateless
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
public class TestSends {

    private static final Logger LOG = Logger.getLogger(TestSends.class.getName());

    @EJB
    private Campaigns campaigns;

    @EJB
    private CampaignPreviews previews;

    /**
     * @param to        where the test copy goes (strict RFC 5322 address, one only)
     * @param recipient whose merge fields fill the templates; blank: the campaign's first recipient
     * @param subject   the subject, text and HTML templates to render (those being edited)
     * @return the MTA's reply, e.g. "250 2.0.0 Ok: queued as 4F2A1"
     * @throws CampaignException naming what is wrong: the address, the templates, the pool, or the MTA's refusal
     */
    public String send(long campaignId, String to, String recipient, String subject, String text, String html) {
        InternetAddress address = strictAddress(to);
        Campaign campaign = campaigns.get(campaignId);
        MessagePreview preview = previews.preview(campaignId, recipient, subject, text, html);
        if (preview.problem() != null) {
            throw new CampaignException("test send of campaign " + campaignId + ": " + preview.problem());
        }
        PersonalMessageRenderer renderer = campaigns.checkedRenderer(campaignId, subject, text, html);
        Mta mta = campaigns.pool(campaignId).stream()
                .filter(Mta::isEnabled)
                .findFirst()
                .orElseThrow(() -> new CampaignException("campaign " + campaignId + " has no enabled MTA")
                        .localized("refusal.testSend.noEnabledMta", campaignId));
        // A negative id never names a recipient: its Message-ID, unsubscribe link and return path lead nowhere.
        long testId = -System.currentTimeMillis();
        PendingRecipient fields = previews.recipient(campaignId, recipient);
        PendingRecipient copy = new PendingRecipient(
                testId,
                address.getAddress(),
                address.getPersonal() != null ? address.getPersonal() : fields.displayName(),
                fields.mergeValues(),
                null);
        try (SmtpConnection connection =
                new SmtpConnection(mta, new InternetAddress(campaign.getFromAddress(), true).getAddress())) {
            PersonalMessage message = renderer.render(copy);
            message.message().setSubject("[Test] " + message.message().getSubject(), "UTF-8");
            message.message().saveChanges();
            DeliveryOutcome outcome = connection.send(message);
            LOG.info(() -> "Campaign " + campaignId + ": test copy to " + address.getAddress() + " via " + mta.getName()
                    + ": " + outcome.reply());
            if (!outcome.reply().accepted()) {
                throw new CampaignException("MTA " + mta.getName() + " refused the test copy to " + address.getAddress()
                                + ": " + outcome.reply())
                        .localized("refusal.testSend.refused", mta.getName(), address.getAddress(), outcome.reply());
            }
            return outcome.reply().toString();
        } catch (MessagingException e) {
            throw new CampaignException("test copy to " + address.getAddress() + " via MTA " + mta.getName()
                            + " failed: " + e.getMessage())
                    .localized("refusal.testSend.failed", address.getAddress(), mta.getName(), e.getMessage());
        }
    }

    private static InternetAddress strictAddress(String to) {
        if (to == null || to.isBlank()) {
            throw new CampaignException(CampaignException.Kind.INVALID, "test send: no address given")
                    .localized("refusal.testSend.noAddress");
        }
        if (to.chars().anyMatch(ch -> ch == '\r' || ch == '\n')) {
            throw new CampaignException(CampaignException.Kind.INVALID, "test send: the address contains a line break")
                    .localized("refusal.testSend.lineBreak");
        }
        try {
            InternetAddress address = new InternetAddress(to.strip(), true);
            address.validate();
            return address;
        } catch (AddressException e) {
            throw new CampaignException(
                            CampaignException.Kind.INVALID,
                            "test send: '" + to.strip() + "' is not a valid address: " + e.getMessage())
                    .localized("refusal.testSend.invalidAddress", to.strip());
        }
    }
}
