package org.sluice.console;

import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;

/**
 * The console's language chosen in the header (English / 한국어), kept for the session. Until one is chosen it is
 * the browser's Accept-Language matched against faces-config's locale-config (English when it asks for neither).
 */
@Named("language")
@SessionScoped
public class ConsoleLanguage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The languages of the bundles: anything else from a request is ignored, not stored. */
    static final Set<String> SUPPORTED = Set.of("en", "ko");

    /**
     * The chosen language's tag as a plain session attribute, for what answers outside Faces ({@link
     * ErrorPageServlet}): reading this bean there would create a session (and the bean) just to find none chosen.
     */
    static final String SESSION_ATTRIBUTE = ConsoleLanguage.class.getName();

    private Locale chosen;

    /**
     * For f:view locale: the language chosen in this session, else the browser's. Never null: Mojarra's f:view puts
     * the server's default locale in place of null, not the browser's.
     */
    public Locale getLocale() {
        if (chosen != null) {
            return chosen;
        }
        FacesContext faces = FacesContext.getCurrentInstance();
        return faces.getApplication().getViewHandler().calculateLocale(faces);
    }

    /**
     * Switches the console to {@code language} and shows the same page again, with its view parameters (the
     * campaign's id, an address), by a redirect: a reload then repeats a GET, not the switch.
     */
    public String choose(String language) {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (language != null && SUPPORTED.contains(language)) {
            chosen = Locale.forLanguageTag(language);
            faces.getViewRoot().setLocale(chosen);
            faces.getExternalContext().getSessionMap().put(SESSION_ATTRIBUTE, language);
        }
        return faces.getViewRoot().getViewId() + "?faces-redirect=true&includeViewParams=true";
    }

    /** The console's language for a request outside Faces, chosen as {@link #getLocale()} chooses for a page. */
    static Locale of(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object chosen = session == null ? null : session.getAttribute(SESSION_ATTRIBUTE);
        // Without Accept-Language the container reports its own default locale, not the browser's: English then.
        return of(chosen, request.getHeader("Accept-Language") == null ? null : request.getLocales());
    }

    /**
     * The language chosen in the session if it is one of the console's, else the first of the browser's (in its
     * order of preference, Accept-Language's q) that the console has, else English: the same as Faces' locale-config.
     */
    static Locale of(Object chosen, Enumeration<Locale> accepted) {
        if (chosen instanceof String tag && SUPPORTED.contains(tag)) {
            return Locale.forLanguageTag(tag);
        }
        while (accepted != null && accepted.hasMoreElements()) {
            String language = accepted.nextElement().getLanguage();
            if (SUPPORTED.contains(language)) {
                return Locale.forLanguageTag(language);
            }
        }
        return Locale.ENGLISH;
    }
}
