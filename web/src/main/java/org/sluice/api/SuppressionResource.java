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
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sluice.security.Roles;
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
    public record Addition(String address, String detail) {}

    /** Newest first; the whole list's size is in {@code X-Total-Count}. */
    @Operation(
            summary = "A page of the list, newest first (offset: 0, limit: 100 by default, at most 1000)",
            description = "Roles: admin, operator, viewer.")
    @APIResponse(
            responseCode = "200",
            description = "The page; a Link header points to the next",
            headers = {
                @Header(name = "Link", description = NextPage.LINK_DESCRIPTION),
                @Header(name = "X-Total-Count", description = "how many addresses the whole list holds")
            },
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Suppression.class)))
    @GET
    public Response page(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        Paging page = Paging.of(offset, limit);
        Response listed = NextPage.offsetPage(suppressions.page(page.offset(), page.limit()), page, uri);
        return Response.fromResponse(listed)
                .header("X-Total-Count", suppressions.count())
                .build();
    }

    @Operation(summary = "One address's entry, or 404", description = "Roles: admin, operator, viewer.")
    @GET
    @Path("{address}")
    public Response find(@PathParam("address") String address) {
        return suppressions.find(address).map(s -> Response.ok(s).build()).orElseGet(() -> notListed(address));
    }

    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Put an address on the list (reason ADMIN)", description = "Roles: admin.")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Suppression add(Addition addition) {
        ApiErrors.requireBody(addition);
        return suppressions.addByAdmin(addition.address(), addition.detail());
    }

    /** The person may be mailed again by campaigns imported or sent from now on. */
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Take an address off the list", description = "Roles: admin.")
    @DELETE
    @Path("{address}")
    public Response remove(@PathParam("address") String address) {
        return suppressions.remove(address) ? Response.noContent().build() : notListed(address);
    }

    private static Response notListed(String address) {
        return ApiErrors.response(Response.Status.NOT_FOUND, address + " is not on the suppression list");
    }
}
