package org.sluice.sending.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.logging.Logger;
import org.sluice.audit.boundary.AuditLog;
import org.sluice.campaign.boundary.CampaignException;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.campaign.boundary.RecipientCounts;
import org.sluice.campaign.entity.Campaign;
import org.sluice.campaign.entity.CampaignStatus;
import org.sluice.importing.boundary.RecipientImports;
import org.sluice.recipient.boundary.RecipientsToSend;
import org.sluice.recipient.boundary.RestartPoints;
import org.sluice.security.Roles;
import org.sluice.slice.boundary.SendSlices;

/**
 * Starts, stops and restarts a campaign's campaign-send job and reports its progress. The job itself keeps
 * the campaign's status (CampaignStatusListener); this service only refuses what makes no sense.
 */
@PermitAll
@Stateless
public class CampaignSender {

    public static final String JOB = "campaign-send";
    private static final Logger LOG = Logger.getLogger(CampaignSender.class.getName());

    @EJB
    private Campaigns campaigns;

    @EJB
    private RecipientsToSend recipients;

    @EJB
    private RestartPoints restartPoints;

    @EJB
    private RecipientImports imports;

    @EJB
    private SendSliceHelpers helpers;

    @EJB
    private SendSlices slices;

    @EJB
    private AuditLog audit;

    /** @return the job execution id */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public long start(long campaignId) {
        Campaign campaign = campaigns.lock(campaignId);
        if (campaign.getJobExecutionId() != null) {
            throw new CampaignException("campaign " + campaignId + " was already started (job execution "
                            + campaign.getJobExecutionId() + ", " + campaign.getStatus() + "): restart it instead")
                    .localized("refusal.campaign.alreadyStarted", campaignId);
        }
        // The campaign row is locked (RecipientImports.requireDraft locks it too): no import can start after this
        // check.
        Long importing = imports.runningImport(campaignId);
        if (importing != null) {
            throw new CampaignException("campaign " + campaignId + " is importing recipients (job execution "
                            + importing + "): start it once the import has ended")
                    .localized("refusal.campaign.importingBeforeStart", campaignId);
        }
        if (recipients.idRange(campaignId) == null) { // an index lookup, not a count of every recipient
            throw new CampaignException("campaign " + campaignId + " has no recipients: import some first")
                    .localized("refusal.campaign.noRecipients", campaignId);
        }
        campaigns.checkedRenderer(campaignId); // fail here, with the reason, rather than in the job
        long execution = operator().start(JOB, parameters(campaign));
        helpers.runs(campaignId, execution);
        campaign.clearStopRequest();
        campaign.setJobExecutionId(execution);
        campaign.setStatus(CampaignStatus.SENDING);
        audit.record("START", AuditLog.CAMPAIGN, Long.toString(campaignId), null, execution(execution));
        LOG.info(() -> "Campaign " + campaignId + " started as job execution " + execution);
        return execution;
    }

    /**
     * Stops the campaign on every server: at once here, within {@value SendSliceHelpers#TICK_SECONDS} s on the others
     * (each looks for stop requests; JBeret's stop reaches only executions running in the JVM that is asked).
     */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public void stop(long campaignId) {
        Campaign campaign = campaigns.lock(campaignId);
        if (campaign.getStatus() == CampaignStatus.WAITING_FOR_WINDOW) {
            // Its job has ended already: stopped, it is no longer restarted when the window opens.
            campaign.stopWaitingForWindow();
            audit.record("STOP", AuditLog.CAMPAIGN, Long.toString(campaignId), null, null);
            return;
        }
        JobExecution execution = latestExecution(campaign);
        if (execution == null
                || !isRunning(execution.getBatchStatus())
                || !campaign.getStatus().running()) {
            throw new CampaignException("campaign " + campaignId + " is not sending")
                    .localized("refusal.campaign.notSending", campaignId);
        }
        audit.record("STOP", AuditLog.CAMPAIGN, Long.toString(campaignId), execution(execution.getExecutionId()), null);
        stopRun(campaign);
    }

    /**
     * Stops the campaign's current run at its checkpoints, on every server (see {@link #stop}); the caller holds the
     * campaign's row lock (the sending window's watch stops runs this way).
     */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public void stopRun(Campaign campaign) {
        campaign.requestStop(Instant.now());
        Long here = helpers.runningHere(campaign.getId());
        if (here != null) {
            operator().stop(here);
        }
    }

