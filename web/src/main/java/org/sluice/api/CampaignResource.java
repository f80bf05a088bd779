package org.sluice.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonObject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URI;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
import org.sluice.sending.boundary.CampaignRemoval;
import org.sluice.sending.boundary.CampaignSchedules;
import org.sluice.sending.boundary.CampaignSender;
import org.sluice.sending.boundary.SendCheckpoint;
import org.sluice.sending.boundary.SendingWindows;
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

    @EJB
    private CampaignRemoval removal;

    @EJB
    private CampaignSchedules schedules;

    @EJB
    private SendingWindows windows;

    @Context
    private UriInfo uri;

    /** Templates being edited, and whose merge fields fill them (blank: the first recipient). */
    public record PreviewRequest(String recipient, String subject, String textTemplate, String htmlTemplate) {}

    /** A test copy: where to, whose merge fields, and the templates (null: the saved ones). */
    @Schema(requiredProperties = "to")
    public record TestSendRequest(
            String to, String recipient, String subject, String textTemplate, String htmlTemplate) {}

    /** The MTA's reply to a test copy. */
    public record TestSendReply(String to, String reply) {}

    @Operation(
            operationId = "listCampaigns",
            summary = "A page of the campaigns, newest first, with their settings and counts (offset: 0, limit: 100"
                    + " by default, at most 1000)",
            description = "Roles: admin, operator, viewer.")
    @APIResponse(
            responseCode = "200",
            description = "The page; a Link header points to the next",
            headers =
                    @Header(
                            name = "Link",
                            description = NextPage.LINK_DESCRIPTION,
                            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = CampaignSummary.class)))
    @GET
    public Response list(
            @QueryParam("offset") @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32"))
                    String offset,
            @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32"))
                    String limit) {
        Paging page = Paging.of(offset, limit);
        return NextPage.offsetPage(
                campaigns.page(page.offset(), page.limit()).stream()
                        .map(c -> CampaignSummary.of(c, campaigns.counts(c.getId())))
                        .toList(),
                page,
                uri);
    }

    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @APIResponse(
            responseCode = "201",
            description = "The campaign, with its Location",
            headers =
                    @Header(
                            name = "Location",
                            description = "the new campaign",
                            schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(schema = @Schema(implementation = CampaignSummary.class)))
    @APIResponse(responseCode = "422", description = "An MTA name no MTA has in the campaign's pool")
    @Operation(
            operationId = "createCampaign",
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
            operationId = "getCampaign",
            summary = "A campaign in full: its settings and templates, status, counts, job execution and rate",
            description = "Roles: admin, operator, viewer.")
    @GET
    @Path("{id}")
    public CampaignDetails details(@PathParam("id") long id) {
        CampaignProgress progress = sender.progress(id);
        return CampaignDetails.of(campaigns.get(id), progress);
    }

    /** Upload a CSV (header row with an "email" column); the import runs as a batch job. */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @APIResponse(
            responseCode = "202",
            description = "Accepted: the import's progress",
            headers =
                    @Header(
                            name = "Location",
                            description = "the import's progress",
                            schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(schema = @Schema(implementation = ImportProgress.class)))
    @APIResponse(responseCode = "409", description = "The campaign was started, or another import runs")
    @Operation(
            operationId = "importRecipientsCsv",
            summary = "Import recipients from an uploaded CSV (header row with an email column); runs as a batch job",
            description = "Roles: admin, operator.")
    @POST
    @Path("{id}/recipients")
    @Consumes({"text/csv", MediaType.APPLICATION_OCTET_STREAM})
    public Response importCsv(
            @PathParam("id") long id,
            @RequestBody(
                            required = true,
                            description = "CSV, UTF-8, RFC 4180, with a header row naming an email column",
                            content = {
                                @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
                                @Content(
                                        mediaType = MediaType.APPLICATION_OCTET_STREAM,
                                        schema = @Schema(type = SchemaType.STRING, format = "binary"))
                            })
                    InputStream csv) {
        long execution = imports.importCsv(id, csv);
        return importAccepted(id, execution);
    }

    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @APIResponse(
            responseCode = "202",
            description = "Accepted: the import's progress",
            headers =
                    @Header(
                            name = "Location",
                            description = "the import's progress",
                            schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(schema = @Schema(implementation = ImportProgress.class)))
    @APIResponse(responseCode = "409", description = "The campaign was started, or another import runs")
    @Operation(
            operationId = "importRecipientsQuery",
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
        return importAccepted(id, execution);
    }

    @Operation(
            operationId = "getImportProgress",
            summary = "An import's progress: imported, suppressed, rejected, duplicates, batch status",
            description = "Roles: admin, operator, viewer.")
    @GET
    @Path("{id}/imports/{execution}")
    public ImportProgress importProgress(@PathParam("id") long id, @PathParam("execution") long execution) {
        return imports.progress(id, execution);
    }

    /** Rows an import did not take, with line numbers and reasons. */
    @Operation(
            operationId = "listRejections",
            summary = "Rows an import did not take, with line number and reason, by import and line (offset: 0,"
                    + " limit: 1000 by default, at most 10000)",
            description = "Roles: admin, operator, viewer.")
    @APIResponse(
            responseCode = "200",
            description = "The page; a Link header points to the next",
            headers =
                    @Header(
                            name = "Link",
                            description = NextPage.LINK_DESCRIPTION,
                            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = RejectedRowView.class)))
    @GET
    @Path("{id}/rejections")
    public Response rejections(
            @PathParam("id") long id,
            @QueryParam("offset") @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32"))
                    String offset,
            @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32"))
                    String limit) {
        Paging page = Paging.of("offset", offset, "limit", limit, 1000, 10_000);
        campaigns.get(id);
        return NextPage.offsetPage(
                rejections.rejections(id, page.offset(), page.limit()).stream()
                        .map(RejectedRowView::of)
                        .toList(),
                page,
                uri);
    }

    /** Which server sends which part of the campaign. */
    @Operation(
            operationId = "listSendSlices",
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
            operationId = "listIncidents",
            summary = "Why the send job stopped on its own (MTA_OVERLOADED), newest first (offset: 0, limit: 100 by"
                    + " default, at most 1000)",
            description = "Roles: admin, operator, viewer.")
    @APIResponse(
            responseCode = "200",
            description = "The page; a Link header points to the next",
            headers =
                    @Header(
                            name = "Link",
                            description = NextPage.LINK_DESCRIPTION,
                            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Incident.class)))
    @GET
    @Path("{id}/incidents")
    public Response incidents(
            @PathParam("id") long id,
            @QueryParam("offset") @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32"))
                    String offset,
            @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32"))
                    String limit) {
        Paging page = Paging.of(offset, limit);
        return NextPage.offsetPage(incidents.of(id, page.offset(), page.limit()), page, uri);
    }

    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @APIResponse(
            responseCode = "202",
            description = "Accepted: the campaign",
            headers =
                    @Header(
                            name = "Location",
                            description = "the campaign",
                            schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(schema = @Schema(implementation = CampaignDetails.class)))
    @APIResponse(
            responseCode = "409",
            description =
                    "It cannot be sent (an unknown merge field, no enabled MTA), an import runs, or it was started")
    @Operation(
            operationId = "startCampaign",
            summary = "Validate the campaign and start sending",
            description = "Roles: admin, operator.")
    @POST
    @Path("{id}/send")
    public Response send(@PathParam("id") long id) {
        sender.start(id);
        return accepted(id);
    }

    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @APIResponse(
            responseCode = "202",
            description = "Accepted: the campaign",
            headers =
                    @Header(
                            name = "Location",
                            description = "the campaign",
                            schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(schema = @Schema(implementation = CampaignDetails.class)))
    @APIResponse(responseCode = "409", description = "The campaign is not being sent")
    @Operation(
            operationId = "stopCampaign",
            summary = "Stop at the end of the current chunk",
            description = "Roles: admin, operator.")
    @POST
    @Path("{id}/stop")
    public Response stop(@PathParam("id") long id) {
        sender.stop(id);
        return accepted(id);
    }

    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @APIResponse(
            responseCode = "202",
            description = "Accepted: the campaign",
            headers =
                    @Header(
                            name = "Location",
                            description = "the campaign",
                            schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(schema = @Schema(implementation = CampaignDetails.class)))
    @APIResponse(
            responseCode = "409",
            description = "The campaign cannot be restarted now, or another restart races this one")
    @Operation(
            operationId = "restartCampaign",
            summary = "Resume a stopped or failed campaign from its checkpoints",
            description = "Roles: admin, operator.")
    @POST
    @Path("{id}/restart")
    public Response restart(@PathParam("id") long id) {
        sender.restart(id);
        return accepted(id);
    }

    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @APIResponse(responseCode = "409", description = "The campaign is being sent")
    @APIResponse(responseCode = "422", description = "An MTA name no MTA has in the campaign's pool")
    @APIResponse(
            responseCode = "200",
            description = "The campaign",
            content = @Content(schema = @Schema(implementation = CampaignSummary.class)))
    @Operation(
            operationId = "replaceCampaign",
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

    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @APIResponse(responseCode = "409", description = "The campaign is being sent")
    @APIResponse(responseCode = "422", description = "An MTA name no MTA has in the campaign's pool")
    @APIResponse(
            responseCode = "200",
            description = "The campaign in full",
            content = @Content(schema = @Schema(implementation = CampaignDetails.class)))
    @Operation(
            operationId = "patchCampaign",
            summary = "Change some of a campaign's settings (RFC 7396 merge patch: the properties given replace the"
                    + " campaign's, null clears one) while it is not being sent",
            description = "Roles: admin, operator.")
    @PATCH
    @Path("{id}")
    @Consumes({CampaignPatch.MERGE_PATCH_JSON, MediaType.APPLICATION_JSON})
    public CampaignDetails patch(
            @PathParam("id") long id,
            @RequestBody(
                            required = true,
                            content = {
                                @Content(
                                        mediaType = CampaignPatch.MERGE_PATCH_JSON,
                                        schema = @Schema(ref = "CampaignMergePatch")),
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON,
                                        schema = @Schema(ref = "CampaignMergePatch"))
                            })
                    JsonObject patch) {
        ApiErrors.requireBody(patch);
        campaigns.update(id, CampaignPatch.apply(campaigns.get(id), patch));
        return details(id);
    }

    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @APIResponse(responseCode = "409", description = "The campaign is being sent or an import runs")
    @Operation(
            operationId = "deleteCampaign",
            summary = "Delete a campaign with its recipients, delivery records, bounces, rejected rows and incidents"
                    + " (the suppression list keeps its entries); refused with 409 while it is sent or importing",
            description = "Roles: admin, operator.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        removal.delete(id);
        return Response.noContent().build();
    }

    /** When to start: local date and time (2026-12-08T09:00) in a time zone, and optionally the latest start. */
    @Schema(requiredProperties = {"startAt", "timeZone"})
    public record ScheduleRequest(String startAt, String timeZone, String notAfter) {}

    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @APIResponse(responseCode = "409", description = "The campaign was started")
    @APIResponse(
            responseCode = "422",
            description = "A past start, an unknown time zone, or notAfter not after startAt")
    @APIResponse(
            responseCode = "200",
            description = "The campaign in full, with its schedule",
            content = @Content(schema = @Schema(implementation = CampaignDetails.class)))
    @Operation(
            operationId = "scheduleCampaign",
            summary = "Schedule (or move) the start of a draft: startAt and the optional notAfter are local date and"
                    + " times in timeZone (e.g. {\"startAt\": \"2026-12-08T09:00\", \"timeZone\": \"Asia/Seoul\"})",
            description = "Roles: admin, operator. A schedule that comes due after notAfter (the server was down) is"
                    + " dropped with a note instead of starting late. 422 for a past start, an unknown zone or"
                    + " notAfter before startAt; 409 for a campaign that was started.")
    @PUT
    @Path("{id}/schedule")
    @Consumes(MediaType.APPLICATION_JSON)
    public CampaignDetails schedule(@PathParam("id") long id, ScheduleRequest request) {
        ApiErrors.requireBody(request);
        schedules.schedule(
                id,
                localDateTime("startAt", request.startAt()),
                request.timeZone(),
                localDateTime("notAfter", request.notAfter()));
        return details(id);
    }

    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(
            operationId = "unscheduleCampaign",
            summary = "Cancel the campaign's scheduled start",
            description = "Roles: admin, operator.")
    @APIResponse(responseCode = "204", description = "Cancelled")
    @DELETE
    @Path("{id}/schedule")
    public Response unschedule(@PathParam("id") long id) {
        if (!schedules.cancel(id)) {
            return ApiErrors.response(Response.Status.NOT_FOUND, "campaign " + id + " has no scheduled start");
        }
        return Response.noContent().build();
    }

    /** When the campaign may send: days (MON ... SUN), local from and until (HH:mm), and the time zone. */
    @Schema(requiredProperties = {"days", "from", "until", "timeZone"})
    public record SendingWindowRequest(
            @Schema(type = SchemaType.ARRAY, implementation = Weekday.class)
            List<String> days,

            String from,
            String until,
            String timeZone) {}

    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @APIResponse(responseCode = "409", description = "The campaign is completed")
    @APIResponse(responseCode = "422", description = "An unknown day or time zone, or a time that is not HH:mm")
    @APIResponse(
            responseCode = "200",
            description = "The campaign in full, with its sending window",
            content = @Content(schema = @Schema(implementation = CampaignDetails.class)))
    @Operation(
            operationId = "setSendingWindow",
            summary = "Set (or replace) the campaign's sending window, e.g. {\"days\": [\"MON\", \"TUE\", \"WED\","
                    + " \"THU\", \"FRI\"], \"from\": \"08:00\", \"until\": \"20:00\", \"timeZone\":"
                    + " \"Asia/Seoul\"}",
            description = "Roles: admin, operator. Outside the window the campaign waits (WAITING_FOR_WINDOW, with"
                    + " waitingReason saying when it resumes) and resumes by itself when it opens; a send under way"
                    + " stops at its checkpoints within about 10 s of the window closing. until not after from is an"
                    + " overnight window (22:00-06:00 ends the next morning); equal times are the whole day.")
    @PUT
    @Path("{id}/sending-window")
    @Consumes(MediaType.APPLICATION_JSON)
    public CampaignDetails setSendingWindow(@PathParam("id") long id, SendingWindowRequest request) {
        ApiErrors.requireBody(request);
        windows.set(id, request.days(), request.from(), request.until(), request.timeZone());
        return details(id);
    }

    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(
            operationId = "removeSendingWindow",
            summary = "Remove the campaign's sending window: it may send at any time (a waiting campaign resumes"
                    + " within about 10 s)",
            description = "Roles: admin, operator.")
    @APIResponse(responseCode = "204", description = "Removed")
    @DELETE
    @Path("{id}/sending-window")
    public Response removeSendingWindow(@PathParam("id") long id) {
        if (!windows.remove(id)) {
            return ApiErrors.response(Response.Status.NOT_FOUND, "campaign " + id + " has no sending window");
        }
        return Response.noContent().build();
    }

    private static LocalDateTime localDateTime(String property, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
            throw new BadRequestException(ApiErrors.response(
                    Response.Status.BAD_REQUEST,
                    "property '" + property + "' must be a local date and time such as 2026-12-08T09:00, not '"
                            + shown.replaceAll("\\p{Cntrl}", "?") + "'"));
        }
    }

    /** The name of a copy; none or blank: "Copy of ...". */
    public record CopyRequest(String name) {}

    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(
            operationId = "copyCampaign",
            summary = "A new draft with this campaign's settings, templates and MTA pool and no recipients; body"
                    + " {\"name\": ...} or {} for \"Copy of ...\"",
            description = "Roles: admin, operator.")
    @APIResponse(
            responseCode = "201",
            description = "The copy, with its Location",
            headers =
                    @Header(
                            name = "Location",
                            description = "the copy",
                            schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(schema = @Schema(implementation = CampaignSummary.class)))
    @POST
    @Path("{id}/copy")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response copy(@PathParam("id") long id, CopyRequest request) {
        ApiErrors.requireBody(request);
        Campaign copy = campaigns.copy(id, request.name());
        return Response.created(URI.create("campaigns/" + copy.getId()))
                .entity(CampaignSummary.of(copy, campaigns.counts(copy.getId())))
                .build();
    }

    @Operation(
            operationId = "previewCampaign",
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
            operationId = "previewTemplates",
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
    @APIResponse(
            responseCode = "409",
            description = "The campaign cannot be sent (an unknown merge field, no enabled MTA)")
    @APIResponse(responseCode = "422", description = "The address to send to is not an address")
    @APIResponse(
            responseCode = "200",
            description = "The MTA's reply",
            content = @Content(schema = @Schema(implementation = TestSendReply.class)))
    @Operation(
            operationId = "sendTestCopy",
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
            operationId = "listRecipients",
            summary = "A page of recipients in id order, by keyset: after=the last id of the previous page (0 first),"
                    + " limit: 100 by default, at most 500; optional state",
            description = "Roles: admin, operator, viewer.")
    @APIResponse(
            responseCode = "200",
            description = "The page; a Link header points to the next",
            headers =
                    @Header(
                            name = "Link",
                            description = NextPage.LINK_DESCRIPTION,
                            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = RecipientTableRow.class)))
    @GET
    @Path("{id}/recipients")
    public Response recipientPage(
            @PathParam("id") long id,
            @QueryParam("state") RecipientState state,
            @QueryParam("after") @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int64")) String after,
            @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32"))
                    String limit) {
        long afterId = Paging.number("after", after, 0, 0, Long.MAX_VALUE);
        int rows = Paging.of("offset", null, "limit", limit, 100, 500).limit();
        campaigns.get(id);
        return NextPage.keysetPage(browser.page(id, state, afterId, 0, rows), rows, RecipientTableRow::id, uri);
    }

    @Operation(
            operationId = "getCheckpoint",
            summary =
                    "Where a restart resumes: chunks committed by the latest run and the first recipient still to be mailed",
            description = "Roles: admin, operator, viewer.")
    @GET
    @Path("{id}/checkpoint")
    public SendCheckpoint checkpoint(@PathParam("id") long id) {
        return sender.checkpoint(id);
    }

    @Operation(
            operationId = "getSendRates",
            summary = "The campaign's send rate over the last hour (a point every 5 s), oldest first",
            description = "Roles: admin, operator, viewer.")
    @GET
    @Path("{id}/rates")
    public List<RatePoint> rates(@PathParam("id") long id) {
        campaigns.get(id);
        return history.rates(id);
    }

    /** 202 with the campaign in full and where to follow it. */
    private Response accepted(long id) {
        return Response.accepted(details(id))
                .location(URI.create("campaigns/" + id))
                .build();
    }

    private Response importAccepted(long id, long execution) {
        return Response.accepted(imports.progress(id, execution))
                .location(URI.create("campaigns/" + id + "/imports/" + execution))
                .build();
    }
}
