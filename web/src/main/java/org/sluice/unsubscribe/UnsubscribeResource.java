package org.sluice.unsubscribe;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.sluice.suppression.boundary.Unsubscribes;
import org.sluice.suppression.control.InvalidUnsubscribeTokenException;
import org.sluice.suppression.control.ListUnsubscribe;

/**
 * The link in every message's List-Unsubscribe header ({@code /sluice/api/unsubscribe/<token>}; see
 * {@link ListUnsubscribe#PATH}). Open to anyone: the signed token is the credential. GET only shows a page (mail
 * scanners fetch URLs, RFC 8058 1); POST with List-Unsubscribe=One-Click unsubscribes, idempotently.
 */
@PermitAll
@Path("unsubscribe/{token}")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class UnsubscribeResource {

    @EJB
    private Unsubscribes unsubscribes;

    @GET
    public Response page(@PathParam("token") String token) {
        try {
            Unsubscribes.Request request = unsubscribes.describe(token);
            return html(Response.Status.OK, UnsubscribePage.confirm(request.address(), request.suppressedAlready()));
        } catch (InvalidUnsubscribeTokenException e) {
            return html(Response.Status.BAD_REQUEST, UnsubscribePage.refused(e.getMessage()));
        }
    }

    /** RFC 8058 3.2: the POST carries no cookies or credentials, only the token in the URL and the one-click body. */
    @POST
    public Response unsubscribe(@PathParam("token") String token,
                                @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        OneClickForm form = OneClickForm.parse(contentType, body);
        if (!form.oneClick()) {
            return html(Response.Status.BAD_REQUEST, UnsubscribePage.refused("An unsubscribe request must carry "
                    + ListUnsubscribe.ONE_CLICK + " (RFC 8058)."));
        }
        try {
            Unsubscribes.Request done = unsubscribes.unsubscribe(token, form.fromPage() ? "unsubscribe page" : "one-click POST");
            return html(Response.Status.OK, UnsubscribePage.done(done.address()));
        } catch (InvalidUnsubscribeTokenException e) {
            return html(Response.Status.BAD_REQUEST, UnsubscribePage.refused(e.getMessage()));
        }
    }

    private static Response html(Response.Status status, String page) {
        // The pages name a person's address: no cache may keep them.
        return Response.status(status).entity(page).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
