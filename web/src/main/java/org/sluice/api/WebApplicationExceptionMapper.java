package org.sluice.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Jakarta REST's own refusals (404 no such path, 405, 406, 415, a resource's 400 or 403) keep their status and
 * headers (Allow on 405) but answer as an RFC 9457 problem, in Sluice's words instead of the implementation's
 * message ids. Only reached for exceptions without an entity (Jakarta REST 3.1, 3.3.4): those with one are answered
 * as they are.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    private UriInfo uri;

    @Context
    private HttpHeaders headers;

    @Override
    public Response toResponse(WebApplicationException e) {
        Response given = e.getResponse();
        String own = ApiErrors.clientMessage(e.getMessage());
        String message = own != null
                ? own
                : switch (given.getStatus()) {
                    case 400 -> "the request is malformed";
                    case 403 -> "your role may not do this";
                    case 404 -> "no such resource: " + path();
                    case 405 -> "method not allowed on " + path() + " (allowed: " + given.getAllowedMethods() + ")";
                    case 406 -> "this operation answers only in JSON (Accept: application/json)";
                    case 415 -> "Content-Type '" + contentType() + "' is not what " + path() + " takes (see /openapi)";
                    default -> given.getStatusInfo().getReasonPhrase();
                };
        return ApiErrors.response(given, message);
    }

    private String path() {
        return uri == null ? "this path" : "/api/" + uri.getPath().replaceFirst("^/", "");
    }

    private String contentType() {
        MediaType type = headers == null ? null : headers.getMediaType();
        return type == null ? "(none)" : type.toString();
    }
}
