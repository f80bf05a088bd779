package org.sluice.mta.control;

import jakarta.mail.Session;
import java.util.Properties;
import org.sluice.mta.entity.Mta;
import org.sluice.mta.entity.TlsMode;

/** Builds the Jakarta Mail Session for sending to one MTA (Angus Mail properties). */
public final class SmtpSessions {

    private SmtpSessions() {
    }

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
        props.put(p + "connectiontimeout", "10000");
        props.put(p + "timeout", "60000");
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
}
