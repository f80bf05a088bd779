package org.sluice.console;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The page for every error status ({@code web.xml}'s error pages): what went wrong in words, never an exception or a
 * stack trace. A server error shows the reference under which {@link ServerErrorFilter} (or this servlet, for an
 * exception that reached the container another way) logged it, so an admin finds the cause in the server log.
 * {@code GET /error?ref=...} is where a failed Ajax request of the console lands ({@link ConsoleExceptionHandler}).
 * The page is in the console's language: the one chosen in the session, else the browser's ({@link ConsoleLanguage}).
 */
@WebServlet(ErrorPageServlet.PATH)
public class ErrorPageServlet extends HttpServlet {

    static final String PATH = "/error";
    private static final Logger LOG = Logger.getLogger(ErrorPageServlet.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Integer code = (Integer) request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code == null ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : code;
        String reference = (String) request.getAttribute(ErrorReference.ATTRIBUTE);
        if (reference == null && code == null) {
            reference = ErrorReference.parse(request.getParameter("ref"));
        }
        if (reference == null && status >= 500) {
            reference = ErrorReference.next();
            Throwable error = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            LOG.log(
                    Level.SEVERE,
                    "Error " + reference + ": status " + status + " for "
                            + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                    error);
        }
        String detail = (String) request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null
                ? ""
                : uri.substring(Math.min(uri.length(), request.getContextPath().length()));
        boolean api = path.startsWith("/api/");
        // The API answers in English like the rest of its problems (ApiErrors); a page in the console's language.
        ErrorPage page = ErrorPage.of(status, detail, reference, api ? Locale.ENGLISH : ConsoleLanguage.of(request));
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        if (api) {
            response.setContentType("application/problem+json"); // RFC 9457
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(page.json());
        } else {
            response.setContentType("text/html");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(page.html(request.getContextPath()));
        }
    }
}
