package org.sluice.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers that tell the browser what a response may do, on every response of the web module (pages, the API, error
 * pages): no MIME sniffing, no Referer to other sites (console URLs carry campaign ids), no framing by other sites.
 * <p>
 * The Content-Security-Policy of the Faces pages is PrimeFaces' ({@code primefaces.CSP} in web.xml): it allows only
 * this origin's scripts plus the inline scripts carrying the page's nonce, which PrimeFaces renders for its own
 * widgets. Everything else (error pages, the unsubscribe pages, JSON) runs no script at all and gets
 * {@value #NON_PAGE_POLICY}. Responses that the authentication mechanism ends before this filter (the redirect to
 * the login page, a 401 challenge) have no body to protect.
 */
@WebFilter(
        urlPatterns = "/*",
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ERROR})
public class SecurityHeadersFilter extends HttpFilter {

    static final String NON_PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self';"
            + " form-action 'self'; base-uri 'none'; frame-ancestors 'self'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Frame-Options", "SAMEORIGIN"); // frame-ancestors for browsers without CSP level 2
        if (!isFacesPage(request)) {
            response.setHeader("Content-Security-Policy", NON_PAGE_POLICY);
        }
        chain.doFilter(request, response);
    }

    /** A Faces view or resource (*.xhtml), whose policy PrimeFaces writes with the page's nonce. */
    private static boolean isFacesPage(HttpServletRequest request) {
        return request.getDispatcherType() != DispatcherType.ERROR
                && request.getServletPath().endsWith(".xhtml");
    }
}
