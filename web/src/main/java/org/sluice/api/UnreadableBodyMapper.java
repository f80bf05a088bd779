package org.sluice.api;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request body that is not the JSON an operation takes (malformed, or a field of the wrong type): the client's
 * mistake, 400. The JSON binding's own message names internal classes, so the answer says only which property, when
 * the message tells.
 */
@Provider
public class UnreadableBodyMapper implements ExceptionMapper<ProcessingException> {

    private static final Pattern PROPERTY = Pattern.compile("property '?([A-Za-z0-9_]+)'?");

    @Override
    public Response toResponse(ProcessingException e) {
        return answer(e);
    }

    static Response answer(Throwable e) {
        String property = null;
        for (Throwable t = e; t != null && property == null; t = t.getCause()) {
            Matcher m = t.getMessage() == null ? null : PROPERTY.matcher(t.getMessage());
            if (m != null && m.find()) {
                property = m.group(1);
            }
        }
        return ApiErrors.response(
                Response.Status.BAD_REQUEST,
                "the request body is not the JSON this operation takes"
                        + (property == null
                                ? " (malformed JSON, or a value of the wrong type)"
                                : ": property '" + property
                                        + "' is missing its value or has a value of the wrong type"));
    }

    /**
     * JSON-P's, for an operation that reads the body as a JSON value (a merge patch): malformed JSON, or not an object
     * where one is taken.
     */
    @Provider
    public static class JsonpExceptionMapper implements ExceptionMapper<JsonException> {
        @Override
        public Response toResponse(JsonException e) {
            return answer(e);
        }
    }

    /** The binding's exception when it reaches a resource unwrapped. */
    @Provider
    public static class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return answer(e);
        }
    }
}
