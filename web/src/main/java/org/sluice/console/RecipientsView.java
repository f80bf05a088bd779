package org.sluice.console;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.List;
import org.primefaces.PrimeFaces;
import org.primefaces.event.FileUploadEvent;
import org.sluice.campaign.boundary.CampaignException;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.campaign.entity.Campaign;
import org.sluice.importing.boundary.ImportProgress;
import org.sluice.importing.boundary.RecipientImports;
import org.sluice.importsource.boundary.ImportSources;
import org.sluice.recipient.boundary.RecipientBrowser;
import org.sluice.recipient.boundary.RejectedRows;
import org.sluice.recipient.entity.RecipientState;
import org.sluice.recipient.entity.RejectedRowRecord;
import org.sluice.refusal.RequestRefusedException.Kind;

/**
 * A campaign's recipients: a CSV upload or a JDBC query starts an import job whose progress the page polls; the
 * rows it rejected are listed with their line and reason; the recipients themselves in a lazy table.
 */
@Named
@ViewScoped
public class RecipientsView implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Rejected rows shown; the REST API gives them all. */
    static final int REJECTIONS_SHOWN = 1000;

    @EJB
    private Campaigns campaigns;

    @EJB
    private RecipientImports imports;

    @EJB
    private RejectedRows rejections;

    @EJB
    private RecipientBrowser browser;

    @EJB
    private ImportSources importSources;

    private String idParameter;
    private Long id;
    private String campaignName;
    private String campaignStatus;
    private Long importExecution;
    private ImportProgress progress;
    private String importSource;
    private String query = "SELECT email, name FROM customer ORDER BY id";
    private RecipientState stateFilter;
    private RecipientTableModel table;

    /** The page's view action (a GET, also a bookmark): an unknown or malformed id answers 404. */
    public void load() {
        if (id == null) {
            NotFound.respond(ConsoleText.message("campaign.notFound", idParameter == null ? "" : idParameter));
            return;
        }
        Campaign c;
        try {
            c = campaigns.get(id);
        } catch (CampaignException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                NotFound.campaign(id);
            } else {
                NotFound.respond(Feedback.text(e));
            }
            return;
        }
        campaignName = c.getName();
        campaignStatus = c.getStatus().name();
        if (table == null) {
            table = new RecipientTableModel(browser, id);
        }
    }

    public void upload(FileUploadEvent event) {
        String fileName = event.getFile().getFileName();
        Feedback.attempt(() -> {
            try (InputStream in = event.getFile().getInputStream()) {
                importExecution = imports.importCsv(id, in);
                progress = null;
                Feedback.info("recipients.importingFile", fileName, importExecution);
            } catch (IOException e) {
                Feedback.error("upload.failed", fileName, e.getMessage());
            }
        });
    }

    public void importQuery() {
        if (importSource == null || importSource.isBlank()) {
            Feedback.error("recipients.chooseSourceFirst");
            return;
        }
        Feedback.attempt(() -> {
            importExecution = imports.importQuery(id, importSource, query);
            progress = null;
            Feedback.info("recipients.importingSource", importSource, importExecution);
        });
    }

    /** Polled: follows the import this page started; once it ends, its rejections and recipients are shown. */
    public void refresh() {
        if (importExecution == null || (progress != null && progress.finished())) {
            return;
        }
        progress = imports.progress(id, importExecution);
        if (progress.finished()) {
            PrimeFaces.current().ajax().update("recipients:rejections", "recipients:table");
        }
    }

    public boolean isImporting() {
        return importExecution != null && (progress == null || !progress.finished());
    }

    /** An import that ended without importing everything: the bar says so instead of "done". */
    public boolean isImportFailed() {
        return progress != null
                && progress.finished()
                && !progress.batchStatus().equals("COMPLETED");
    }

    /** The bar's label: what the import is doing or how it ended. */
    public String getImportLabel() {
        if (isImporting()) {
            return ConsoleText.message("recipients.bar.importing");
        }
        // a failed or stopped import shows how it ended (Jakarta Batch's FAILED, STOPPED) in the page's language
        return isImportFailed()
                ? ConsoleText.named("batch.", progress.batchStatus())
                : ConsoleText.message("recipients.bar.done");
    }

    /** Rows of the running import done so far, as a share of a total the job cannot know in advance: 0 or 100. */
    public int getImportPercent() {
        return progress != null && progress.finished() ? 100 : 0;
    }

    public List<RejectedRowRecord> getRejections() {
        return rejections.rejections(id, 0, REJECTIONS_SHOWN);
    }

    public long getRejectionCount() {
        return rejections.rejectionCount(id);
    }

    public void filter() {
        table.setState(stateFilter);
    }

    public RecipientState[] getStates() {
        return RecipientState.values();
    }

    public boolean isAcceptsRecipients() {
        return "DRAFT".equals(campaignStatus);
    }

    public Long getId() {
        return id;
    }

    public String getIdParameter() {
        return idParameter;
    }

    public void setIdParameter(String idParameter) {
        this.idParameter = idParameter;
        this.id = NotFound.id(idParameter);
    }

    public String getCampaignName() {
        return campaignName;
    }

    public String getCampaignStatus() {
        return campaignStatus;
    }

    public Long getImportExecution() {
        return importExecution;
    }

    public ImportProgress getProgress() {
        return progress;
    }

    public String getImportSource() {
        return importSource;
    }

    public void setImportSource(String importSource) {
        this.importSource = importSource;
    }

    /** The import sources an admin registered, by name (the only databases a query may read). */
    public List<String> getImportSources() {
        return importSources.all().stream().map(s -> s.getName()).toList();
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }

    public RecipientState getStateFilter() {
        return stateFilter;
    }

    public void setStateFilter(RecipientState stateFilter) {
        this.stateFilter = stateFilter;
    }

    public RecipientTableModel getTable() {
        return table;
    }
}
