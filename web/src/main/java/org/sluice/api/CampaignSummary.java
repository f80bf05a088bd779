package org.sluice.api;

import java.util.List;
import org.sluice.campaign.entity.Campaign;
import org.sluice.mta.entity.Mta;

/** A campaign as listed by the API. */
public record CampaignSummary(long id, String name, String from, String status, List<String> mtas, int chunkSize,
                              int connections, int waitDeadlineSeconds, String waitingReason, Long jobExecutionId) {

    static CampaignSummary of(Campaign c) {
        return new CampaignSummary(c.getId(), c.getName(), c.getFromAddress(), c.getStatus().name(),
                c.getMtas().stream().map(Mta::getName).toList(), c.getChunkSize(), c.getConnections(),
                c.getWaitDeadlineSeconds(), c.getWaitingReason(), c.getJobExecutionId());
    }
}
