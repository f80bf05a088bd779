package org.sluice.importing.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.recipient.boundary.ImportCounts;
import org.sluice.recipient.boundary.ImportedRecipients;
import org.sluice.recipient.control.ParsedRow;

/**
 * Stores a chunk of parsed rows (recipients and rejections) and keeps the running totals in the step's
 * persistent user data, which is committed with the checkpoint and survives a restart.
 */
@Named
@Dependent
public class RecipientImportWriter extends AbstractItemWriter {

    @Inject
    @BatchProperty
    private long campaignId;

    @Inject
    private JobContext job;

    @Inject
    private StepContext step;

    @EJB
    private Campaigns campaigns;

    @EJB
    private ImportedRecipients recipients;

    @Override
    @SuppressWarnings("unchecked")
    public void writeItems(List<Object> items) {
        campaigns.requireAcceptsRecipients(campaignId);
        ImportCounts chunk = recipients.store(campaignId, job.getExecutionId(), (List<ParsedRow>) (List<?>) items);
        ImportCounts total = step.getPersistentUserData() instanceof ImportCounts before ? before.plus(chunk) : chunk;
        step.setPersistentUserData(total);
    }
}
