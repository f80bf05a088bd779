package org.sluice.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.sluice.config.Setting;

/**
 * One mechanism for the whole web module, because Jakarta Security allows one per application:
 * <ul>
 *   <li>A request with {@code Authorization: Basic} (scripts, the REST API) is authenticated from it (RFC 7617), on
 *       any path; a wrong one answers 401.</li>
 *   <li>The console's login page passes the form's credentials through {@code SecurityContext.authenticate}
 *       ({@link LoginForm}); the HTTP session then carries the caller (under a new session id, against session
 *       fixation). Only a form login makes a session: a Basic request does not, so scripts polling the API leave
 *       nothing behind on the server. The session counts for the console's pages only, never on /api (the console
 *       calls the services directly, not the API), so another site cannot use a logged-in browser's cookie there.</li>
 *   <li>Without credentials a protected API path answers 401 with {@code WWW-Authenticate: Basic}, and a
 *       protected page redirects to {@value #LOGIN_PAGE}, remembering the page to return to.</li>
 *   <li>Passwords are checked only while {@link LoginThrottle} lets the client address try: after too many failures
 *       a Basic request answers 429 with {@code Retry-After} and the login form says to wait, without asking the
 *       realm (so the realm's own lockout of the account is not triggered from that address).</li>
 * </ul>
 * Which paths are protected and for which roles is {@code web.xml}'s security constraints; the unsubscribe
 * endpoints have none, so recipients reach them without an account.
 */
@ApplicationScoped
public class SluiceAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String LOGIN_PAGE = "/login.xhtml";
    /** Session attribute: the page a browser asked for before it was sent to log in. */
    static final String RETURN_TO = "org.sluice.security.returnTo";
    /** Session attribute: who logged in through the form, and their roles. */
    static final String CALLER = "org.sluice.security.caller";
    /** Request attribute for {@link LoginForm}: how long the client must wait before its next login attempt. */
    static final String THROTTLED_FOR = "org.sluice.security.throttledFor";

    static final Setting MAX_FAILURES_PER_ADDRESS = Setting.of("sluice.login.max-failures-per-address", "30");
    static final Setting MAX_FAILURES_PER_USER = Setting.of("sluice.login.max-failures-per-user", "10");
    static final Setting BLOCK_SECONDS = Setting.of("sluice.login.block-seconds", "900");
    private static final String REALM = "Basic realm=\"Sluice\", charset=\"UTF-8\"";
    private static final Logger LOG = Logger.getLogger(SluiceAuthenticationMechanism.class.getName());

    @Inject
    private IdentityStoreHandler identityStores;

    private LoginThrottle throttle;

    @PostConstruct
    void configureThrottle() {
        LoginThrottle.Limits limits = new LoginThrottle.Limits(
                MAX_FAILURES_PER_ADDRESS.intValue(1, "failed logins"),
                MAX_FAILURES_PER_USER.intValue(1, "failed logins"),
                Duration.ofSeconds(BLOCK_SECONDS.longValue(1, "seconds")));
        throttle = new LoginThrottle(limits, Clock.systemUTC());
        LOG.info("Login throttle: a client address is refused for "
                + limits.block().toSeconds() + " s after " + limits.perAddress() + " failed logins, or "
                + limits.perAddressAndUser() + " for one user name");
    }

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            UsernamePasswordCredential credential =
                    basic(authorization.substring(6).trim());
            Optional<Duration> wait =
                    throttle.refusal(request.getRemoteAddr(), credential == null ? "" : credential.getCaller());
            if (wait.isPresent()) {
                return tooManyAttempts(context, wait.get());
            }
            if (credential == null) {
                throttle.failed(request.getRemoteAddr(), "");
                return challenge(context);
            }
            CredentialValidationResult result = validate(request, credential);
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                return context.notifyContainerAboutLogin(result);
            }
            return challenge(context);
        }
        Credential given = context.getAuthParameters().getCredential();
        if (given instanceof UsernamePasswordCredential login) { // the login page's SecurityContext.authenticate(...)
            Optional<Duration> wait = throttle.refusal(request.getRemoteAddr(), login.getCaller());
            if (wait.isPresent()) {
                request.setAttribute(THROTTLED_FOR, wait.get());
                return AuthenticationStatus.SEND_FAILURE;
            }
            CredentialValidationResult result = validate(request, login);
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                HttpSession session = request.getSession();
                request.changeSessionId();
                session.setAttribute(
                        CALLER,
                        new Caller(result.getCallerPrincipal().getName(), Set.copyOf(result.getCallerGroups())));
                return context.notifyContainerAboutLogin(result);
            }
            return AuthenticationStatus.SEND_FAILURE;
        }
        // The console's session is not a credential for the API: a browser sends its cookie with any request,
        // also one another site's page makes (CSRF), while an API client sends Basic on every call.
        HttpSession session = isApi(request) ? null : request.getSession(false);
        if (session != null && session.getAttribute(CALLER) instanceof Caller caller) {
            return context.notifyContainerAboutLogin(caller.name(), caller.roles());
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        if (isApi(request)) {
            return challenge(context);
        }
        if ("GET".equals(request.getMethod()) && isPage(request)) {
            String query = request.getQueryString();
            request.getSession()
                    .setAttribute(
                            RETURN_TO,
                            request.getRequestURI()
                                            .substring(request.getContextPath().length())
                                    + (query == null ? "" : "?" + query));
        }
        return context.redirect(request.getContextPath() + LOGIN_PAGE);
    }

    /** Checks the password and counts the outcome for the client address. */
    private CredentialValidationResult validate(HttpServletRequest request, UsernamePasswordCredential credential) {
        CredentialValidationResult result = identityStores.validate(credential);
        if (result.getStatus() == CredentialValidationResult.Status.VALID) {
            throttle.succeeded(request.getRemoteAddr(), credential.getCaller());
        } else {
            throttle.failed(request.getRemoteAddr(), credential.getCaller());
        }
        return result;
    }

    /** RFC 6585 section 4: 429 Too Many Requests, with Retry-After in seconds (RFC 9110 section 10.2.3). */
    private static AuthenticationStatus tooManyAttempts(HttpMessageContext context, Duration wait) {
        HttpServletResponse response = context.getResponse();
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
        response.setContentType("text/plain;charset=UTF-8");
        try {
            response.getWriter()
                    .write("Too many failed logins from this address: try again in " + Math.max(1, wait.toSeconds())
                            + " s.\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot answer 429", e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /** A console page (where a browser should come back to after logging in), not an image or the API. */
    private static boolean isPage(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.endsWith(".xhtml") || path.equals("/");
    }

    private static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.equals("/api");
    }

    private static AuthenticationStatus challenge(HttpMessageContext context) {
        context.getResponse().setHeader("WWW-Authenticate", REALM);
        return context.responseUnauthorized();
    }

    /** RFC 7617: base64 of "user-id:password", UTF-8 as the challenge's charset asks; null if malformed. */
    private static UsernamePasswordCredential basic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            return new UsernamePasswordCredential(
                    decoded.substring(0, colon), new Password(decoded.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The caller a form login put in the session. */
    record Caller(String name, Set<String> roles) implements Serializable {}
}
