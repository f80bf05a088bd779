package org.sluice.delivery.control;

import jakarta.mail.MessagingException;

/**
 * The words an admin needs from a failed SMTP attempt. Angus's own message says where it failed ("Couldn't
 * connect to host, port: ...", "Exception reading response") but the cause, the part that says what to fix
 * (unknown host, connection refused, read timed out, an untrusted certificate), is only in the exception chain.
 */
final class SmtpFailureText {

    private SmtpFailureText() {}

    /** The failure's message, then what its causes add to it, innermost with its type ("UnknownHostException"). */
    static String describe(Exception failure) {
        String message = String.valueOf(failure.getMessage());
        StringBuilder causes = new StringBuilder();
        Throwable t = failure;
        for (Throwable next = causeOf(t); next != null && next != t; next = causeOf(t)) {
            t = next;
            boolean innermost = causeOf(t) == null || causeOf(t) == t;
            String part = innermost ? t.getClass().getSimpleName() + ": " + t.getMessage() : t.getMessage();
            if (t.getMessage() != null
                    && !message.contains(part)
                    && !causes.toString().contains(part)) {
                causes.append(causes.length() == 0 ? "" : "; ").append(part);
            }
        }
        return causes.length() == 0 ? message : message + " (" + causes + ")";
    }

    private static Throwable causeOf(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null) {
            return m.getNextException();
        }
        return t.getCause();
    }
}
