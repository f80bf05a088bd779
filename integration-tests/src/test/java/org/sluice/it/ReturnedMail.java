package org.sluice.it;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** What the bounce and complaint tests build their reports from: the mail Sluice sent, and mail written as text. */
final class ReturnedMail {

    private ReturnedMail() {}

    /** The messages Sluice delivered to {@code mail}'s SMTP server (they have a Return-Path), by recipient. */
    static Map<String, MimeMessage> receivedByRecipient(GreenMail mail) throws Exception {
        Map<String, MimeMessage> byRecipient = new HashMap<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            if (m.getAllRecipients() != null && m.getHeader("Return-Path") != null) {
                byRecipient.put(((InternetAddress) m.getAllRecipients()[0]).getAddress(), m);
            }
        }
        return byRecipient;
    }

    /** The message's return path as the SMTP server recorded it: {@code <address>}. */
    static String returnPath(MimeMessage received) throws Exception {
        return received.getHeader("Return-Path", ",");
    }

    /** A message written as text with LF line breaks, as a mailbox would store it (CRLF). */
    static MimeMessage message(String text) throws Exception {
        return new MimeMessage(
                Session.getInstance(new Properties()),
                new ByteArrayInputStream(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
    }
}
