package org.sluice.importing.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.StepExecution;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.Json;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.sluice.audit.boundary.AuditLog;
import org.sluice.campaign.boundary.CampaignException;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.campaign.entity.Campaign;
import org.sluice.importing.control.UploadDirectory;
import org.sluice.importsource.boundary.ImportSources;
import org.sluice.importsource.entity.RecipientQuery;
import org.sluice.recipient.boundary.ImportCounts;
import org.sluice.security.Roles;

/** Starts recipient imports (a CSV upload or a JDBC query) as restartable batch jobs and reports on them. */
@PermitAll
@Stateless
public class RecipientImports {

    public static final String CSV_JOB = "recipient-import-csv";
    public static final String JDBC_JOB = "recipient-import-jdbc";

    @EJB
    private Campaigns campaigns;

    @EJB
    private AuditLog audit;

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
        refuseUnlessDraft(campaigns.get(campaignId)); // before storing a file for nothing; checked again, locked, below
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
        long execution = operator().start(CSV_JOB, parameters);
        audit.record(
                "IMPORT",
                AuditLog.CAMPAIGN,
                Long.toString(campaignId),
                null,
                Json.createObjectBuilder()
                        .add("executionId", execution)
                        .add("file", file.getFileName().toString())
                        .build()
                        .toString());
        return execution;
    }

    /**
     * Imports the rows of a recipient query on an import source an admin registered (e.g. the customer database).
     * The query is checked and stored first (committed on its own, before the campaign's row is locked: its row
     * references the campaign, and a database may lock the referenced row for that); the job gets only its id.
     */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public long importQuery(long campaignId, String importSource, String query) {
        refuseUnlessDraft(campaigns.get(campaignId));
        RecipientQuery recorded = importSources.recordQuery(campaignId, importSource, query);
        requireDraft(campaignId);
        Properties parameters = new Properties();
        parameters.setProperty("campaignId", Long.toString(campaignId));
        parameters.setProperty("queryId", Long.toString(recorded.getId()));
        long execution = operator().start(JDBC_JOB, parameters);
        audit.record(
                "IMPORT",
                AuditLog.CAMPAIGN,
                Long.toString(campaignId),
                null,
                Json.createObjectBuilder()
                        .add("executionId", execution)
                        .add("importSource", importSource)
                        .add("query", query)
                        .build()
                        .toString());
        return execution;
    }

    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public ImportProgress progress(long campaignId, long executionId) {
        JobOperator operator = operator();
        JobExecution execution = operator.getJobExecution(executionId);
        Properties parameters = operator.getParameters(executionId);
        if (!Long.toString(campaignId).equals(parameters.getProperty("campaignId"))) {
            throw new CampaignException(
                    CampaignException.Kind.NOT_FOUND,
                    "job execution " + executionId + " is not an import of campaign " + campaignId);
        }
        ImportCounts counts = new ImportCounts(0, 0, 0, 0);
        for (StepExecution step : operator.getStepExecutions(executionId)) {
            if (step.getPersistentUserData() instanceof ImportCounts c) {
                counts = c;
            }
        }
        return new ImportProgress(
                campaignId,
                executionId,
                execution.getJobName(),
                execution.getBatchStatus().name(),
                execution.getExitStatus(),
                counts);
    }

    /**
     * The campaign's row stays locked until the import job is started and this transaction commits: CampaignSender
     * locks it too before it looks for running imports, so a start and an import of one campaign never both pass.
     */
    private void requireDraft(long campaignId) {
        refuseUnlessDraft(campaigns.lock(campaignId));
    }

    private static void refuseUnlessDraft(Campaign campaign) {
        if (!campaign.getStatus().acceptsRecipients() || campaign.getJobExecutionId() != null) {
            throw new CampaignException("campaign " + campaign.getId() + " is " + campaign.getStatus()
                            + (campaign.getJobExecutionId() != null
                                    ? " (send job execution " + campaign.getJobExecutionId() + ")"
                                    : "")
                            + ": recipients can only be imported before it is sent")
                    .localized("refusal.campaign.notDraftForImport", campaign.getId());
        }
    }

    /**
     * An import job of the campaign that is starting or running, or null. A send must not start while one runs: its
     * partitions are planned over the recipients stored so far.
     */
    public Long runningImport(long campaignId) {
        JobOperator operator = operator();
        for (String job : List.of(CSV_JOB, JDBC_JOB)) {
            List<Long> running;
            try {
                running = operator.getRunningExecutions(job);
            } catch (NoSuchJobException never) {
                continue; // no execution of that job yet
            }
            for (long execution : running) {
                if (Long.toString(campaignId)
                        .equals(operator.getParameters(execution).getProperty("campaignId"))) {
                    return execution;
                }
            }
        }
        return null;
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
