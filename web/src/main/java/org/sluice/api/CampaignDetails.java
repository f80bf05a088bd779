package org.sluice.api;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.sluice.campaign.boundary.RecipientCounts;
import org.sluice.campaign.entity.Campaign;
import org.sluice.campaign.entity.CampaignStatus;
import org.sluice.mta.entity.Mta;
import org.sluice.sending.boundary.CampaignProgress;

/**
 * One campaign in full: what an admin set (templates included) and where its sending stands (status, counts, the
 * job execution behind it and its rate). What {@code GET /campaigns/{id}} answers and what a start, stop or restart
 * answers with its 202.
 */
@Schema(
        requiredProperties = {
            "id",
            "name",
            "from",
            "mtas",
            "chunkSize",
            "connections",
            "waitDeadlineSeconds",
            "status",
            "counts",
            "sentThisRun",
            "messagesPerSecond",
            "running"
        })
public record CampaignDetails(
        long id,
        String name,
        String from,
        String replyTo,
        String subject,
        String textTemplate,
        String htmlTemplate,
        List<String> mtas,
        int chunkSize,
        int connections,
        int waitDeadlineSeconds,
        CampaignStatus status,
        String waitingReason,
        RecipientCounts counts,
        Long executionId,
        // Jakarta Batch's status by name (ProblemResponsesFilter defines the schema): typed for clients, same JSON.
        @Schema(ref = "BatchStatus") String batchStatus,
        String exitStatus,
        Instant started,
        Instant ended,
        long sentThisRun,
        double messagesPerSecond,
        boolean running,
        Instant scheduledStart,
        String scheduleZone,
        Instant scheduleNotAfter,
        String scheduleNote,
        SendingWindowView sendingWindow) {

    static CampaignDetails of(Campaign c, CampaignProgress p) {
        return new CampaignDetails(
                c.getId(),
                c.getName(),
                c.getFromAddress(),
                c.getReplyTo(),
                c.getSubjectTemplate(),
                c.getTextTemplate(),
                c.getHtmlTemplate(),
                c.getMtas().stream().map(Mta::getName).toList(),
                c.getChunkSize(),
                c.getConnections(),
                c.getWaitDeadlineSeconds(),
                p.status(),
                p.waitingReason(),
                p.counts(),
                p.executionId(),
                p.batchStatus(),
                p.exitStatus(),
                p.started(),
                p.ended(),
                p.sentThisRun(),
                p.messagesPerSecond(),
                p.running(),
                c.getScheduledStart(),
                c.getScheduleZone(),
                c.getScheduleNotAfter(),
                c.getScheduleNote(),
                SendingWindowView.of(c.getSendingWindow(), Instant.now()));
    }
}
