package org.sluice.sending.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.campaign.entity.Campaign;
import org.sluice.delivery.boundary.DeliveryLedger;
import org.sluice.delivery.control.DeliveryOutcome;
import org.sluice.delivery.control.SmtpConnection;
import org.sluice.message.control.PersonalMessage;

/**
 * Sends a chunk over this partition's SMTP connection (opened once, kept across chunks) and records each
 * recipient's outcome. A refused recipient (4xx/5xx) is an outcome and the chunk goes on. If the MTA
 * cannot be reached even after a reconnect, the outcomes already known are committed on their own before
 * the step fails, so a restart does not mail those recipients again.
 */
@Named
@Dependent
public class SmtpBatchWriter extends AbstractItemWriter {

    @Inject
    @BatchProperty
    private long campaignId;

    @EJB
    private Campaigns campaigns;

    @EJB
    private DeliveryLedger ledger;

    private SmtpConnection connection;
    private long mtaId;

    @Override
    public void open(Serializable checkpoint) throws AddressException {
        Campaign campaign = campaigns.get(campaignId);
        mtaId = campaign.getMta().getId();
        // The envelope sender (MAIL FROM) is the bare address; the From header keeps the display name.
        String envelopeFrom = new InternetAddress(campaign.getFromAddress(), true).getAddress();
        connection = new SmtpConnection(campaign.getMta(), envelopeFrom);
    }

    @Override
    public void writeItems(List<Object> items) throws MessagingException {
        List<DeliveryOutcome> outcomes = new ArrayList<>(items.size());
        try {
            for (Object item : items) {
                outcomes.add(connection.send((PersonalMessage) item));
            }
        } catch (MessagingException | RuntimeException e) {
            ledger.recordNow(campaignId, mtaId, outcomes);
            throw e;
        }
        ledger.record(campaignId, mtaId, outcomes);
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
    }
}
