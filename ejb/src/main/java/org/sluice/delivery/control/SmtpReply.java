package org.sluice.delivery.control;

/**
 * An SMTP reply as RFC 5321 4.2 classifies it: 2yz accepted, 4yz transient (try again later), 5yz
 * permanent (do not retry). Code 0 means no reply was read (connection lost).
 */
public record SmtpReply(int code, String text) {

    public static final int NO_REPLY = 0;

    public SmtpReply {
        text = text == null ? "" : text.strip();
        if (text.length() > 1000) {
            text = text.substring(0, 1000);
        }
    }

    public boolean accepted() {
        return code >= 200 && code < 300;
    }

    public boolean transientFailure() {
        return code >= 400 && code < 500;
    }

    public boolean permanentFailure() {
        return code >= 500 && code < 600;
    }

    @Override
    public String toString() {
        return text.startsWith(Integer.toString(code)) ? text : code + " " + text;
    }
}
