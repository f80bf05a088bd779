package org.sluice.message.control;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;

/**
 * A rendered message on its way to the writer, still tied to its recipient.
 *
 * @param envelopeSender the SMTP MAIL FROM for this message (a VERP address when a bounce address is configured);
 *                       null leaves it to the connection's default
 * @param notBefore      for a recipient the MTA deferred (4xx): when it may be tried again; null for a first try
 */
public record PersonalMessage(
        long recipientId, String messageId, MimeMessage message, String envelopeSender, Instant notBefore) {

    public PersonalMessage(long recipientId, String messageId, MimeMessage message, String envelopeSender) {
        this(recipientId, messageId, message, envelopeSender, null);
    }

    public PersonalMessage(long recipientId, String messageId, MimeMessage message) {
        this(recipientId, messageId, message, null, null);
    }

    /** The address the message is for (its first recipient), or null when it cannot be read. */
    public String address() {
        try {
            Address[] to = message.getAllRecipients();
            return to == null || to.length == 0
                    ? null
                    : to[0] instanceof InternetAddress internet ? internet.getAddress() : to[0].toString();
        } catch (MessagingException e) {
            return null;
        }
    }

    /** A retry of a recipient the MTA deferred: not to be sent before {@link #notBefore()}. */
    public boolean isRetry() {
        return notBefore != null;
    }
}
