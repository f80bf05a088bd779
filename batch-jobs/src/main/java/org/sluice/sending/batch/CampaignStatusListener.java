package org.sluice.sending.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.logging.Logger;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.campaign.entity.CampaignStatus;
import org.sluice.sending.boundary.SendSliceHelpers;
import org.sluice.slice.boundary.SendSlices;

/** Moves the campaign to SENDING when its job starts and to STOPPED/FAILED/COMPLETED when it ends. */
@Named
@Dependent
public class CampaignStatusListener extends AbstractJobListener {

    private static final Logger LOG = Logger.getLogger(CampaignStatusListener.class.getName());

    @Inject
    @BatchProperty
    private long campaignId;

    @Inject
    private JobContext job;

    @EJB
    private Campaigns campaigns;

    @EJB
    private SendSliceHelpers helpers;

    @EJB
    private SendSlices slices;

    @Override
    public void beforeJob() {
        helpers.runs(campaignId, job.getExecutionId());
        // While this server's database session holds it, the other servers know the campaign's job runs.
        slices.holdLead(campaignId);
        campaigns.runBegins(campaignId, job.getExecutionId());
    }

    @Override
    public void afterJob() {
        // While afterJob runs the execution is still STARTED unless it failed or is being stopped.
        BatchStatus batch = job.getBatchStatus();
        CampaignStatus status = switch (batch) {
            case FAILED, ABANDONED -> CampaignStatus.FAILED;
            case STOPPING, STOPPED -> CampaignStatus.STOPPED;
            default -> CampaignStatus.COMPLETED;
        };
        campaigns.setStatus(campaignId, status);
        helpers.ended(campaignId, job.getExecutionId(), false, batch);
        slices.releaseLead(campaignId);
        LOG.info(() -> "Campaign " + campaignId + " " + status + " (job execution " + job.getExecutionId() + ", "
                + batch + ", exit status " + job.getExitStatus() + ")");
    }
}
