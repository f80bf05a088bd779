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
 */
public record CampaignProgress(long campaignId, String name, CampaignStatus status, RecipientCounts counts,
                               Long executionId, String batchStatus, String exitStatus, Instant started,
                               Instant ended, long sentThisRun, double messagesPerSecond) {

    /** True when no job is running or about to run for this campaign. */
    public boolean finished() {
        return batchStatus == null
                || !(batchStatus.equals("STARTING") || batchStatus.equals("STARTED") || batchStatus.equals("STOPPING"));
    }
}
