package org.sluice.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.sluice.refusal.RequestRefusedException;

/**
 * A refused request (a campaign's, a bounce's, a suppression's) answers by what is wrong with it: 409 for a conflict
 * with the state of things, 404 for something that does not exist, 422 for a value that is wrong in itself.
 */
@Provider
public class RequestRefusedMapper implements ExceptionMapper<RequestRefusedException> {

    @Override
    public Response toResponse(RequestRefusedException e) {
        return ApiErrors.response(status(e.kind()), e.getMessage());
    }

    static Response.StatusType status(RequestRefusedException.Kind kind) {
        return switch (kind) {
            case CONFLICT -> Response.Status.CONFLICT;
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case INVALID -> new Unprocessable();
        };
    }

    /** 422 (RFC 9110 15.5.21), which Jakarta REST 3.1's Status does not list. */
    private record Unprocessable() implements Response.StatusType {
        @Override
        public int getStatusCode() {
            return 422;
        }

        @Override
        public Response.Status.Family getFamily() {
            return Response.Status.Family.CLIENT_ERROR;
        }

        @Override
        public String getReasonPhrase() {
            return "Unprocessable Content";
        }
    }
}
