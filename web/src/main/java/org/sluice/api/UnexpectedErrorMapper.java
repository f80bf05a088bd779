package org.sluice.api;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every exception no other mapper answers: logged in full with an id, answered 500 with only that id, so an admin
 * finds the stack trace in the server log and a client never sees internals.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    @Context
    private UriInfo uri;

    @Context
    private Request request;

    @Override
    public Response toResponse(Throwable e) {
        return answer(e, where(request, uri));
    }

    static Response answer(Throwable e, String where) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        LOG.log(Level.SEVERE, e, () -> "API error " + id + " on " + where);
        Map<String, Object> problem =
                ApiErrors.problem(500, "internal error " + id + " (the server log has the details under this id)");
        problem.put("reference", id);
        return Response.serverError()
                .type(ApiErrors.PROBLEM_JSON_TYPE)
                .entity(problem)
                .build();
    }

    /** "POST /api/campaigns/7/restart", for logs and messages. */
    static String where(Request request, UriInfo uri) {
        return (request == null ? "" : request.getMethod() + " ")
                + (uri == null ? "(unknown path)" : "/api/" + uri.getPath().replaceFirst("^/", ""));
    }
}
