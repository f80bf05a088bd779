package org.sluice.sending.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.campaign.boundary.RunningCampaign;
import org.sluice.config.ClusterNode;
import org.sluice.slice.boundary.SendSlices;

/**
 * This server's part in sending campaigns that other servers started. Every {@value #TICK_SECONDS} s, on every server
 * (a non-persistent timer runs on each node), it looks at the campaigns being sent:
 * <ul>
 * <li>one whose own job runs on another server, and that has send slices nobody holds, gets a campaign-send-helper
 * execution here, whose partitions claim those slices (on PostgreSQL only: servers on H2 share nothing);</li>
 * <li>one an operator asked to stop, on whichever server, has its executions on this server stopped (JBeret's stop
 * reaches only executions running in the JVM that is asked);</li>
 * <li>on a cluster node ({@link ClusterNode}), one whose own job runs nowhere any more (the server running it died: the lead lock its database session held is
 * gone, see {@code SliceClaims.LEAD}) for {@value #LEAD_GRACE_SECONDS} s is taken over: this server takes the lead lock
 * (so one server does it) and restarts the job with JBeret's restart mode {@code force}, which marks the dead
 * execution FAILED and resumes it from its checkpoints. JBeret's default mode {@code detect} only asks whether this
 * JVM runs the execution, which across nodes cannot tell a dead execution from a live one.</li>
 * </ul>
 * A helper that failed (an MTA overloaded past the deadline, say) is not started again for the same campaign for a
 * minute: the campaign's own job meets the same condition and decides.
 */
