package org.sluice.console;

import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A view that expired (the server no longer holds its state, e.g. a login page left open past the session) is
 * simply loaded again. Other errors in the console's Ajax requests (a button, the monitor's poll), which Faces would
 * answer with a partial response naming the exception's class and message, are logged with a reference and the
 * browser is sent to the error page showing it. Other full-page errors go on to {@link ServerErrorFilter}.
 */
public class ConsoleExceptionHandler extends ExceptionHandlerWrapper {

    private static final Logger LOG = Logger.getLogger(ConsoleExceptionHandler.class.getName());

    public ConsoleExceptionHandler(ExceptionHandler wrapped) {
        super(wrapped);
    }

    @Override
    public void handle() {
        FacesContext faces = FacesContext.getCurrentInstance();
        Iterator<ExceptionQueuedEvent> events =
                getUnhandledExceptionQueuedEvents().iterator();
        if (faces != null && events.hasNext()) {
            Throwable error = events.next().getContext().getException();
            if (causedBy(error, ViewExpiredException.class)
                    || faces.getPartialViewContext().isAjaxRequest()) {
                events.remove();
                while (events.hasNext()) {
                    events.next();
                    events.remove(); // one page for the request; the first error is its cause
                }
                answer(faces, error);
            }
        }
        getWrapped().handle();
    }

    private static void answer(FacesContext faces, Throwable error) {
        ExternalContext external = faces.getExternalContext();
        String target;
        if (causedBy(error, ViewExpiredException.class)) {
            target = ((jakarta.servlet.http.HttpServletRequest) external.getRequest()).getRequestURI();
        } else {
            String reference = ErrorReference.next();
            LOG.log(
                    Level.SEVERE,
                    "Error " + reference + " in an Ajax request of "
                            + faces.getViewRoot().getViewId(),
                    error);
            target = external.getRequestContextPath() + ErrorPageServlet.PATH + "?ref=" + reference;
        }
        try {
            external.redirect(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send the browser to " + target, e);
        }
        faces.responseComplete();
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Registered in faces-config.xml. */
    public static class Factory extends ExceptionHandlerFactory {

        public Factory(ExceptionHandlerFactory wrapped) {
            super(wrapped);
        }

        @Override
        public ExceptionHandler getExceptionHandler() {
            return new ConsoleExceptionHandler(getWrapped().getExceptionHandler());
        }
    }
}
