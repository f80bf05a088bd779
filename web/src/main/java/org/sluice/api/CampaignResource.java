package org.sluice.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sluice.campaign.boundary.CampaignDraft;
import org.sluice.campaign.boundary.CampaignPreviews;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.campaign.boundary.Incidents;
import org.sluice.campaign.boundary.MessagePreview;
import org.sluice.campaign.entity.Campaign;
import org.sluice.campaign.entity.Incident;
import org.sluice.history.RatePoint;
import org.sluice.history.SendHistory;
import org.sluice.importing.boundary.ImportProgress;
import org.sluice.importing.boundary.RecipientImports;
import org.sluice.recipient.boundary.RecipientBrowser;
import org.sluice.recipient.boundary.RecipientTableRow;
import org.sluice.recipient.boundary.RejectedRows;
import org.sluice.recipient.entity.RecipientState;
import org.sluice.security.Roles;
import org.sluice.sending.boundary.CampaignProgress;
import org.sluice.sending.boundary.CampaignSender;
import org.sluice.sending.boundary.SendCheckpoint;
import org.sluice.sending.boundary.TestSends;
import org.sluice.slice.boundary.SendSlices;
import org.sluice.slice.control.SliceView;

/** Campaigns: create, import recipients, start / stop / restart, and watch progress. */
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
@Tag(name = "campaigns", description = "Campaigns: create, import recipients, send, stop, restart, progress")
@Path("campaigns")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignResource {

    @EJB
    private Incidents incidents;

    @EJB
    private Campaigns campaigns;

    @EJB
    private CampaignSender sender;

    @EJB
    private RecipientImports imports;

    @EJB
    private RejectedRows rejections;

    @EJB
    private RecipientBrowser browser;

    @EJB
    private CampaignPreviews previews;

    @EJB
    private TestSends testSends;

    @EJB
    private SendHistory history;

    @EJB
    private SendSlices slices;

    /** Templates being edited, and whose merge fields fill them (blank: the first recipient). */
    public record PreviewRequest(String recipient, String subject, String textTemplate, String htmlTemplate) {}

    /** A test copy: where to, whose merge fields, and the templates (null: the saved ones). */
    public record TestSendRequest(
            String to, String recipient, String subject, String textTemplate, String htmlTemplate) {}

    /** The MTA's reply to a test copy. */
    public record TestSendReply(String to, String reply) {}

    @Operation(
            summary = "A page of the campaigns, newest first, with their settings and counts (offset: 0, limit: 100"
                    + " by default, at most 1000)",
            description = "Roles: admin, operator, viewer.")
    @GET
    public List<CampaignSummary> list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        Paging page = Paging.of(offset, limit);
        return campaigns.page(page.offset(), page.limit()).stream()
                .map(c -> CampaignSummary.of(c, campaigns.counts(c.getId())))
                .toList();
    }

    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(
            summary = "Create a campaign (Mustache templates, MTA pool, chunk size, connections, wait deadline)",
            description = "Roles: admin, operator.")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CampaignDraft draft) {
        ApiErrors.requireBody(draft);
        Campaign campaign = campaigns.create(draft);
        return Response.created(URI.create("campaigns/" + campaign.getId()))
                .entity(CampaignSummary.of(campaign, campaigns.counts(campaign.getId())))
                .build();
    }

    @Operation(
            summary = "A campaign's status, counts, job execution and rate",
            description = "Roles: admin, operator, viewer.")
    @GET
    @Path("{id}")
    public CampaignProgress progress(@PathParam("id") long id) {
        return sender.progress(id);
    }

    /** Upload a CSV (header row with an "email" column); the import runs as a batch job. */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(
            summary = "Import recipients from an uploaded CSV (header row with an email column); runs as a batch job",
            description = "Roles: admin, operator.")
    @POST
    @Path("{id}/recipients")
    @Consumes({"text/csv", MediaType.APPLICATION_OCTET_STREAM})
    public Response importCsv(@PathParam("id") long id, InputStream csv) {
        long execution = imports.importCsv(id, csv);
        return Response.accepted(imports.progress(id, execution)).build();
    }

    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(
            summary = "Import recipients from a SELECT on a registered import source (GET /import-sources)",
            description =
                    "Roles: admin, operator. One plain SELECT; functions with side effects, several statements and"
                            + " data-change tables are refused with 400.")
    @POST
    @Path("{id}/recipients/query")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response importQuery(@PathParam("id") long id, QueryImport request) {
        ApiErrors.requireBody(request);
        long execution = imports.importQuery(id, request.source(), request.query());
        return Response.accepted(imports.progress(id, execution)).build();
    }

    @Operation(
            summary = "An import's progress: imported, suppressed, rejected, duplicates, batch status",
            description = "Roles: admin, operator, viewer.")
    @GET
    @Path("{id}/imports/{execution}")
    public ImportProgress importProgress(@PathParam("id") long id, @PathParam("execution") long execution) {
        return imports.progress(id, execution);
    }

    /** Rows an import did not take, with line numbers and reasons. */
    @Operation(
            summary = "Rows an import did not take, with line number and reason (limit: 1000 by default, at most"
                    + " 10000)",
            description = "Roles: admin, operator, viewer.")
    @GET
    @Path("{id}/rejections")
    public List<RejectedRowView> rejections(@PathParam("id") long id, @QueryParam("limit") String limit) {
        int rows = Paging.of("offset", null, "limit", limit, 1000, 10_000).limit();
        return rejections.rejections(id, rows).stream().map(RejectedRowView::of).toList();
    }

    /** Which server sends which part of the campaign. */
    @Operation(
            summary = "The campaign's send slices: the id range of each, its state (OPEN, RETRY, DONE), the node that"
                    + " claimed it last and whether a node holds it now",
            description = "Roles: admin, operator, viewer. In a cluster, shows which node sends which part.")
    @GET
    @Path("{id}/slices")
    public List<SliceView> slices(@PathParam("id") long id) {
        campaigns.get(id); // 404 for an unknown campaign
        return slices.list(id);
    }

    /** Why the campaign's send job stopped on its own (newest first), with each MTA's status and the restart point. */
    @Operation(
            summary = "Why the send job stopped on its own (MTA_OVERLOADED), newest first (offset: 0, limit: 100 by"
                    + " default, at most 1000)",
            description = "Roles: admin, operator, viewer.")
    @GET
    @Path("{id}/incidents")
    public List<Incident> incidents(
            @PathParam("id") long id, @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        Paging page = Paging.of(offset, limit);
        return incidents.of(id, page.offset(), page.limit());
    }

    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "Validate the campaign and start sending", description = "Roles: admin, operator.")
    @POST
    @Path("{id}/send")
    public Response send(@PathParam("id") long id) {
        sender.start(id);
        return Response.accepted(sender.progress(id)).build();
    }

    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "Stop at the end of the current chunk", description = "Roles: admin, operator.")
    @POST
    @Path("{id}/stop")
    public Response stop(@PathParam("id") long id) {
        sender.stop(id);
        return Response.accepted(sender.progress(id)).build();
    }

    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(
            summary = "Resume a stopped or failed campaign from its checkpoints",
            description = "Roles: admin, operator.")
    @POST
    @Path("{id}/restart")
    public Response restart(@PathParam("id") long id) {
        sender.restart(id);
        return Response.accepted(sender.progress(id)).build();
    }

    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(
            summary =
                    "Change a campaign that is not being sent (the next start or restart uses it for whoever is still to be mailed)",
            description = "Roles: admin, operator.")
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public CampaignSummary update(@PathParam("id") long id, CampaignDraft draft) {
        ApiErrors.requireBody(draft);
        Campaign campaign = campaigns.update(id, draft);
        return CampaignSummary.of(campaign, campaigns.counts(id));
    }

    @Operation(
            summary =
                    "The saved templates rendered for a recipient (blank: the first); an unknown field is named in 'problem'",
            description = "Roles: admin, operator, viewer.")
    @GET
    @Path("{id}/preview")
    public MessagePreview preview(@PathParam("id") long id, @QueryParam("recipient") String recipient) {
        Campaign campaign = campaigns.get(id);
        return previews.preview(
                id, recipient, campaign.getSubjectTemplate(), campaign.getTextTemplate(), campaign.getHtmlTemplate());
    }

    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(
            summary = "Templates being edited rendered for a recipient, before they are saved",
            description = "Roles: admin, operator.")
    @POST
    @Path("{id}/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    public MessagePreview previewEdited(@PathParam("id") long id, PreviewRequest request) {
        ApiErrors.requireBody(request);
        return previews.preview(
                id, request.recipient(), request.subject(), request.textTemplate(), request.htmlTemplate());
    }

    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(
            summary =
                    "Send one test copy (subject prefixed [Test]) to an address, with a recipient's merge fields; nobody's state changes",
            description = "Roles: admin, operator.")
    @POST
    @Path("{id}/test-send")
    @Consumes(MediaType.APPLICATION_JSON)
    public TestSendReply testSend(@PathParam("id") long id, TestSendRequest request) {
        ApiErrors.requireBody(request);
        Campaign campaign = campaigns.get(id);
        String reply = testSends.send(
                id,
                request.to(),
                request.recipient(),
                request.subject() != null ? request.subject() : campaign.getSubjectTemplate(),
                request.textTemplate() != null ? request.textTemplate() : campaign.getTextTemplate(),
                request.htmlTemplate() != null ? request.htmlTemplate() : campaign.getHtmlTemplate());
        return new TestSendReply(request.to() == null ? null : request.to().strip(), reply);
    }

    @Operation(
            summary = "A page of recipients in id order, by keyset: after=the last id of the previous page (0 first),"
                    + " max: 100 by default, at most 500; optional state",
            description = "Roles: admin, operator, viewer.")
    @GET
    @Path("{id}/recipients")
    public List<RecipientTableRow> recipientPage(
            @PathParam("id") long id,
            @QueryParam("state") RecipientState state,
            @QueryParam("after") String after,
            @QueryParam("max") String max) {
        long afterId = Paging.number("after", after, 0, 0, Long.MAX_VALUE);
        int rows = Paging.of("offset", null, "max", max, 100, 500).limit();
        campaigns.get(id);
        return browser.page(id, state, afterId, 0, rows);
    }

    @Operation(
            summary =
                    "Where a restart resumes: chunks committed by the latest run and the first recipient still to be mailed",
            description = "Roles: admin, operator, viewer.")
    @GET
    @Path("{id}/checkpoint")
    public SendCheckpoint checkpoint(@PathParam("id") long id) {
        return sender.checkpoint(id);
    }

    @Operation(
            summary = "The campaign's send rate over the last hour (a point every 5 s), oldest first",
            description = "Roles: admin, operator, viewer.")
    @GET
    @Path("{id}/rates")
    public List<RatePoint> rates(@PathParam("id") long id) {
        campaigns.get(id);
        return history.rates(id);
    }
}
