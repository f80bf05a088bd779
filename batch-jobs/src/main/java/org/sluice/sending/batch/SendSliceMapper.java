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
import org.sluice.slice.boundary.SendSlices;

/**
 * One partition per SMTP connection; each claims send slices of the campaign until none is left. In the campaign's
 * own job ({@code planSlices}) the mapper first cuts the campaign into slices, unless a slice of an earlier run is
 * still unfinished (a restart goes on with them; recipients cannot be added once a campaign is started, see
 * RecipientImports). The helper job another server runs for the same campaign only claims.
 */
@Named
@Dependent
public class SendSliceMapper implements PartitionMapper {

    @Inject
    @BatchProperty
    private long campaignId;

    /** Overrides the campaign's connection setting when given. */
    @Inject
    @BatchProperty
    private String connections;

    /** "true" in the campaign's own job. */
    @Inject
    @BatchProperty
    private String planSlices;

    @EJB
    private Campaigns campaigns;

    @EJB
    private RecipientsToSend recipients;

    @EJB
    private SendSlices slices;

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
        int partitions = Math.max(1, Math.min(wanted, limit));
        if (Boolean.parseBoolean(planSlices)) {
            long[] range = recipients.idRange(campaignId);
            if (range != null) {
                slices.plan(campaignId, range[0], range[1], partitions);
            }
        }
        return plan(partitions);
    }

    static PartitionPlan plan(int partitions) {
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(partitions);
        plan.setThreads(partitions);
        Properties[] properties = new Properties[partitions];
        for (int i = 0; i < partitions; i++) {
            properties[i] = new Properties();
        }
        plan.setPartitionProperties(properties);
        // On restart keep the partitions of the first run: each resumes at its own checkpoint (its slice).
        plan.setPartitionsOverride(false);
        return plan;
    }
}
