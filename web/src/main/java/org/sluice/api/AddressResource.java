package org.sluice.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sluice.recipient.boundary.AddressHistory;
import org.sluice.recipient.control.AddressTimeline;
import org.sluice.recipient.control.InvalidRecipientException;
import org.sluice.recipient.control.RecipientAddress;
import org.sluice.security.Roles;

/** One address across every campaign: what an admin looks up when a customer asks whether they were mailed. */
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
@Tag(name = "addresses", description = "One address's history across campaigns")
@Path("addresses")
@Produces(MediaType.APPLICATION_JSON)
public class AddressResource {

    @EJB
    private AddressHistory history;

    @APIResponse(responseCode = "400", description = "Not an e-mail address")
    @APIResponse(
            responseCode = "200",
            description = "The address's campaigns and events",
            content = @Content(schema = @Schema(implementation = AddressTimeline.class)))
    @Operation(
            operationId = "getAddressHistory",
            summary = "Every campaign the address was a recipient of, and every attempt (MTA, SMTP reply), bounce,"
                    + " complaint and suppression, newest first (at most " + AddressHistory.LIMIT + " of each)",
            description = "Roles: admin, operator, viewer. An address Sluice has never seen has empty lists.")
    @GET
    @Path("{address}/history")
    public AddressTimeline history(@PathParam("address") String address) {
        return history.of(parsed(address));
    }

    static RecipientAddress parsed(String address) {
        try {
            return RecipientAddress.parse(address);
        } catch (InvalidRecipientException e) {
            throw new BadRequestException(
                    ApiErrors.response(Response.Status.BAD_REQUEST, "not an e-mail address: " + e.getMessage()));
        }
    }
}