@PermitAll
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SendSliceHelpers {

    public static final String JOB = "campaign-send-helper";
    static final int TICK_SECONDS = 2;
    /** Longer than a job takes from its start to its listener's lead lock (its first few hundred milliseconds). */
    static final int LEAD_GRACE_SECONDS = 10;

    private static final Duration AFTER_FAILURE = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(SendSliceHelpers.class.getName());

    @EJB
    private Campaigns campaigns;

    @EJB
    private SendSlices slices;

    /** Campaign id to the execution sending it on this server (its own job or a helper). */
    private final Map<Long, Long> runningHere = new ConcurrentHashMap<>();

    /** The helper executions among them. */
    private final Set<Long> helpers = ConcurrentHashMap.newKeySet();

    private final Map<Long, Instant> helperFailedAt = new ConcurrentHashMap<>();

    /** Only cluster nodes take over: a single server's campaigns wait for an operator's restart, as they always did. */
    private final boolean clusterNode = ClusterNode.isThisServer();

    /** Campaigns whose lead lock this server took, waiting for its own helper to end before it resumes their job. */
    private final Set<Long> takingOver = ConcurrentHashMap.newKeySet();

    /** When this server first saw a campaign's own job run nowhere. */
    private final Map<Long, Instant> leadMissingSince = new ConcurrentHashMap<>();

    /** An execution for the campaign runs on this server from now on. */
    public void runs(long campaignId, long executionId) {
        runningHere.put(campaignId, executionId);
    }

    /** The execution ended. */
    public void ended(long campaignId, long executionId, boolean helper, BatchStatus status) {
        runningHere.remove(campaignId, executionId);
        helpers.remove(executionId);
        if (helper && status == BatchStatus.FAILED) {
            helperFailedAt.put(campaignId, Instant.now());
        }
    }

    /** The execution sending the campaign on this server, or null. */
    public Long runningHere(long campaignId) {
        return runningHere.get(campaignId);
    }

    @Schedule(hour = "*", minute = "*", second = "*/" + TICK_SECONDS, persistent = false, info = "send-slice-helpers")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        try {
            Set<Long> sending = new HashSet<>();
            for (RunningCampaign campaign : campaigns.running()) {
                sending.add(campaign.id());
                if (campaign.stopRequested()) {
                    stopHere(campaign.id());
                } else if (slices.shared()) {
                    if (clusterNode) {
                        takeOverIfLeaderless(campaign.id());
                    }
                    helpIfNeeded(campaign.id());
                }
            }
            for (Long campaignId : Set.copyOf(takingOver)) {
                if (!sending.contains(campaignId)) {
                    takingOver.remove(campaignId);
                    slices.releaseLead(campaignId);
                }
            }
            // A campaign that ended (its own job failed or completed elsewhere) needs no helper here. Only helpers: a
            // campaign's own job started here may not be SENDING yet in what this tick read.
            for (Map.Entry<Long, Long> running : Map.copyOf(runningHere).entrySet()) {
                if (!sending.contains(running.getKey()) && helpers.contains(running.getValue())) {
                    stopHere(running.getKey());
                }
            }
        } catch (RuntimeException e) {
            // A timer has no caller to tell: the log says why, and the next tick tries again.
            LOG.warning("Send slice helpers: " + e.getMessage());
        }
    }

    private void helpIfNeeded(long campaignId) {
        // Only a campaign whose own job runs somewhere: that job's validate step first applies the outcome journals a
        // killed run of it left, and a helper sending before that would mail again whom the journal knows was mailed.
        if (runningHere.containsKey(campaignId) || !slices.leadHeld(campaignId)) {
            return;
        }
        Instant failed = helperFailedAt.get(campaignId);
        if (failed != null && Instant.now().isBefore(failed.plus(AFTER_FAILURE))) {
            return;
        }
        int free = slices.claimable(campaignId);
        if (free == 0) {
            return;
        }
        long execution = operator().start(JOB, CampaignSender.parameters(campaigns.get(campaignId)));
        helpers.add(execution);
        runningHere.put(campaignId, execution);
        LOG.info(() -> "Campaign " + campaignId + ": " + free + " send slice(s) nobody holds; " + SendSlices.nodeName()
                + " helps as job execution " + execution);
    }

    private void takeOverIfLeaderless(long campaignId) {
        Long here = runningHere.get(campaignId);
        boolean helperHere = here != null && helpers.contains(here);
        if (here != null && !helperHere) {
            leadMissingSince.remove(campaignId); // the campaign's own job runs here
            return;
        }
        if (!takingOver.contains(campaignId)) {
            if (slices.leadHeld(campaignId)) {
                leadMissingSince.remove(campaignId);
                return;
            }
            Instant now = Instant.now();
            Instant since = leadMissingSince.computeIfAbsent(campaignId, id -> now);
            if (now.isBefore(since.plusSeconds(LEAD_GRACE_SECONDS)) || !slices.holdLead(campaignId)) {
                return;
            }
            leadMissingSince.remove(campaignId);
            takingOver.add(campaignId);
        }
        if (helperHere) {
            // This server's helper gives its slices back first, and its writers close their outcome journals: the
            // resumed job's validate step applies the journals it finds here, which must be no live writer's.
            stopHere(campaignId);
            return;
        }
        takingOver.remove(campaignId);
        Long dead = campaigns.get(campaignId).getJobExecutionId();
        BatchStatus status =
                dead == null ? null : operator().getJobExecution(dead).getBatchStatus();
        if (status != BatchStatus.STARTING && status != BatchStatus.STARTED) {
            // It ended after all (its server finished it while this one looked): nothing to take over.
            slices.releaseLead(campaignId);
            return;
        }
        Properties parameters = CampaignSender.parameters(campaigns.get(campaignId));
        parameters.setProperty("jberet.restart.mode", "force");
        long execution = operator().restart(dead, parameters);
        runningHere.put(campaignId, execution);
        LOG.warning(() -> "Campaign " + campaignId + ": its job execution " + dead + " runs on no server any more;"
                + " " + SendSlices.nodeName() + " resumes it from its checkpoints as job execution " + execution);
    }

    private void stopHere(long campaignId) {
        Long execution = runningHere.get(campaignId);
        if (execution == null) {
            return;
        }
        BatchStatus status = operator().getJobExecution(execution).getBatchStatus();
        if (status == BatchStatus.STARTING || status == BatchStatus.STARTED) {
            operator().stop(execution);
            LOG.info(() -> "Campaign " + campaignId + ": stopping job execution " + execution + " on "
                    + SendSlices.nodeName());
        }
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
