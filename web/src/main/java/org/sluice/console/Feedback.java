package org.sluice.console;

import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import org.sluice.importsource.boundary.ImportSourceException;
import org.sluice.refusal.RequestRefusedException;

/**
 * Messages for the page's p:growl / p:messages: what was done, or why it was not, in the view's language (keys of
 * the console's bundle, see ConsoleText). A refusal from the services is shown in its own words, which are English.
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

    /** The services' own words (English): they name the value or state that was refused. */
    private static void refused(Throwable refusal) {
        show(FacesMessage.SEVERITY_ERROR, refusal.getMessage());
    }
}
