package org.sluice.api;

import org.sluice.campaign.entity.Campaign;

/** A campaign as listed by the API. */
public record CampaignSummary(long id, String name, String from, String status, String mta, int chunkSize,
                              int connections, Long jobExecutionId) {

    static CampaignSummary of(Campaign c) {
        return new CampaignSummary(c.getId(), c.getName(), c.getFromAddress(), c.getStatus().name(),
                c.getMta() == null ? null : c.getMta().getName(), c.getChunkSize(), c.getConnections(),
                c.getJobExecutionId());
    }
}
