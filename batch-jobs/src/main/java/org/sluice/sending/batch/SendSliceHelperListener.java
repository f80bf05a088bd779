package org.sluice.sending.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.sluice.sending.boundary.SendSliceHelpers;

/** Tells {@link SendSliceHelpers} that a campaign-send-helper execution ended, and how. */
@Named
@Dependent
public class SendSliceHelperListener extends AbstractJobListener {

    @Inject
    @BatchProperty
    private long campaignId;

    @Inject
    private JobContext job;

    @EJB
    private SendSliceHelpers helpers;

    @Override
    public void afterJob() {
        helpers.ended(campaignId, job.getExecutionId(), true, job.getBatchStatus());
    }
}
