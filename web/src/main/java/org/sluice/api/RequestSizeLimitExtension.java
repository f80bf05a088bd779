package org.sluice.api;

import io.undertow.server.HandlerWrapper;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.util.CanonicalPathUtils;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import jakarta.servlet.ServletContext;
import java.util.logging.Logger;

/**
 * Applies {@link RequestSizeLimits} in Undertow, before any servlet, security check or parser runs: it sets the
 * exchange's max entity size for the path and answers 413 at once to a request whose Content-Length is over the
 * limit, without reading its body. A chunked body (no Content-Length) is read up to the limit and no further: there
 * Undertow closes the connection without an answer.
 * <p>
 * The listeners keep their max-post-size (WildFly's stock 10 MB): Undertow compares a Content-Length with it while
 * parsing the request, before any handler runs (HttpTransferEncoding), and refuses a larger one with a bare 400. A
 * body without a Content-Length (chunked) is counted as it is read, against the exchange's limit set here, so the
 * upload path alone takes more: a CSV file larger than the listener's limit is uploaded chunked (docs/security.md).
 * Registered in META-INF/services (an Undertow servlet extension, which WildFly loads for the web module).
 */
public class RequestSizeLimitExtension implements ServletExtension {

    private static final Logger LOG = Logger.getLogger(RequestSizeLimitExtension.class.getName());
    /**
     * A refused body up to this size is read and thrown away so the connection can answer 413 and stay open; a client
     * still sending when the server closes would otherwise get a reset (TCP RST) instead of the answer. Tomcat's
     * maxSwallowSize default, for the same reason. Larger bodies: the connection is closed at once.
     */
    static final long SWALLOW_MAX_BYTES = 2L * 1024 * 1024;

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        RequestSizeLimits limits = RequestSizeLimits.fromSettings();
        LOG.info(() -> "Request bodies of " + deployment.getContextPath() + ": CSV upload at most "
                + limits.uploadMaxBytes()
                + " bytes (" + RequestSizeLimits.UPLOAD_MAX.name() + "), unsubscribe "
                + RequestSizeLimits.UNSUBSCRIBE_MAX_BYTES
                + ", anything else " + limits.requestMaxBytes() + " (" + RequestSizeLimits.REQUEST_MAX.name() + ")");
        deployment.addInitialHandlerChainWrapper(new HandlerWrapper() {
            @Override
            public HttpHandler wrap(HttpHandler next) {
                return exchange -> {
                    if (withinLimit(exchange, limits)) {
                        next.handleRequest(exchange);
                    }
                };
            }
        });
    }

    /** Sets the exchange's limit; false when it answered 413 already. */
    static boolean withinLimit(HttpServerExchange exchange, RequestSizeLimits limits) {
        // Canonical, as the servlet container matches it: /api/campaigns/1/recipients/../../x must not get the upload's
        // limit.
        String path = CanonicalPathUtils.canonicalize(exchange.getRelativePath());
        long limit = limits.limit(exchange.getRequestMethod().toString(), path);
        long length = exchange.getRequestContentLength();
        if (!exchange.isRequestChannelAvailable()) {
            return true;
        }
        if (length <= limit) {
            exchange.setMaxEntitySize(limit);
            return true;
        }
        if (length <= SWALLOW_MAX_BYTES) {
            exchange.setMaxEntitySize(length); // so that Undertow may read the unread body to its end and discard it
        } else {
            exchange.setMaxEntitySize(limit);
            exchange.setPersistent(false);
        }
        exchange.setStatusCode(StatusCodes.REQUEST_ENTITY_TOO_LARGE);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender()
                .send("{\"error\":\"the request body is " + length + " bytes; this endpoint takes at most " + limit
                        + "\"}");
        return false;
    }
}
