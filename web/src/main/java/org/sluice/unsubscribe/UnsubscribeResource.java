package org.sluice.unsubscribe;

import io.undertow.server.RequestTooBigException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.mail.MessagingException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sluice.api.RequestSizeLimits;
import org.sluice.suppression.boundary.Unsubscribes;
import org.sluice.suppression.control.InvalidUnsubscribeTokenException;
import org.sluice.suppression.control.ListUnsubscribe;

/**
 * The link in every message's List-Unsubscribe header ({@code /sluice/api/unsubscribe/<token>}; see
 * {@link ListUnsubscribe#PATH}). Open to anyone: the signed token is the credential. GET only shows a page (mail
 * scanners fetch URLs, RFC 8058 1); POST with List-Unsubscribe=One-Click unsubscribes, idempotently.
 * <p>
 * Being open, the POST spends as little as it can on a stranger: the token is verified before a byte of the body is
 * read, and the body is at most {@link RequestSizeLimits#UNSUBSCRIBE_MAX_BYTES} (Undertow refuses more, 413, see
 * {@link org.sluice.api.RequestSizeLimitExtension}). So the body is not a Jakarta REST entity parameter, which would be
 * read before this method runs, but read here, by the servlet container's form parser or Jakarta Mail's MIME parser.
 */
@PermitAll
@SecurityRequirementsSet
@Tag(name = "unsubscribe", description = "The List-Unsubscribe link of every message (RFC 8058); open to anyone")
@Path("unsubscribe/{token}")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class UnsubscribeResource {

    @EJB
    private Unsubscribes unsubscribes;

    @Operation(
            operationId = "showUnsubscribePage",
            summary = "A page asking to confirm; unsubscribes nobody (mail scanners fetch links, RFC 8058 1)",
            description = "No login: the signed token is the credential.")
    @APIResponse(
            responseCode = "200",
            description = "The confirmation page",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(
            responseCode = "400",
            description = "A malformed or forged token",
            content = @Content(mediaType = MediaType.TEXT_HTML))
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
    @Operation(
            operationId = "unsubscribe",
            summary =
                    "Put the token's address on the suppression list (RFC 8058 one-click); repeating it changes nothing",
            description =
                    "No login: the signed token is the credential. The body is List-Unsubscribe=One-Click, at most"
                            + " 4 KiB.")
    @RequestBody(
            required = true,
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_FORM_URLENCODED,
                        schema =
                                @Schema(
                                        type = SchemaType.OBJECT,
                                        description = "RFC 8058 3.1: the one-click body",
                                        requiredProperties = "List-Unsubscribe",
                                        properties =
                                                @SchemaProperty(
                                                        name = "List-Unsubscribe",
                                                        type = SchemaType.STRING,
                                                        enumeration = "One-Click"))),
                @Content(
                        mediaType = MediaType.MULTIPART_FORM_DATA,
                        schema =
                                @Schema(
                                        type = SchemaType.OBJECT,
                                        description = "RFC 8058 3.1: the one-click body",
                                        requiredProperties = "List-Unsubscribe",
                                        properties =
                                                @SchemaProperty(
                                                        name = "List-Unsubscribe",
                                                        type = SchemaType.STRING,
                                                        enumeration = "One-Click")))
            })
    @APIResponse(
            responseCode = "200",
            description = "Unsubscribed",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(
            responseCode = "400",
            description = "A malformed or forged token, or no one-click body",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "413", description = "A body over 4 KiB")
    @APIResponse(responseCode = "415", description = "A body of another type")
    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    public Response unsubscribe(@PathParam("token") String token, @Context HttpServletRequest request) {
        try {
            unsubscribes.describe(token);
        } catch (InvalidUnsubscribeTokenException e) {
            return html(Response.Status.BAD_REQUEST, UnsubscribePage.refused(e.getMessage()));
        }
        OneClickForm form;
        try {
            form = read(request);
        } catch (IOException | MessagingException | RuntimeException e) {
            if (causedBy(e, RequestTooBigException.class)) {
                return html(
                        Response.Status.REQUEST_ENTITY_TOO_LARGE,
                        UnsubscribePage.refused(
                                "The request is larger" + " than an unsubscribe request (RFC 8058) can be."));
            }
            return html(Response.Status.BAD_REQUEST, UnsubscribePage.refused("The request's form could not be read."));
        }
        if (!form.oneClick()) {
            return html(
                    Response.Status.BAD_REQUEST,
                    UnsubscribePage.refused(
                            "An unsubscribe request must carry " + ListUnsubscribe.ONE_CLICK + " (RFC 8058)."));
        }
        try {
            Unsubscribes.Request done =
                    unsubscribes.unsubscribe(token, form.fromPage() ? "unsubscribe page" : "one-click POST");
            return html(Response.Status.OK, UnsubscribePage.done(done.address()));
        } catch (InvalidUnsubscribeTokenException e) {
            return html(Response.Status.BAD_REQUEST, UnsubscribePage.refused(e.getMessage()));
        }
    }

    private static OneClickForm read(HttpServletRequest request) throws IOException, MessagingException {
        String type = request.getContentType();
        if (type != null && MediaType.MULTIPART_FORM_DATA_TYPE.isCompatible(MediaType.valueOf(type))) {
            byte[] body;
            try (InputStream in = request.getInputStream()) {
                // Undertow stops at the path's limit already; this bounds the copy on its own too.
                body = in.readNBytes((int) RequestSizeLimits.UNSUBSCRIBE_MAX_BYTES + 1);
            }
            if (body.length > RequestSizeLimits.UNSUBSCRIBE_MAX_BYTES) {
                throw new RequestTooBigException();
            }
            return OneClickForm.multipart(type, body);
        }
        return OneClickForm.of(request::getParameter);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Response html(Response.Status status, String page) {
        // The pages name a person's address: no cache may keep them.
        return Response.status(status)
                .entity(page)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
