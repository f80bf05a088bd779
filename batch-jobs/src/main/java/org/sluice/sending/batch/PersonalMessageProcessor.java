package org.sluice.sending.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.mail.MessagingException;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.message.control.PersonalMessageRenderer;
import org.sluice.recipient.control.PendingRecipient;

/**
 * Renders each recipient's personal message; templates are compiled once per partition. A recipient on the
 * suppression list (already marked SUPPRESSED by the reader) is filtered out: returning null keeps it from the
 * writer (the ItemProcessor contract) and counts it in the step's filter count.
 */
@Named
@Dependent
public class PersonalMessageProcessor implements ItemProcessor {

    @Inject
    @BatchProperty
    private long campaignId;

    @EJB
    private Campaigns campaigns;

    private PersonalMessageRenderer renderer;

    @Override
    public Object processItem(Object item) throws MessagingException {
        if (renderer == null) {
            renderer = campaigns.checkedRenderer(campaignId);
        }
        PendingRecipient recipient = (PendingRecipient) item;
        if (recipient.suppressed() != null) {
            return null;
        }
        try {
            return renderer.render(recipient);
        } catch (MessagingException e) {
            throw new MessagingException(
                    "rendering the message of recipient " + recipient.id() + " <" + recipient.address()
                            + "> in campaign " + campaignId + " failed: " + e.getMessage(),
                    e);
        }
    }
}
