package org.sluice.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The console's texts from the bundle org.sluice.console.messages (the pages' {@code msg}) in the view's language.
 * A text with arguments is a java.text.MessageFormat pattern ({0}, {0,number,integer}; a quote is written ''), so
 * numbers come out as the language writes them. Pages format with {@code #{text.format('key', a)}} where an
 * attribute needs the result (aria-label, a confirmation); beans through the static methods.
 */
@Named("text")
@ApplicationScoped
public class ConsoleText {

    static final String BUNDLE = "org.sluice.console.messages";

    /** English is the base bundle: without this, a server whose own default is Korean would answer "en" in Korean. */
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_DEFAULT);

    public String format(String key, Object a) {
        return message(key, a);
    }

    public String format2(String key, Object a, Object b) {
        return message(key, a, b);
    }

    public String format3(String key, Object a, Object b, Object c) {
        return message(key, a, b, c);
    }

    /**
     * A campaign's state in words ("Waiting for MTA" for WAITING_FOR_MTA): the text {@code status.<code>}. The code
     * (an enum constant or its name) stays what the API, the webhooks and the badge's style class use.
     */
    public String status(Object code) {
        return named("status.", code);
    }

    /** A Jakarta Batch job's state in words (an import's COMPLETED, FAILED...): the text {@code batch.<code>}. */
    public String batchStatus(Object code) {
        return named("batch.", code);
    }

    /**
     * The text for a code, or the code itself when the bundle has none: a state added to the enum before its text
     * still shows (ConsoleMessagesTest fails the build for it), rather than breaking the page.
     */
    static String named(String prefix, Object code) {
        return named(locale(), prefix, code);
    }

    static String named(Locale locale, String prefix, Object code) {
        if (code == null) {
            return "";
        }
        try {
            return message(locale, prefix + code);
        } catch (MissingResourceException e) {
            return code.toString();
        }
    }

    /** The text {@code key} in the current view's language, its arguments put in. */
    static String message(String key, Object... arguments) {
        return message(locale(), key, arguments);
    }

    /** The text {@code key} in {@code locale}. */
    static String message(Locale locale, String key, Object... arguments) {
        String pattern = ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK).getString(key);
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
    }

    /** The language of the view being processed (English outside a Faces request). */
    static Locale locale() {
        FacesContext faces = FacesContext.getCurrentInstance();
        return faces == null || faces.getViewRoot() == null
                ? Locale.ENGLISH
                : faces.getViewRoot().getLocale();
    }
}
