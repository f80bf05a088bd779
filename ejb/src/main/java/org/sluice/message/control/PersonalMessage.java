package org.sluice.message.control;

import jakarta.mail.internet.MimeMessage;

/**
 * A rendered message on its way to the writer, still tied to its recipient.
 *
 * @param envelopeSender the SMTP MAIL FROM for this message (a VERP address when a bounce address is configured);
 *                       null leaves it to the connection's default
 */
public record PersonalMessage(long recipientId, String messageId, MimeMessage message, String envelopeSender) {

    public PersonalMessage(long recipientId, String messageId, MimeMessage message) {
        this(recipientId, messageId, message, null);
    }
}
