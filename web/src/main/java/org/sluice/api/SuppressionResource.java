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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
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

    /** An admin's addition: the address and a note. */
    public record Addition(String address, String detail) {}

    /** Newest first; {@code total} is the whole list's size. */
    @Operation(
            summary = "A page of the list, newest first, with the total (first: 0, max: 100 by default, at most 1000)",
            description = "Roles: admin, operator, viewer.")
    @GET
    public Map<String, Object> page(@QueryParam("first") String first, @QueryParam("max") String max) {
        Paging page = Paging.of("first", first, "max", max, Paging.DEFAULT_LIMIT, Paging.MAX_LIMIT);
        List<Suppression> entries = suppressions.page(page.offset(), page.limit());
        return Map.of("total", suppressions.count(), "entries", entries);
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
