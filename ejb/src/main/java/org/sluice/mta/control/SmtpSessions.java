package org.sluice.mta.control;

import jakarta.mail.Session;
import java.util.Properties;
import org.sluice.config.Setting;
import org.sluice.mta.entity.Mta;
import org.sluice.mta.entity.TlsMode;

/** Builds the Jakarta Mail Session for sending to one MTA (Angus Mail properties). */
public final class SmtpSessions {

    public static final Setting CONNECT_TIMEOUT = Setting.of("sluice.smtp.connect-timeout-millis", "10000");
    public static final Setting READ_TIMEOUT = Setting.of("sluice.smtp.read-timeout-millis", "60000");
    public static final Setting WRITE_TIMEOUT = Setting.of("sluice.smtp.write-timeout-millis", "60000");

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
        // Read at every session, so a changed setting applies to the next connection.
        props.put(p + "connectiontimeout", millis(CONNECT_TIMEOUT));
        props.put(p + "timeout", millis(READ_TIMEOUT));
        props.put(p + "writetimeout", millis(WRITE_TIMEOUT));
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

    private static String millis(Setting timeout) {
        return Long.toString(timeout.longValue(1, "milliseconds"));
    }
}
