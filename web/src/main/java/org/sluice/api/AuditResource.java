package org.sluice.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sluice.audit.boundary.AuditLog;
import org.sluice.audit.entity.AuditEvent;
import org.sluice.security.Roles;

/** The audit log, read-only: who changed what, newest first. Nothing in the API changes or deletes an event. */
@RolesAllowed(Roles.ADMIN)
@Tag(name = "audit", description = "Who created, changed, started, stopped or deleted what, and when")
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private static final Set<String> TARGET_TYPES = Set.copyOf(AuditLog.TARGET_TYPES);

    @EJB
    private AuditLog audit;

    @Context
    private UriInfo uri;

    /** One change: the target before and after it as JSON (absent where the action does not change it). */
    public record AuditEventView(
            long id,
            Instant occurredAt,
            String actor,

            // Every action some boundary records (AuditLog.record's callers in ejb and batch-jobs); a new one
            // belongs here too, or a generated client cannot read the event.
            @Schema(
                    enumeration = {
                        "CREATE",
                        "UPDATE",
                        "DELETE",
                        "ADD",
                        "REMOVE",
                        "REGISTER",
                        "ENABLE",
                        "DISABLE",
                        "IMPORT",
                        "START",
                        "STOP",
                        "RESTART",
                        "SCHEDULE",
                        "UNSCHEDULE",
                        "SCHEDULE_MISSED",
                        "SCHEDULE_REFUSED",
                        "SENDING_WINDOW",
                        "WINDOW_CLOSED",
                        "WINDOW_OPENED"
                    })
            String action,

            @Schema(
                    enumeration = {
                        AuditLog.CAMPAIGN,
                        AuditLog.MTA,
                        AuditLog.SUPPRESSION,
                        AuditLog.IMPORT_SOURCE,
                        AuditLog.WEBHOOK
                    })
            String targetType,

            String target,
            JsonValue before,
            JsonValue after) {

        static AuditEventView of(AuditEvent e) {
            return new AuditEventView(
                    e.getId(),
                    e.getOccurredAt(),
                    e.getActor(),
                    e.getAction(),
                    e.getTargetType(),
                    e.getTarget(),
                    json(e.getBefore()),
                    json(e.getAfter()));
        }

        private static JsonValue json(String text) {
            if (text == null) {
                return null;
            }
            try {
                return Json.createReader(new StringReader(text)).readValue();
            } catch (JsonParsingException cut) {
                return Json.createValue(text); // longer than the column: kept as the text it is
            }
        }
    }

    @Operation(
            operationId = "listAuditEvents",
            summary = "The audit log, newest first (offset: 0, limit: 100 by default, at most 1000); targetType"
                    + " (campaign, mta, suppression, import-source) and target narrow it",
            description = "Roles: admin.")
    @APIResponse(
            responseCode = "200",
            description = "The page; a Link header points to the next",
            headers =
                    @Header(
                            name = "Link",
                            description = NextPage.LINK_DESCRIPTION,
                            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = AuditEventView.class)))
    @GET
    public Response page(
            @QueryParam("targetType")
                    @Parameter(
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {
                                                AuditLog.CAMPAIGN,
                                                AuditLog.MTA,
                                                AuditLog.SUPPRESSION,
                                                AuditLog.IMPORT_SOURCE,
                                                AuditLog.WEBHOOK
                                            }))
                    String targetType,
            @QueryParam("target") String target,
            @QueryParam("offset") @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32"))
                    String offset,
            @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32"))
                    String limit) {
        if (targetType != null && !TARGET_TYPES.contains(targetType)) {
            throw new Paging.InvalidQueryParameterException("query parameter targetType must be one of "
                    + TARGET_TYPES.stream().sorted().toList());
        }
        Paging page = Paging.of(offset, limit);
        return NextPage.offsetPage(
                audit.page(targetType, target, page.offset(), page.limit()).stream()
                        .map(AuditEventView::of)
                        .toList(),
                page,
                uri);
    }
}
