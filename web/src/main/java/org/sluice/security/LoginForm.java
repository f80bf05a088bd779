package org.sluice.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.Locale;

/**
 * The console's login page ({@code login.xhtml}): checks the user name and password through
 * {@link SluiceAuthenticationMechanism} and goes on to the page the browser first asked for (with its query string), or
 * the campaigns; or says that the client address must wait ({@link LoginThrottle}).
 */
@Named
@RequestScoped
public class LoginForm {

    static final String HOME = "/campaigns.xhtml";

    @Inject
    private SecurityContext security;

    @Inject
    private FacesContext faces;

    private String username;
    private String password;

    public void submit() throws IOException {
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        AuthenticationStatus status = security.authenticate(
                request,
                (HttpServletResponse) external.getResponse(),
                AuthenticationParameters.withParams()
                        .newAuthentication(true)
                        .credential(new UsernamePasswordCredential(
                                username == null ? "" : username.strip(),
                                new Password(password == null ? "" : password))));
        password = null;
        if (status == AuthenticationStatus.SUCCESS) {
            HttpSession session = request.getSession();
            Object returnTo = session.getAttribute(SluiceAuthenticationMechanism.RETURN_TO);
            session.removeAttribute(SluiceAuthenticationMechanism.RETURN_TO);
            external.redirect(external.getRequestContextPath() + (returnTo instanceof String page ? page : HOME));
            faces.responseComplete();
        } else if (request.getAttribute(SluiceAuthenticationMechanism.THROTTLED_FOR) instanceof Duration wait) {
            // RFC 6585 section 4; the password was not checked
            external.setResponseStatus(429);
            external.setResponseHeader("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
            long minutes = Math.max(1, wait.toMinutes() + (wait.toSecondsPart() > 0 ? 1 : 0));
            faces.addMessage(null, error("login.throttled", minutes));
        } else if (status == AuthenticationStatus.SEND_FAILURE) {
            faces.addMessage(null, error("login.wrong"));
        }
    }

    /** A message of the console's bundle (the page's msg) in the login page's language. */
    private FacesMessage error(String key, Object... arguments) {
        Locale locale = faces.getViewRoot().getLocale();
        String pattern = faces.getApplication().getResourceBundle(faces, "msg").getString(key);
        String text = arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
        return new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null);
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
