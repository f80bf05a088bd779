package org.sluice.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sluice.event.boundary.WebhookException;
import org.sluice.event.boundary.Webhooks;
import org.sluice.event.entity.WebhookAttempt;
import org.sluice.refusal.RequestRefusedException.Kind;
import org.sluice.security.Roles;

/** Webhooks: admins register URLs that receive events (delivered, failed, bounced, complained, unsubscribed). */
@RolesAllowed(Roles.ADMIN)
@Tag(name = "webhooks", description = "Signed event posts to receivers an admin registers")
@Path("webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    /** What registering a webhook takes: its URL and the event types it wants (all when absent). */
    public record WebhookRequest(
            @Schema(required = true, example = "https://crm.example/sluice")
            String url,

            @Schema(enumeration = {"delivered", "failed", "bounced", "complained", "unsubscribed"})
            List<String> events) {}

    /** What a webhook's PATCH may change. */
    @Schema(name = "WebhookPatch")
    public record WebhookPatch(@Schema(required = true) boolean enabled) {}

    /** One attempt to deliver a batch: the delivery log. */
    public record AttemptView(
            long batch, int events, Instant attemptedAt, Integer status, long millis, boolean delivered, String error) {

        static AttemptView of(WebhookAttempt a) {
            return new AttemptView(
                    a.getSeq(),
                    a.getEventCount(),
                    a.getAttemptedAt(),
                    a.getStatusCode(),
                    a.getMillis(),
                    a.succeeded(),
                    a.getError());
        }
    }

    @EJB
    private Webhooks webhooks;

    @Operation(
            operationId = "listWebhooks",
            summary = "Every registered webhook and how far it is",
            description = "Roles: admin.")
    @GET
    public List<WebhookView> list() {
        return webhooks.list().stream().map(WebhookView::of).toList();
    }

    @Operation(
            operationId = "registerWebhook",
            summary = "Register a webhook: {\"url\": \"https://crm.example/sluice\", \"events\": [\"delivered\","
                    + " \"bounced\"]} (events: delivered, failed, bounced, complained, unsubscribed; all when absent)",
            description = "Roles: admin. The answer carries the signing secret, shown this once. The webhook receives"
                    + " the events published from now on. 422 for a URL that is not http(s) or carries a password,"
                    + " or an unknown event type.")
    @APIResponse(
            responseCode = "201",
            description = "The webhook with its signing secret, shown this once, and its Location",
            headers =
                    @Header(
                            name = "Location",
                            description = "the new webhook",
                            schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(
            responseCode = "422",
            description = "A URL that is not http(s) or carries a user, password or fragment; an unknown event type")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(WebhookRequest request) {
        ApiErrors.requireBody(request);
        String types = request.events() == null ? null : String.join(",", request.events());
        if (request.events() != null && request.events().isEmpty()) {
            throw new WebhookException(Kind.INVALID, "events is empty: leave it out for every type");
        }
        Webhooks.Registered registered = webhooks.register(request.url(), types);
        return Response.created(URI.create("webhooks/" + registered.webhook().getId()))
                .entity(WebhookView.of(registered.webhook(), registered.secret()))
                .build();
    }

    @Operation(operationId = "getWebhook", summary = "One webhook", description = "Roles: admin.")
    @GET
    @Path("{id}")
    public WebhookView get(@PathParam("id") long id) {
        return WebhookView.of(webhooks.get(id));
    }

    @Operation(
            operationId = "patchWebhook",
            summary = "Enable or disable a webhook ({\"enabled\": false}); disabled, it keeps its place and resumes"
                    + " there when enabled",
            description = "Roles: admin.")
    @APIResponse(
            responseCode = "200",
            description = "The webhook as changed",
            content = @Content(schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "422", description = "Another property than enabled, or enabled not a boolean")
    @PATCH
    @Path("{id}")
    @Consumes({CampaignPatch.MERGE_PATCH_JSON, MediaType.APPLICATION_JSON})
    public WebhookView patch(
            @PathParam("id") long id,
            @RequestBody(required = true, content = @Content(schema = @Schema(implementation = WebhookPatch.class)))
                    JsonObject patch) {
        ApiErrors.requireBody(patch);
        for (String name : patch.keySet()) {
            if (!name.equals("enabled")) {
                throw new WebhookException(Kind.INVALID, "'" + name + "' cannot be changed: only enabled can");
            }
        }
        JsonValue enabled = patch.get("enabled");
        if (enabled == null || (enabled != JsonValue.TRUE && enabled != JsonValue.FALSE)) {
            throw new WebhookException(Kind.INVALID, "enabled must be true or false");
        }
        return WebhookView.of(webhooks.setEnabled(id, enabled == JsonValue.TRUE));
    }

    @Operation(
            operationId = "deleteWebhook",
            summary = "Remove a webhook and its delivery log",
            description = "Roles: admin.")
    @APIResponse(responseCode = "204", description = "Removed")
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        webhooks.remove(id);
        return Response.noContent().build();
    }

    @Operation(
            operationId = "listWebhookAttempts",
            summary = "The webhook's delivery log, newest first (limit: 100 by default, at most 1000)",
            description = "Roles: admin.")
    @GET
    @Path("{id}/attempts")
    public List<AttemptView> attempts(@PathParam("id") long id, @QueryParam("limit") String limit) {
        return webhooks.attempts(id, Paging.of(null, limit).limit()).stream()
                .map(AttemptView::of)
                .toList();
    }
}
