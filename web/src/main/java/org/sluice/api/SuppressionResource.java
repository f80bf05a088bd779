package org.sluice.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sluice.security.Roles;
import org.sluice.suppression.boundary.SuppressionImport;
import org.sluice.suppression.boundary.Suppressions;
import org.sluice.suppression.entity.Suppression;

/** The suppression list for an admin: list it, look an address up, add one (ADMIN), take one off. */
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
@Tag(name = "suppressions", description = "The suppression list: addresses never mailed again")
@Path("suppressions")
@Produces(MediaType.APPLICATION_JSON)
public class SuppressionResource {

    @EJB
    private Suppressions suppressions;

    @Context
    private UriInfo uri;

    /** An admin's addition: the address and a note. */
    @Schema(requiredProperties = "address")
    public record Addition(String address, String detail) {}

    /** Newest first; the whole list's size is in {@code X-Total-Count}. */
    @Operation(
            operationId = "listSuppressions",
            summary = "A page of the list, newest first (offset: 0, limit: 100 by default, at most 1000)",
            description = "Roles: admin, operator, viewer.")
    @APIResponse(
            responseCode = "200",
            description = "The page; a Link header points to the next",
            headers = {
                @Header(
                        name = "Link",
                        description = NextPage.LINK_DESCRIPTION,
                        schema = @Schema(type = SchemaType.STRING)),
                @Header(
                        name = "X-Total-Count",
                        description = "how many addresses the whole list holds",
                        schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
            },
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Suppression.class)))
    @GET
    public Response page(
            @QueryParam("offset") @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32"))
                    String offset,
            @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32"))
                    String limit) {
        Paging page = Paging.of(offset, limit);
        Response listed = NextPage.offsetPage(suppressions.page(page.offset(), page.limit()), page, uri);
        return Response.fromResponse(listed)
                .header("X-Total-Count", suppressions.count())
                .build();
    }

    @RolesAllowed(Roles.ADMIN)
    @APIResponse(
            responseCode = "200",
            description = "The list as CSV",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    @Operation(
            operationId = "exportSuppressions",
            summary = "The whole list as CSV (email, reason, detail, campaign_id, suppressed_at), newest first",
            description = "Roles: admin (the list is personal data).")
    @GET
    @Path("export")
    @Produces("text/csv")
    public Response export() {
        StreamingOutput csv = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            suppressions.exportCsv(writer);
            writer.flush();
        };
        return Response.ok(csv)
                .type("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"suppressions.csv\"")
                .build();
    }

    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "422", description = "No email column, malformed CSV or not UTF-8: nothing was added")
    @APIResponse(
            responseCode = "200",
            description = "What the file added",
            content = @Content(schema = @Schema(implementation = SuppressionImport.class)))
    @Operation(
            operationId = "importSuppressions",
            summary = "Put the addresses of a CSV on the list (header row naming email, optionally detail; at most"
                    + " 100,000 rows, in one transaction)",
            description = "Roles: admin. Rows whose address is not one are reported by line and skipped; addresses"
                    + " already listed keep their entry. A file without an email column adds nothing (422).")
    @POST
    @Path("import")
    @Consumes({"text/csv", MediaType.APPLICATION_OCTET_STREAM})
    public SuppressionImport importCsv(
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
        // Strict: a byte that is not UTF-8 fails the import instead of becoming U+FFFD in an address.
        return suppressions.importCsv(new InputStreamReader(
                csv,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)));
    }

    @APIResponse(
            responseCode = "200",
            description = "The entry",
            content = @Content(schema = @Schema(implementation = Suppression.class)))
    @Operation(
            operationId = "getSuppression",
            summary = "One address's entry, or 404",
            description = "Roles: admin, operator, viewer.")
    @GET
    @Path("{address}")
    public Response find(@PathParam("address") String address) {
        return suppressions.find(address).map(s -> Response.ok(s).build()).orElseGet(() -> notListed(address));
    }

    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "422", description = "The address is not an address")
    @APIResponse(
            responseCode = "200",
            description = "The entry",
            content = @Content(schema = @Schema(implementation = Suppression.class)))
    @Operation(
            operationId = "addSuppression",
            summary = "Put an address on the list (reason ADMIN)",
            description = "Roles: admin.")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Suppression add(Addition addition) {
        ApiErrors.requireBody(addition);
        return suppressions.addByAdmin(addition.address(), addition.detail());
    }

    /** The person may be mailed again by campaigns imported or sent from now on. */
    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "204", description = "Taken off the list")
    @Operation(
            operationId = "removeSuppression",
            summary = "Take an address off the list",
            description = "Roles: admin.")
    @DELETE
    @Path("{address}")
    public Response remove(@PathParam("address") String address) {
        return suppressions.remove(address) ? Response.noContent().build() : notListed(address);
    }

    private static Response notListed(String address) {
        return ApiErrors.response(Response.Status.NOT_FOUND, address + " is not on the suppression list");
    }
}
