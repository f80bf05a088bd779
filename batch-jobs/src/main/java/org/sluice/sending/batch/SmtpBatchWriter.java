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
import java.util.List;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.campaign.entity.Campaign;
import org.sluice.delivery.boundary.DeliveryLedger;
import org.sluice.delivery.control.DeliveryRecorder;
import org.sluice.delivery.control.SmtpConnection;
import org.sluice.message.control.PersonalMessage;

/**
 * Sends a chunk over this partition's SMTP connection (opened once, kept across chunks) and records each
 * recipient's outcome the moment the MTA answers, in its own transaction (see {@link DeliveryRecorder}): when
 * the chunk fails or the server dies, every answer already received is on record and a restart reads only the
 * recipients still PENDING. A refused recipient (4xx/5xx) is an outcome and the chunk goes on.
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
    private DeliveryRecorder recorder;

    @Override
    public void open(Serializable checkpoint) throws AddressException {
        Campaign campaign = campaigns.get(campaignId);
        // The envelope sender (MAIL FROM) is the bare address; the From header keeps the display name.
        String envelopeFrom = new InternetAddress(campaign.getFromAddress(), true).getAddress();
        connection = new SmtpConnection(campaign.getMta(), envelopeFrom);
        recorder = ledger.openRecorder(campaignId, campaign.getMta().getId());
    }

    @Override
    public void writeItems(List<Object> items) throws MessagingException {
        for (Object item : items) {
            recorder.record(connection.send((PersonalMessage) item));
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
        if (recorder != null) {
            recorder.close();
        }
    }
}
