package org.sluice.sending.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Properties;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.campaign.entity.Campaign;
import org.sluice.mta.entity.Mta;
import org.sluice.recipient.boundary.RecipientsToSend;

/**
 * Splits a campaign's recipients into one contiguous id range per SMTP connection. The ranges depend
 * only on the campaign's recipients (all states) and the connection count, so a restart gets the same
 * partitions back and each resumes from its own checkpoint. The last range is open-ended: a recipient stored
 * after the plan was made (ids only grow) still belongs to a partition. Recipients cannot be added once a
 * campaign is started (RecipientImports, ImportedRecipients), so the interior boundaries stay where they were.
 */
@Named
@Dependent
public class RecipientRangeMapper implements PartitionMapper {

    @Inject
    @BatchProperty
    private long campaignId;

    /** Overrides the campaign's connection setting when given. */
    @Inject
    @BatchProperty
    private String connections;

    @EJB
    private Campaigns campaigns;

    @EJB
    private RecipientsToSend recipients;

    @Override
    public PartitionPlan mapPartitions() {
        Campaign campaign = campaigns.get(campaignId);
        int wanted = connections == null || connections.isBlank()
                ? campaign.getConnections()
                : Integer.parseInt(connections);
        // Each partition may open one connection to every MTA of the pool: no more partitions than the pool's
        // smallest enabled MTA allows connections, so no MTA sees more connections than its maximum.
        int limit = campaigns.pool(campaignId).stream()
                .filter(Mta::isEnabled)
                .mapToInt(Mta::getMaxConnections)
                .min()
                .orElse(wanted);
        limit = Math.min(wanted, limit);
        long[] range = recipients.idRange(campaignId);
        return plan(range == null ? 0 : range[0], range == null ? 0 : range[1], Math.max(1, limit));
    }

    static PartitionPlan plan(long firstId, long lastId, int connections) {
        long span = lastId - firstId + 1;
        int partitions = (int) Math.max(1, Math.min(connections, span));
        Properties[] properties = new Properties[partitions];
        long from = firstId;
        for (int i = 0; i < partitions; i++) {
            long to = i == partitions - 1 ? Long.MAX_VALUE : from + span / partitions - 1;
            properties[i] = new Properties();
            properties[i].setProperty("firstId", Long.toString(from));
            properties[i].setProperty("lastId", Long.toString(to));
            from = to + 1;
        }
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(partitions);
        plan.setThreads(partitions);
        plan.setPartitionProperties(properties);
        // On restart keep the partitions of the first run: each resumes at its own checkpoint.
        plan.setPartitionsOverride(false);
        return plan;
    }
}
