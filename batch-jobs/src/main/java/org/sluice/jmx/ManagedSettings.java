package org.sluice.jmx;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.function.Consumer;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.mta.boundary.MtaRegistry;
import org.sluice.mta.entity.Mta;

/** The settings an operator changes over JMX, each in its own transaction. */
@Stateless
public class ManagedSettings {

    @EJB
    private Campaigns campaigns;

    @EJB
    private MtaRegistry mtas;

    /** Read by CampaignSender when the send job next starts or restarts (job parameter "connections"). */
    public void campaignConnections(long campaignId, int connections) {
        campaigns.lock(campaignId).setConnections(connections);
    }

    /** Read by CampaignSender when the send job next starts or restarts (job parameter "chunkSize"). */
    public void campaignChunkSize(long campaignId, int chunkSize) {
        campaigns.lock(campaignId).setChunkSize(chunkSize);
    }

    /** A running campaign picks the change up at its next chunk, as with PUT /mtas/{name}. */
    public void mta(String name, Consumer<Mta> change) {
        mtas.update(name, change).orElseThrow(() -> new IllegalArgumentException("no MTA named '" + name + "'"));
    }
}
