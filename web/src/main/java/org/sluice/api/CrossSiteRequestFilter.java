package org.sluice.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses a state-changing API request that a browser sent on behalf of another site. The API takes HTTP Basic only
 * (the console's session cookie is not accepted on /api), but a browser that was once given Basic credentials for
 * Sluice sends them again by itself, also with a form or fetch() from another site (CSRF). Such a request carries an
 * {@code Origin} (RFC 6454 7; Fetch: every non-GET request) or {@code Sec-Fetch-Site} naming another origin; scripts
 * and curl send neither, so they are unaffected. The unsubscribe endpoints are exempt: their token is the credential,
 * and RFC 8058 POSTs come from mail providers.
 */
@Provider
@PreMatching
public class CrossSiteRequestFilter implements ContainerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public void filter(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod())
                || request.getUriInfo().getPath().startsWith("/unsubscribe/")
                || request.getUriInfo().getPath().startsWith("unsubscribe/")) {
            return;
        }
        String refusal = refusal(
                request.getHeaderString("Origin"),
                request.getHeaderString("Sec-Fetch-Site"),
                request.getHeaderString(HttpHeaders.HOST));
        if (refusal != null) {
            request.abortWith(ApiErrors.response(
                    Response.Status.FORBIDDEN,
                    request.getMethod() + " /api/"
                            + request.getUriInfo().getPath().replaceFirst("^/", "") + " refused: " + refusal));
        }
    }

    /** Why the request is cross-site, or null when it is not (no Origin, or the Origin is this host). */
    static String refusal(String origin, String fetchSite, String host) {
        if (fetchSite != null
                && !Set.of("same-origin", "none").contains(fetchSite.strip().toLowerCase(Locale.ROOT))) {
            return "sent by a page of another site (Sec-Fetch-Site: " + fetchSite.strip() + ")";
        }
        if (origin == null) {
            return null;
        }
        String originHost;
        try {
            URI uri = URI.create(origin.strip());
            originHost = uri.getHost() == null
                    ? null
                    : uri.getHost() + (uri.getPort() == -1 ? defaultPort(uri.getScheme()) : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            originHost = null;
        }
        if (originHost == null || host == null || !originHost.equalsIgnoreCase(withPort(host.strip(), originHost))) {
            return "sent by a page of another origin (Origin: " + origin.strip() + ")";
        }
        return null;
    }

    private static String defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? ":443" : ":80";
    }

    /** The Host header with the port the Origin's scheme implies when it names none. */
    private static String withPort(String host, String originHost) {
        boolean hasPort = host.lastIndexOf(':') > host.lastIndexOf(']');
        return hasPort ? host : host + originHost.substring(originHost.lastIndexOf(':'));
    }
}
