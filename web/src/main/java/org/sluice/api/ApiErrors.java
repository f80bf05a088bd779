package org.sluice.api;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.regex.Pattern;

/** The API's one error shape, {@code {"error": "..."}}, and what of an exception's message a client may read. */
final class ApiErrors {

    /** A qualified Java class name (org.sluice.X, java.lang.X): internals a client has no use for. */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Z][A-Za-z0-9_$]*");
    /** Message ids of the platform's own messages (RESTEASY003210:, JBERET000647:, WFLYEJB0034:, UT000020:). */
    private static final Pattern PLATFORM_ID = Pattern.compile("\\b(?:RESTEASY|JBERET|WFLY[A-Z]*|UT|ISPN|ELY)\\d{4,}");

    private static final int MAX_MESSAGE = 300;

    private ApiErrors() {}

    static Response response(Response.StatusType status, String message) {
        return Response.status(status.getStatusCode())
                .type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", message))
                .build();
    }

    /** An operation that takes a JSON body was sent none: 400. */
    static void requireBody(Object body) {
        if (body == null) {
            throw new BadRequestException(response(
                    Response.Status.BAD_REQUEST, "this operation takes a JSON body (Content-Type: application/json)"));
        }
    }

    /**
     * The message if it is Sluice's own words for a client, else null: platform messages (with ids or class names),
     * Jakarta REST's default "HTTP 404 Not Found", and anything long enough to carry a stack trace are not.
     */
    static String clientMessage(String message) {
        if (message == null
                || message.isBlank()
                || message.length() > MAX_MESSAGE
                || message.startsWith("HTTP ")
                || CLASS_NAME.matcher(message).find()
                || PLATFORM_ID.matcher(message).find()
                || message.contains("\n\tat ")) {
            return null;
        }
        return message;
    }
}
