package org.sluice.console;

import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import org.sluice.importsource.boundary.ImportSourceException;
import org.sluice.refusal.RequestRefusedException;

/** Messages for the page's p:growl / p:messages: what was done, or why it was not. */
final class Feedback {

    private Feedback() {}

    static void info(String summary) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, summary, null));
    }

    static void error(String summary) {
        FacesContext.getCurrentInstance()
                .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, summary, null));
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
            error(e.getMessage());
        } catch (IllegalArgumentException e) {
            error(e.getMessage()); // a value the domain refuses, checked before any service is called (MtaLimits)
        } catch (EJBAccessException e) {
            error("Not allowed for your role.");
        } catch (EJBException e) {
            if (e.getCause() instanceof RequestRefusedException || e.getCause() instanceof ImportSourceException) {
                error(e.getCause().getMessage());
            } else if (e.getCause() instanceof IllegalArgumentException
                    || e.getCause() instanceof IllegalStateException) {
                error(e.getCause().getMessage());
            } else {
                throw e;
            }
        }
        return false;
    }
}
