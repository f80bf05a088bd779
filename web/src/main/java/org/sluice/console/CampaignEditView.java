package org.sluice.console;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.sluice.campaign.boundary.CampaignDraft;
import org.sluice.campaign.boundary.CampaignException;
import org.sluice.campaign.boundary.CampaignPreviews;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.campaign.boundary.MessagePreview;
import org.sluice.campaign.entity.Campaign;
import org.sluice.mta.boundary.MtaRegistry;
import org.sluice.mta.entity.Mta;
import org.sluice.refusal.RequestRefusedException.Kind;
import org.sluice.sending.boundary.CampaignRemoval;
import org.sluice.sending.boundary.TestSends;

/**
 * Creating or editing a campaign, with a live preview of the message for a chosen recipient and a test send to
 * the operator's own address.
 */
@Named
@ViewScoped
public class CampaignEditView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private Campaigns campaigns;

    @EJB
    private CampaignPreviews previews;

    @EJB
    private TestSends testSends;

    @EJB
    private CampaignRemoval removal;

    @EJB
    private MtaRegistry mtas;

    private String idParameter;
    private Long id;
    private String name;
    private String from;
    private String replyTo;
    private String subject = "News for {{name}}";
    private String textTemplate = "Hello {{name}},\n\n...";
    private String htmlTemplate = "<p>Hello {{name}},</p>\n<p>...</p>";
    private List<String> pool = new ArrayList<>(List.of(MtaRegistry.DEFAULT_MTA));
    // A new campaign starts with the API's defaults.
    private int chunkSize = Campaign.DEFAULT_CHUNK_SIZE;
    private int connections = Campaign.DEFAULT_CONNECTIONS;
    private int waitDeadlineSeconds = Campaign.DEFAULT_WAIT_DEADLINE_SECONDS;
    private String status = "new";
    private String previewFor;
    private MessagePreview preview;
    private String testAddress;

    /**
     * Called once the view parameter is set: loads the campaign being edited. Without an id the page makes a new
     * one; an id that is not a number or names no campaign answers 404.
     */
    public void load() {
        boolean postback = FacesContext.getCurrentInstance().isPostback();
        if (!postback && id == null && idParameter != null && !idParameter.isBlank()) {
            NotFound.respond(ConsoleText.message("campaign.notFound", idParameter));
            return;
        }
        if (id == null || postback) {
            if (preview == null) {
                renderPreview();
            }
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
        name = c.getName();
        from = c.getFromAddress();
        replyTo = c.getReplyTo();
        subject = c.getSubjectTemplate();
        textTemplate = c.getTextTemplate();
        htmlTemplate = c.getHtmlTemplate();
        pool = new ArrayList<>(c.getMtas().stream().map(Mta::getName).toList());
        chunkSize = c.getChunkSize();
        connections = c.getConnections();
        waitDeadlineSeconds = c.getWaitDeadlineSeconds();
        status = c.getStatus().name();
        renderPreview();
    }

    public String save() {
        if (pool == null || pool.isEmpty()) {
            Feedback.error("campaign.chooseMta");
            return null;
        }
        CampaignDraft draft = new CampaignDraft(
                name,
                from,
                replyTo,
                subject,
                textTemplate,
                htmlTemplate,
                null,
                List.copyOf(pool),
                chunkSize,
                connections,
                waitDeadlineSeconds);
        Long[] saved = new Long[1];
        boolean ok = Feedback.attempt(() -> saved[0] = id == null
                ? campaigns.create(draft).getId()
                : campaigns.update(id, draft).getId());
        if (!ok) {
            return null;
        }
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
        if (id == null) {
            // A new campaign's next step is its recipients.
            Feedback.info("campaign.savedImportNext", name);
            return "/recipients.xhtml?faces-redirect=true&id=" + saved[0];
        }
        Feedback.info("campaign.saved", name);
        return "/campaign.xhtml?faces-redirect=true&id=" + saved[0];
    }

    /** A new draft with this campaign's saved settings and templates, opened for editing. */
    public String copy() {
        Long[] copied = new Long[1];
        if (!Feedback.attempt(() -> copied[0] = campaigns.copy(id, null).getId())) {
            return null;
        }
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
        Feedback.info("campaign.copied", name);
        return "/campaign.xhtml?faces-redirect=true&id=" + copied[0];
    }

    /** Deletes the campaign with its recipients (confirmed in the page) and goes back to the list. */
    public String delete() {
        if (!Feedback.attempt(() -> removal.delete(id))) {
            return null;
        }
        FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
        Feedback.info("campaign.deleted", name);
        return "/campaigns.xhtml?faces-redirect=true";
    }

    public long getSentCount() {
        return id == null ? 0 : campaigns.counts(id).sent();
    }

    public long getRecipientCount() {
        return id == null ? 0 : campaigns.counts(id).total();
    }

    /** Re-rendered as the operator types (the form's templates, not the saved ones). */
    public void renderPreview() {
        if (id == null) {
            preview = null;
            return;
        }
        preview = previews.preview(id, previewFor, subject, textTemplate, htmlTemplate);
    }

    public void sendTest() {
        if (Feedback.attempt(() -> {
            String reply = testSends.send(id, testAddress, previewFor, subject, textTemplate, htmlTemplate);
            Feedback.info("campaign.testSent", testAddress.strip(), reply);
        })) {
            testAddress = null;
        }
    }

    public List<String> getMtaNames() {
        return mtas.all().stream().map(Mta::getName).sorted().toList();
    }

    public boolean isEditable() {
        return !status.equals("SENDING") && !status.equals("WAITING_FOR_MTA");
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

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getReplyTo() {
        return replyTo;
    }

    public void setReplyTo(String replyTo) {
        this.replyTo = replyTo;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getTextTemplate() {
        return textTemplate;
    }

    public void setTextTemplate(String textTemplate) {
        this.textTemplate = textTemplate;
    }

    public String getHtmlTemplate() {
        return htmlTemplate;
    }

    public void setHtmlTemplate(String htmlTemplate) {
        this.htmlTemplate = htmlTemplate;
    }

    public List<String> getPool() {
        return pool;
    }

    public void setPool(List<String> pool) {
        this.pool = pool;
    }

    public int getChunkSize() {
        return chunkSize;
    }

    public void setChunkSize(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    public int getConnections() {
        return connections;
    }

    public void setConnections(int connections) {
        this.connections = connections;
    }

    public int getWaitDeadlineSeconds() {
        return waitDeadlineSeconds;
    }

    public void setWaitDeadlineSeconds(int waitDeadlineSeconds) {
        this.waitDeadlineSeconds = waitDeadlineSeconds;
    }

    public String getStatus() {
        return status;
    }

    public String getPreviewFor() {
        return previewFor;
    }

    public void setPreviewFor(String previewFor) {
        this.previewFor = previewFor;
    }

    public MessagePreview getPreview() {
        return preview;
    }

    public String getTestAddress() {
        return testAddress;
    }

    public void setTestAddress(String testAddress) {
        this.testAddress = testAddress;
    }
}
