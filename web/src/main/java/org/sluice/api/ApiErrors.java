package org.sluice.api;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The API's one error shape, an RFC 9457 problem ({@code application/problem+json}: type, title, status, detail), and
 * what of an exception's message a client may read.
 */
final class ApiErrors {

    /** RFC 9457 3. */
    static final String PROBLEM_JSON = "application/problem+json";

    static final MediaType PROBLEM_JSON_TYPE = new MediaType("application", "problem+json");

    /** A qualified Java class name (org.sluice.X, java.lang.X): internals a client has no use for. */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Z][A-Za-z0-9_$]*");
    /** Message ids of the platform's own messages (RESTEASY003210:, JBERET000647:, WFLYEJB0034:, UT000020:). */
    private static final Pattern PLATFORM_ID = Pattern.compile("\\b(?:RESTEASY|JBERET|WFLY[A-Z]*|UT|ISPN|ELY)\\d{4,}");

    private static final int MAX_MESSAGE = 300;

    private ApiErrors() {}

    static Response response(Response.StatusType status, String detail) {
        return Response.status(status.getStatusCode())
                .type(PROBLEM_JSON_TYPE)
                .entity(problem(status.getStatusCode(), detail))
                .build();
    }

    /** The same answer, keeping the headers (Allow on 405, WWW-Authenticate on 401) of the response given. */
    static Response response(Response given, String detail) {
        return Response.fromResponse(given)
                .type(PROBLEM_JSON_TYPE)
                .entity(problem(given.getStatus(), detail))
                .build();
    }

    /**
     * An RFC 9457 problem without a problem type of its own ({@code about:blank}): its title is then the status's
     * reason phrase (4.2.1), and the detail says what happened to this request.
     */
    static Map<String, Object> problem(int status, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title(status));
        problem.put("status", status);
        problem.put("detail", detail);
        return problem;
    }

    static String title(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return switch (status) {
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            default -> status >= 500 ? "Server Error" : "Client Error";
        };
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
