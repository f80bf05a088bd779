package org.sluice.sending.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.BatchStatus;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import org.sluice.campaign.boundary.Campaigns;

/** The validate step: fails the job with the campaign's problems before any message is sent. */
@Named
@Dependent
public class CampaignCheck extends AbstractBatchlet {

    @Inject
    @BatchProperty
    private long campaignId;

    @EJB
    private Campaigns campaigns;

    @Override
    public String process() {
        campaigns.checkedRenderer(campaignId);
        return BatchStatus.COMPLETED.name();
    }
}
