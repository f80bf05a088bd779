package org.sluice.sending.boundary;

import java.time.Instant;
import org.sluice.campaign.boundary.RecipientCounts;
import org.sluice.campaign.entity.CampaignStatus;

/**
 * A campaign's state as an admin watches it: recipient counts, the job execution behind it, and the
 * send rate of that execution.
 *
 * @param batchStatus   Jakarta Batch status of the latest execution (STARTED, STOPPED, FAILED, COMPLETED...)
 * @param exitStatus    its exit status; on failure, the reason
 * @param sentThisRun   messages accepted by the MTA during the latest execution
 * @param running       a job is running for this campaign, or its end is not yet recorded on the campaign;
 *                      false once status and counts are final for this run
 * @param waitingReason why no MTA of the pool takes mail now (WAITING_FOR_MTA), or when the sending window opens
 *                      (WAITING_FOR_WINDOW); null otherwise
 */
public record CampaignProgress(
        long campaignId,
        String name,
        CampaignStatus status,
        RecipientCounts counts,
        Long executionId,
        String batchStatus,
        String exitStatus,
        Instant started,
        Instant ended,
        long sentThisRun,
        double messagesPerSecond,
        boolean running,
        String waitingReason) {

    static boolean running(CampaignStatus status, String batchStatus) {
        boolean jobRunning = batchStatus != null
                && (batchStatus.equals("STARTING") || batchStatus.equals("STARTED") || batchStatus.equals("STOPPING"));
        // The batch runtime reports an execution COMPLETED a moment before its job listener has recorded
        // the end on the campaign.
        return jobRunning || status.running();
    }
}
