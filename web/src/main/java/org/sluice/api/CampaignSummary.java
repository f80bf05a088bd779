package org.sluice.api;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.sluice.campaign.boundary.RecipientCounts;
import org.sluice.campaign.entity.Campaign;
import org.sluice.campaign.entity.CampaignStatus;
import org.sluice.mta.entity.Mta;

/** A campaign as listed by the API, with its recipients by state (pending, sent, deferred, failed, suppressed). */
@Schema(
        requiredProperties = {
            "id",
            "name",
            "from",
            "status",
            "mtas",
            "chunkSize",
            "connections",
            "waitDeadlineSeconds",
            "counts"
        })
public record CampaignSummary(
        long id,
        String name,
        String from,
        CampaignStatus status,
        List<String> mtas,
        int chunkSize,
        int connections,
        int waitDeadlineSeconds,
        String waitingReason,
        Long executionId,
        RecipientCounts counts,
        Instant scheduledStart,
        String scheduleZone) {

    static CampaignSummary of(Campaign c, RecipientCounts counts) {
        return new CampaignSummary(
                c.getId(),
                c.getName(),
                c.getFromAddress(),
                c.getStatus(),
                c.getMtas().stream().map(Mta::getName).toList(),
                c.getChunkSize(),
                c.getConnections(),
                c.getWaitDeadlineSeconds(),
                c.getWaitingReason(),
                c.getJobExecutionId(),
                counts,
                c.getScheduledStart(),
                c.getScheduleZone());
    }
}
