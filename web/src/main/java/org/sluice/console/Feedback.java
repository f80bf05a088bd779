package org.sluice.console;

import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.util.Locale;
import java.util.MissingResourceException;
import org.sluice.importsource.boundary.ImportSourceException;
import org.sluice.refusal.InvalidValueException;
import org.sluice.refusal.RequestRefusedException;

/**
 * Messages for the page's p:growl / p:messages: what was done, or why it was not, in the view's language (keys of
 * the console's bundle, see ConsoleText). A refusal from the services is shown in the view's language when it names
 * a text of the bundle (RequestRefusedException#localized), else in its own words, which are English.
 */
final class Feedback {

    private Feedback() {}

    static void info(String key, Object... arguments) {
        show(FacesMessage.SEVERITY_INFO, ConsoleText.message(key, arguments));
    }

    static void error(String key, Object... arguments) {
        show(FacesMessage.SEVERITY_ERROR, ConsoleText.message(key, arguments));
    }

    private static void show(FacesMessage.Severity severity, String summary) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, summary, null));
    }

    /**
     * Runs a service call and turns a refusal into a message: a refusal's text (RequestRefusedException, ImportSourceException) says what is wrong; a
     * refused role says so. Anything else is a fault and goes to the server log and error page as usual.
     */
    static boolean attempt(Runnable call) {
        try {
            call.run();
            return true;
        } catch (RequestRefusedException | ImportSourceException e) {
            refused(e);
        } catch (IllegalArgumentException e) {
            refused(e); // a value the domain refuses, checked before any service is called (MtaLimits)
        } catch (EJBAccessException e) {
            error("feedback.notAllowed");
        } catch (EJBException e) {
            if (e.getCause() instanceof RequestRefusedException || e.getCause() instanceof ImportSourceException) {
                refused(e.getCause());
            } else if (e.getCause() instanceof IllegalArgumentException
                    || e.getCause() instanceof IllegalStateException) {
                refused(e.getCause());
            } else {
                throw e;
            }
        }
        return false;
    }

    private static void refused(Throwable refusal) {
        show(FacesMessage.SEVERITY_ERROR, text(refusal));
    }

    /** What a refusal says, in the current view's language when it can. */
    static String text(Throwable refusal) {
        return text(ConsoleText.locale(), refusal);
    }

    /**
     * The refusal's text in {@code locale} if it names one the bundle has; otherwise the services' own words
     * (English), which name the value or state that was refused: a key added to a service before its text still
     * says why, rather than failing the page.
     */
    static String text(Locale locale, Throwable refusal) {
        if (refusal instanceof RequestRefusedException r && r.messageKey() != null) {
            return text(locale, refusal, r.messageKey(), r.messageArguments());
        }
        if (refusal instanceof InvalidValueException v && v.messageKey() != null) {
            return text(locale, refusal, v.messageKey(), v.messageArguments());
        }
        return refusal.getMessage();
    }

    private static String text(Locale locale, Throwable refusal, String key, Object[] arguments) {
        try {
            return ConsoleText.message(locale, key, arguments);
        } catch (MissingResourceException e) {
            return refusal.getMessage();
        }
    }
}
