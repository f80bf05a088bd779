package org.sluice.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sluice.bounce.boundary.BounceFetch;
import org.sluice.bounce.boundary.BounceFetcher;
import org.sluice.bounce.boundary.BounceMailboxException;
import org.sluice.bounce.boundary.Bounces;
import org.sluice.bounce.entity.Bounce;
import org.sluice.security.Roles;

/** The bounce mailbox: fetch now (the schedule does it every minute), and the bounces recorded per campaign. */
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
@Tag(name = "bounces", description = "The bounce mailbox and the bounces recorded per campaign")
@Path("bounces")
@Produces(MediaType.APPLICATION_JSON)
public class BounceResource {

    @EJB
    private BounceFetcher fetcher;

    @EJB
    private Bounces bounces;

    @Context
    private UriInfo uri;

    /** One pass over the bounce mailbox now; answers what it did. */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @APIResponse(responseCode = "409", description = "No bounce mailbox is configured")
    @APIResponse(
            responseCode = "502",
            description = "The bounce mailbox's server failed (the detail names the mailbox and the reason)")
    @APIResponse(
            responseCode = "200",
            description = "What the pass read and did",
            content = @Content(schema = @Schema(implementation = BounceFetch.class)))
    @Operation(
            operationId = "fetchBounces",
            summary = "One pass over the bounce mailbox now (the schedule does it every minute)",
            description = "Roles: admin, operator.")
    @POST
    @Path("fetch")
    public BounceFetch fetch() {
        return fetcher.fetchNow();
    }

    @Operation(
            operationId = "listBounces",
            summary = "The bounces recorded for a campaign, newest first (offset: 0, limit: 100 by default, at most"
                    + " 1000)",
            description = "Roles: admin, operator, viewer.")
    @APIResponse(
            responseCode = "200",
            description = "The page; a Link header points to the next",
            headers =
                    @Header(
                            name = "Link",
                            description = NextPage.LINK_DESCRIPTION,
                            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = BounceView.class)))
    @GET
    public Response ofCampaign(
            @QueryParam("campaign") @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
                    String campaign,
            @QueryParam("offset") @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32"))
                    String offset,
            @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32"))
                    String limit) {
        if (campaign == null) {
            throw new BadRequestException("give the campaign: /bounces?campaign=<id>");
        }
        long campaignId = Paging.number("campaign", campaign, 0, 1, Long.MAX_VALUE);
        Paging page = Paging.of(offset, limit);
        return NextPage.offsetPage(
                bounces.ofCampaign(campaignId, page.offset(), page.limit()).stream()
                        .map(BounceView::of)
                        .toList(),
                page,
                uri);
    }

    public record BounceView(
            long recipientId,
            String kind,
            String action,
            String status,
            String diagnostic,
            String finalRecipient,
            String matchedBy,
            Instant receivedAt) {
        static BounceView of(Bounce b) {
            return new BounceView(
                    b.getRecipientId(),
                    b.getKind().name(),
                    b.getAction(),
                    b.getStatus(),
                    b.getDiagnostic(),
                    b.getFinalRecipient(),
                    b.getMatchedBy(),
                    b.getReceivedAt());
        }
    }

    /** The mailbox server failed or refused us: a gateway's error, with which mailbox and why. */
    @Provider
    public static class MailboxExceptionMapper implements ExceptionMapper<BounceMailboxException> {
        @Override
        public Response toResponse(BounceMailboxException e) {
            return ApiErrors.response(Response.Status.BAD_GATEWAY, e.getMessage());
        }
    }
}
