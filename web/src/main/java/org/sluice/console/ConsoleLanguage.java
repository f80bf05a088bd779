package org.sluice.console;

import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.io.Serializable;
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
        }
        return faces.getViewRoot().getViewId() + "?faces-redirect=true&includeViewParams=true";
    }
}
