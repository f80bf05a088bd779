package org.sluice.security;

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
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

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
    private static final String REALM = "Basic realm=\"Sluice\", charset=\"UTF-8\"";

    @Inject
    private IdentityStoreHandler identityStores;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            UsernamePasswordCredential credential = basic(authorization.substring(6).trim());
            CredentialValidationResult result = credential == null ? CredentialValidationResult.INVALID_RESULT
                    : identityStores.validate(credential);
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                return context.notifyContainerAboutLogin(result);
            }
            return challenge(context);
        }
        Credential given = context.getAuthParameters().getCredential();
        if (given != null) { // the login page's SecurityContext.authenticate(...)
            CredentialValidationResult result = identityStores.validate(given);
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                HttpSession session = request.getSession();
                request.changeSessionId();
                session.setAttribute(CALLER, new Caller(result.getCallerPrincipal().getName(), Set.copyOf(result.getCallerGroups())));
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
        if ("GET".equals(request.getMethod())) {
            String query = request.getQueryString();
            request.getSession().setAttribute(RETURN_TO,
                    request.getRequestURI().substring(request.getContextPath().length()) + (query == null ? "" : "?" + query));
        }
        return context.redirect(request.getContextPath() + LOGIN_PAGE);
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
            return new UsernamePasswordCredential(decoded.substring(0, colon), new Password(decoded.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The caller a form login put in the session. */
    record Caller(String name, Set<String> roles) implements Serializable {
    }
}