    /**
     * Resumes a stopped or failed campaign, or one whose job died with the server: each partition
     * continues after its last checkpoint.
     *
     * @return the new job execution id
     */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public long restart(long campaignId) {
        Campaign campaign = campaigns.lock(campaignId);
        JobExecution execution = latestExecution(campaign);
        if (execution == null) {
            throw new CampaignException("campaign " + campaignId + " has never been started")
                    .localized("refusal.campaign.neverStarted", campaignId);
        }
        if (campaign.getStatus() == CampaignStatus.COMPLETED) {
            throw new CampaignException("campaign " + campaignId + " is already completed")
                    .localized("refusal.campaign.completed", campaignId);
        }
        if (slices.shared() && helpers.runningHere(campaignId) == null && slices.leadHeld(campaignId)) {
            // "detect" below would only see that this server does not run it.
            throw new CampaignException("campaign " + campaignId + " is being sent by another Sluice server"
                            + " (job execution " + execution.getExecutionId() + "): stop it first")
                    .localized("refusal.campaign.sentElsewhere", campaignId);
        }
        Properties parameters = parameters(campaign);
        // "detect": an execution still marked STARTED that this server is not running (it died with a
        // previous server process) may be restarted; one really running here may not.
        parameters.setProperty("jberet.restart.mode", "detect");
        long restarted = operator().restart(execution.getExecutionId(), parameters);
        helpers.runs(campaignId, restarted);
        campaign.clearStopRequest();
        campaign.setJobExecutionId(restarted);
        campaign.setStatus(CampaignStatus.SENDING);
        audit.record(
                "RESTART",
                AuditLog.CAMPAIGN,
                Long.toString(campaignId),
                execution(execution.getExecutionId()),
                execution(restarted));
        LOG.info(() -> "Campaign " + campaignId + " restarted as job execution " + restarted);
        return restarted;
    }

    public CampaignProgress progress(long campaignId) {
        Campaign campaign = campaigns.get(campaignId);
        // The execution's state before the counts: a job seen ended has committed every outcome (and its counts, in the
        // same transactions), so counts read after that are final. The other way round a client could see COMPLETED
        // with the counts of a moment before the end. JBeret may hand out the live execution: copy it first.
        JobExecution execution = latestExecution(campaign);
        if (execution == null) {
            return new CampaignProgress(
                    campaignId,
                    campaign.getName(),
                    campaign.getStatus(),
                    campaigns.counts(campaignId),
                    null,
                    null,
                    null,
                    null,
                    null,
                    0,
                    0,
                    false,
                    null);
        }
        String batchStatus = execution.getBatchStatus().name();
        String exitStatus = execution.getExitStatus();
        Instant started = instant(execution.getStartTime());
        Instant ended = instant(execution.getEndTime());
        RecipientCounts counts = campaigns.counts(campaignId);
        long sent = Math.max(0, counts.sent() - campaign.getSentBeforeRun());
        double seconds = started == null
                ? 0
                : Duration.between(started, ended == null ? Instant.now() : ended)
                                .toMillis()
                        / 1000.0;
        return new CampaignProgress(
                campaignId,
                campaign.getName(),
                campaign.getStatus(),
                counts,
                execution.getExecutionId(),
                batchStatus,
                exitStatus,
                started,
                ended,
                sent,
                seconds > 0 ? sent / seconds : 0,
                CampaignProgress.running(campaign.getStatus(), batchStatus),
                campaign.getWaitingReason());
    }

    /**
     * Where a restart would resume: the chunks the latest run committed (each a checkpoint) and the first recipient
     * still to be mailed.
     */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public SendCheckpoint checkpoint(long campaignId) {
        Campaign campaign = campaigns.get(campaignId);
        long commits = 0;
        JobExecution execution = latestExecution(campaign);
        if (execution != null) {
            for (StepExecution step : operator().getStepExecutions(execution.getExecutionId())) {
                for (Metric metric : step.getMetrics()) {
                    if (metric.getType() == Metric.MetricType.COMMIT_COUNT) {
                        commits += metric.getValue();
                    }
                }
            }
        }
        Long next = restartPoints.firstPendingId(campaignId);
        return new SendCheckpoint(commits, next);
    }

    private JobExecution latestExecution(Campaign campaign) {
        return campaign.getJobExecutionId() == null ? null : operator().getJobExecution(campaign.getJobExecutionId());
    }

    static Properties parameters(Campaign campaign) {
        Properties parameters = new Properties();
        parameters.setProperty("campaignId", Long.toString(campaign.getId()));
        parameters.setProperty("chunkSize", Integer.toString(campaign.getChunkSize()));
        parameters.setProperty("connections", Integer.toString(campaign.getConnections()));
        return parameters;
    }

    private static boolean isRunning(BatchStatus status) {
        return status == BatchStatus.STARTING || status == BatchStatus.STARTED;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }

    /** The audit log's note of which job execution an action started or stopped. */
    private static String execution(long executionId) {
        return "{\"executionId\":" + executionId + "}";
    }
}
