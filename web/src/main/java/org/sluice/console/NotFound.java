package org.sluice.console;

import jakarta.faces.context.FacesContext;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A page asked for something that does not exist (a bookmark to a deleted campaign, a mistyped id): the answer is
 * 404 with the console's error page, which shows {@code what}, instead of a page rendered around nothing.
 */
final class NotFound {

    private NotFound() {}

    /** The id in a page's {@code ?id=} parameter, or null if there is none or it is not a number. */
    static Long id(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(parameter.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * No campaign {@code id}: said in the page's language (the service's own message is the API's English), with the
     * id as it is, not grouped like a number.
     */
    static void campaign(long id) {
        respond(ConsoleText.message("campaign.notFound", String.valueOf(id)));
    }

    static void respond(String what) {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            faces.getExternalContext().responseSendError(404, what);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot answer 404 (" + what + ")", e);
        }
        faces.responseComplete();
    }
}
