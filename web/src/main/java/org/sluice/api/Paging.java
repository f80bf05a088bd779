package org.sluice.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Where a page of a list starts and how long it is, from the query string. Parsed here rather than as {@code int}
 * query parameters, because Jakarta REST answers a query parameter it cannot convert with 404 (spec 3.2), while a
 * bad paging value is the client's mistake: 400, naming the parameter and the allowed range.
 *
 * @param offset rows skipped, 0 or more
 * @param limit  rows at most, 1 to the list's maximum
 */
public record Paging(int offset, int limit) {

    /** The page length when the client names none, and the longest it may ask for, for most lists. */
    public static final int DEFAULT_LIMIT = 100;

    public static final int MAX_LIMIT = 1000;

    /** {@code offset} and {@code limit} as given (null: 0 and {@link #DEFAULT_LIMIT}), within 1..{@link #MAX_LIMIT}. */
    public static Paging of(String offset, String limit) {
        return of("offset", offset, "limit", limit, DEFAULT_LIMIT, MAX_LIMIT);
    }

    /** The same rules under other parameter names and bounds (lists whose parameters predate offset/limit). */
    public static Paging of(
            String offsetName, String offset, String limitName, String limit, int defaultLimit, int maxLimit) {
        return new Paging(
                number(offsetName, offset, 0, 0, Integer.MAX_VALUE),
                number(limitName, limit, defaultLimit, 1, maxLimit));
    }

    /** A query parameter that must be a whole number within [min, max]; null or blank: the default. */
    public static long number(String name, String value, long defaultValue, long min, long max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw badRequest(name, value, min, max);
        }
        if (parsed < min || parsed > max) {
            throw badRequest(name, value, min, max);
        }
        return parsed;
    }

    private static int number(String name, String value, int defaultValue, int min, int max) {
        return (int) number(name, value, (long) defaultValue, min, max);
    }

    private static InvalidQueryParameterException badRequest(String name, String value, long min, long max) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        String range = max == Integer.MAX_VALUE || max == Long.MAX_VALUE ? min + " or more" : min + " to " + max;
        return new InvalidQueryParameterException(
                "query parameter " + name + "='" + shown + "' must be a whole number, " + range);
    }

    /** A query parameter out of its range or not a number: 400 with the message. */
    public static class InvalidQueryParameterException extends IllegalArgumentException {
        InvalidQueryParameterException(String message) {
            super(message);
        }
    }

    @Provider
    public static class InvalidQueryParameterMapper implements ExceptionMapper<InvalidQueryParameterException> {
        @Override
        public Response toResponse(InvalidQueryParameterException e) {
            return ApiErrors.response(Response.Status.BAD_REQUEST, e.getMessage());
        }
    }
}
