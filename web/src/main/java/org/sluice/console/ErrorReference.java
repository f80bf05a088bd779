package org.sluice.console;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The short reference an error page shows and the server log carries with the error's cause. */
final class ErrorReference {

    /** Request attribute: the reference under which the error of this request was logged. */
    static final String ATTRIBUTE = "org.sluice.console.errorReference";

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{10}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ErrorReference() {}

    static String next() {
        byte[] bytes = new byte[5];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A reference given in a URL, or null if it is not one: only references ever reach the page. */
    static String parse(String given) {
        return given != null && FORMAT.matcher(given).matches() ? given : null;
    }
}
