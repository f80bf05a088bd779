package org.sluice.mta.control;

import jakarta.mail.Session;
import java.util.Properties;
import org.sluice.mta.entity.Mta;
import org.sluice.mta.entity.TlsMode;

/** Builds the Jakarta Mail Session for sending to one MTA (Angus Mail properties). */
public final class SmtpSessions {

    private SmtpSessions() {}

    /**
     * @param envelopeFrom the SMTP MAIL FROM (return path) for this campaign
     */
    public static Session forMta(Mta mta, String envelopeFrom) {
        boolean smtps = mta.getTlsMode() == TlsMode.SMTPS;
        String p = smtps ? "mail.smtps." : "mail.smtp.";
        Properties props = new Properties();
        props.put("mail.transport.protocol", smtps ? "smtps" : "smtp");
        props.put(p + "host", mta.getHost());
        props.put(p + "port", Integer.toString(mta.getPort()));
        props.put(p + "from", envelopeFrom);
        // Without all three a silent or stalled MTA holds a send thread forever (Angus's defaults are infinite);
        // the write timeout covers an MTA that stops reading in the middle of DATA.
        props.put(p + "connectiontimeout", millis("sluice.smtp.connect.timeout.millis", 10_000));
        props.put(p + "timeout", millis("sluice.smtp.read.timeout.millis", 60_000));
        props.put(p + "writetimeout", millis("sluice.smtp.write.timeout.millis", 60_000));
        // QUIT without waiting for the reply: the outcome of every message is already known.
        props.put(p + "quitwait", "false");
        if (smtps) {
            props.put(p + "ssl.checkserveridentity", "true");
        } else {
            props.put(p + "socketFactory", NoDelaySocketFactory.INSTANCE);
            if (mta.getTlsMode() != TlsMode.NONE) {
                props.put(p + "starttls.enable", "true");
                props.put(p + "ssl.checkserveridentity", "true");
            }
            if (mta.getTlsMode() == TlsMode.STARTTLS_REQUIRED) {
                props.put(p + "starttls.required", "true");
            }
        }
        if (mta.hasCredentials()) {
            props.put(p + "auth", "true");
        }
        return Session.getInstance(props);
    }

    /** Read at every session, so a changed system property applies to the next connection. */
    private static String millis(String property, long fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            return Long.toString(fallback);
        }
        try {
            long millis = Long.parseLong(value.strip());
            if (millis > 0) {
                return Long.toString(millis);
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException(
                "system property " + property + " must be a positive number of" + " milliseconds, got '" + value + "'");
    }
}
