package org.sluice.sending.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.campaign.boundary.Incidents;
import org.sluice.campaign.boundary.RecipientCounts;
import org.sluice.campaign.entity.Incident;

/**
 * The confirm step, after every partition of the send step ended: a campaign is COMPLETED only when nobody is PENDING
 * or DEFERRED any more. Otherwise (a recipient outside every partition's range, e.g. stored by an import racing the
 * start) the job fails with the count and an incident, and stays restartable: a restart runs the send step again
 * over the recipients as they are now (allow-start-if-complete), and it mails only those still to be mailed.
 */
@Named
@Dependent
public class RemainingRecipientsCheck extends AbstractBatchlet {

    @Inject
    @BatchProperty
    private long campaignId;

    @Inject
    private JobContext job;

    @EJB
    private Campaigns campaigns;

    @EJB
    private Incidents incidents;

    @Override
    public String process() {
        RecipientCounts counts = campaigns.counts(campaignId);
        long remaining = counts.pending() + counts.deferred();
        if (remaining == 0) {
            return BatchStatus.COMPLETED.name();
        }
        String reason = remaining + " recipient(s) still to be mailed (" + counts.pending() + " PENDING, "
                + counts.deferred() + " DEFERRED) after every partition of the send step ended";
        Incident incident = incidents.record(
                campaignId,
                job.getExecutionId(),
                Incident.RECIPIENTS_REMAIN,
                reason,
                "",
                "a restart sends to every recipient still PENDING or DEFERRED");
        throw new IllegalStateException(Incident.RECIPIENTS_REMAIN + ": campaign " + campaignId + ": " + reason
                + " (incident " + incident.getId() + "); restart the campaign to mail them");
    }
}
