package org.sluice.importing.boundary;

import org.sluice.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.StepExecution;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;
import org.sluice.campaign.boundary.CampaignException;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.campaign.entity.Campaign;
import org.sluice.recipient.boundary.ImportCounts;

/** Starts recipient imports (a CSV upload or a JDBC query) as restartable batch jobs and reports on them. */
@PermitAll
@Stateless
public class RecipientImports {

    public static final String CSV_JOB = "recipient-import-csv";
    public static final String JDBC_JOB = "recipient-import-jdbc";

    @EJB
    private Campaigns campaigns;

    /**
     * Stores the uploaded CSV under the server's data directory (streamed, never held in memory) and
     * starts importing it.
     *
     * @return the job execution id
     */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public long importCsv(long campaignId, InputStream csv) {
        refuseUnlessDraft(campaigns.get(campaignId)); // before storing a file for nothing; checked again, locked, below
        Path file;
        try {
            Path dir = Path.of(System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir")),
                    "sluice", "imports");
            Files.createDirectories(dir);
            file = Files.createTempFile(dir, "campaign-" + campaignId + "-", ".csv");
            Files.copy(csv, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("storing the uploaded recipient file failed: " + e.getMessage(), e);
        }
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

    /** Imports from a query on a WildFly datasource (e.g. the customer database). */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public long importQuery(long campaignId, String dataSourceJndiName, String query) {
        requireDraft(campaignId);
        if (dataSourceJndiName == null || dataSourceJndiName.isBlank() || query == null || query.isBlank()) {
            throw new CampaignException("a JDBC import needs a datasource JNDI name and a query");
        }
        Properties parameters = new Properties();
        parameters.setProperty("campaignId", Long.toString(campaignId));
        parameters.setProperty("dataSource", dataSourceJndiName);
        parameters.setProperty("query", query);
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
                    + (campaign.getJobExecutionId() != null ? " (send job execution " + campaign.getJobExecutionId() + ")" : "")
                    + ": recipients can only be imported before it is sent");
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
                if (Long.toString(campaignId).equals(operator.getParameters(execution).getProperty("campaignId"))) {
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
