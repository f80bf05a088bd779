package org.sluice.sending.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.BatchStatus;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.delivery.boundary.LedgerDatabase;

/**
 * The validate step, run at every start and restart: applies what a crashed run journaled (see OutcomeJournalFile),
 * then fails the job with the campaign's problems before any message is sent.
 */
@Named
@Dependent
public class CampaignCheck extends AbstractBatchlet {

    @Inject
    @BatchProperty
    private long campaignId;

    @EJB
    private Campaigns campaigns;

    @EJB
    private LedgerDatabase ledger;

    @Override
    public String process() {
        // First what a crashed run's writers journaled but the database lost: the reader must not read them again.
        ledger.recoverJournals(campaignId);
        campaigns.checkedRenderer(campaignId);
        return BatchStatus.COMPLETED.name();
    }
}
