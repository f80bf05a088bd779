package org.sluice.importing.boundary;

import org.sluice.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.StepExecution;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;
import org.sluice.campaign.boundary.CampaignException;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.campaign.entity.Campaign;
import org.sluice.importing.control.UploadDirectory;
import org.sluice.importsource.boundary.ImportSources;
import org.sluice.importsource.entity.RecipientQuery;
import org.sluice.recipient.boundary.ImportCounts;

/** Starts recipient imports (a CSV upload or a JDBC query) as restartable batch jobs and reports on them. */
@PermitAll
@Stateless
public class RecipientImports {

    public static final String CSV_JOB = "recipient-import-csv";
    public static final String JDBC_JOB = "recipient-import-jdbc";

    @EJB
    private Campaigns campaigns;

    @EJB
    private ImportSources importSources;

    /**
     * Stores the uploaded CSV under the server's data directory (streamed, never held in memory) and
     * starts importing it. The import deletes the file when it completes (UploadedFileCleanup).
     *
     * @return the job execution id
     */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public long importCsv(long campaignId, InputStream csv) {
        requireDraft(campaignId);
        Path file = UploadDirectory.ofServer().store(campaignId, csv);
        return importCsvFile(campaignId, file);
    }

    /** Imports a CSV file already on the server. */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public long importCsvFile(long campaignId, Path file) {
        requireDraft(campaignId);
        Properties parameters = new Properties();
        parameters.setProperty("campaignId", Long.toString(campaignId));
        parameters.setProperty("file", file.toAbsolutePath().toString());
        return operator().start(CSV_JOB, parameters);
    }

    /**
     * Imports the rows of a recipient query on an import source an admin registered (e.g. the customer database).
     * The query is checked and stored first; the job gets only its id.
     */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public long importQuery(long campaignId, String importSource, String query) {
        requireDraft(campaignId);
        RecipientQuery recorded = importSources.recordQuery(campaignId, importSource, query);
        Properties parameters = new Properties();
        parameters.setProperty("campaignId", Long.toString(campaignId));
        parameters.setProperty("queryId", Long.toString(recorded.getId()));
        return operator().start(JDBC_JOB, parameters);
    }

    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public ImportProgress progress(long campaignId, long executionId) {
        JobOperator operator = operator();
        JobExecution execution = operator.getJobExecution(executionId);
        Properties parameters = operator.getParameters(executionId);
        if (!Long.toString(campaignId).equals(parameters.getProperty("campaignId"))) {
            throw new CampaignException("job execution " + executionId + " is not an import of campaign " + campaignId);
        }
        ImportCounts counts = new ImportCounts(0, 0, 0, 0);
        for (StepExecution step : operator.getStepExecutions(executionId)) {
            if (step.getPersistentUserData() instanceof ImportCounts c) {
                counts = c;
            }
        }
        return new ImportProgress(campaignId, executionId, execution.getJobName(), execution.getBatchStatus().name(),
                execution.getExitStatus(), counts);
    }

    private void requireDraft(long campaignId) {
        Campaign campaign = campaigns.get(campaignId);
        if (!campaign.getStatus().acceptsRecipients() || campaign.getJobExecutionId() != null) {
            throw new CampaignException("campaign " + campaignId + " is " + campaign.getStatus()
                    + ": recipients can only be imported before it is sent");
        }
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
