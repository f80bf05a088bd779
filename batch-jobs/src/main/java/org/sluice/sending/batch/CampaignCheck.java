package org.sluice.sending.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.BatchStatus;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.delivery.boundary.LedgerDatabase;
import org.sluice.sending.boundary.SendingWindows;

/**
 * The validate step, run at every start and restart: applies what a crashed run journaled (see OutcomeJournalFile),
 * then fails the job with the campaign's problems before any message is sent. Outside the campaign's sending window it
 * ends with {@value #OUTSIDE_SENDING_WINDOW}, which stops the job (campaign-send.xml) until the window opens.
 */
@Named
@Dependent
public class CampaignCheck extends AbstractBatchlet {

    static final String OUTSIDE_SENDING_WINDOW = "OUTSIDE_SENDING_WINDOW";

    @Inject
    @BatchProperty
    private long campaignId;

    @EJB
    private Campaigns campaigns;

    @EJB
    private LedgerDatabase ledger;

    @EJB
    private SendingWindows windows;

    @Override
    public String process() {
        // First what a crashed run's writers journaled but the database lost: the reader must not read them again.
        ledger.recoverJournals(campaignId);
        campaigns.checkedRenderer(campaignId);
        if (windows.closed(campaignId, Instant.now())) {
            windows.runStartedOutside(campaignId);
            return OUTSIDE_SENDING_WINDOW;
        }
        return BatchStatus.COMPLETED.name();
    }
}
