package org.sluice.console;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An exception that escapes a request (a Faces page that failed, a servlet) is logged once, with a reference, and
 * answered with the error page ({@link ErrorPageServlet}) showing that reference, so nothing of it reaches the
 * browser. Without this the container would log it itself and, for a request from the server's own host, render
 * its stack trace (Undertow's stack-trace-on-error=local-only).
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = DispatcherType.REQUEST)
public class ServerErrorFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(ServerErrorFilter.class.getName());

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (response.isCommitted()) {
                throw e; // part of the page is already out: nothing to replace it with
            }
            String reference = ErrorReference.next();
            LOG.log(Level.SEVERE, "Error " + reference + ": " + request.getMethod() + " " + request.getRequestURI(), e);
            request.setAttribute(ErrorReference.ATTRIBUTE, reference);
            response.reset();
            response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        }
    }
}
