package org.sluice.sending.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.logging.Logger;
import org.sluice.campaign.boundary.CampaignException;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.campaign.entity.Campaign;
import org.sluice.campaign.entity.CampaignStatus;
import org.sluice.history.SendHistory;
import org.sluice.sending.boundary.SendSliceHelpers;
import org.sluice.slice.boundary.SendSlices;

/**
 * Moves the campaign to SENDING when its job starts and to STOPPED/FAILED/COMPLETED when it ends (WAITING_FOR_WINDOW
 * instead of STOPPED when the run stopped for the campaign's sending window).
 * <p>
 * A campaign is started once; later runs are restarts of that job instance. The API refuses a second start, and so
 * does this listener for a start that did not come through the API (the WildFly CLI's {@code start-job}, a
 * JobOperator of another application): the job fails at once with the reason as its exit status, and the campaign,
 * its last execution and its counts stay as they were.
 */
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

    @EJB
    private SendHistory history;

    /** Why this execution may not send the campaign, or null. */
    private String refusal;

    @Override
    public void beforeJob() {
        refusal = refusal();
        if (refusal != null) {
            job.setExitStatus("REFUSED: " + refusal);
            LOG.warning(() -> "Job execution " + job.getExecutionId() + " refused: " + refusal);
            throw new IllegalStateException(refusal);
        }
        helpers.runs(campaignId, job.getExecutionId());
        // While this server's database session holds it, the other servers know the campaign's job runs.
        slices.holdLead(campaignId);
        campaigns.runBegins(campaignId, job.getExecutionId());
        history.runBegins(campaignId);
    }

    /**
     * A run of another job instance than the campaign's is a second start. The API records the execution it started
     * only after JobOperator.start returns, so a run that finds none recorded is the first one.
     */
    private String refusal() {
        Long recorded;
        try {
            recorded = campaigns.get(campaignId).getJobExecutionId();
        } catch (CampaignException e) {
            return e.getMessage();
        }
        if (recorded == null || recorded == job.getExecutionId()) {
            return null;
        }
        try {
            if (BatchRuntime.getJobOperator().getJobInstance(recorded).getInstanceId() == job.getInstanceId()) {
                return null; // a restart
            }
        } catch (NoSuchJobExecutionException gone) {
            // Its execution is no longer in the job repository: still a campaign that was started.
        }
        Campaign campaign = campaigns.get(campaignId);
        return "campaign " + campaignId + " was already started (job execution " + recorded + ", "
                + campaign.getStatus() + "): restart that execution instead of starting the job again";
    }

    @Override
    public void afterJob() {
        if (refusal != null) {
            return; // nothing of the campaign was touched
        }
        // While afterJob runs the execution is still STARTED unless it failed or is being stopped.
        BatchStatus batch = job.getBatchStatus();
        CampaignStatus ended = switch (batch) {
            case FAILED, ABANDONED -> CampaignStatus.FAILED;
            case STOPPING, STOPPED -> CampaignStatus.STOPPED;
            default -> CampaignStatus.COMPLETED;
        };
        CampaignStatus status = campaigns.runEnded(campaignId, ended);
        helpers.ended(campaignId, job.getExecutionId(), false, batch);
        slices.releaseLead(campaignId);
        LOG.info(() -> "Campaign " + campaignId + " " + status + " (job execution " + job.getExecutionId() + ", "
                + batch + ", exit status " + job.getExitStatus() + ")");
    }
}
