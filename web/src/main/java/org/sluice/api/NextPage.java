package org.sluice.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The API's one paging style: a list answers a JSON array, and while more may follow, an RFC 8288 {@code Link} header
 * with {@code rel="next"} to the next page (the request's own URI with the position moved on). A client follows it
 * until it is gone, whether the list pages by offset or by the last id seen.
 */
final class NextPage {

    static final String LINK_DESCRIPTION = "<the next page>; rel=\"next\" while more may follow (RFC 8288)";

    private NextPage() {}

    /** A page of an offset list: a full page may have a next one at {@code offset + limit}. */
    static Response offsetPage(List<?> items, Paging page, UriInfo uri) {
        Response.ResponseBuilder answer = Response.ok(items);
        if (items.size() >= page.limit()) {
            answer.link(
                    uri.getRequestUriBuilder()
                            .replaceQueryParam("offset", (long) page.offset() + page.limit())
                            .replaceQueryParam("limit", page.limit())
                            .build(),
                    "next");
        }
        return answer.build();
    }

    /** A page of a list in id order, by keyset: the next page starts after the last id on this one. */
    static <T> Response keysetPage(List<T> items, int limit, ToLongFunction<T> id, UriInfo uri) {
        Response.ResponseBuilder answer = Response.ok(items);
        if (!items.isEmpty() && items.size() >= limit) {
            answer.link(
                    uri.getRequestUriBuilder()
                            .replaceQueryParam("after", id.applyAsLong(items.get(items.size() - 1)))
                            .replaceQueryParam("limit", limit)
                            .build(),
                    "next");
        }
        return answer.build();
    }
}
