package org.sluice.message.control;

import jakarta.mail.internet.MimeMessage;

/** A rendered message on its way to the writer, still tied to its recipient. */
public record PersonalMessage(long recipientId, String messageId, MimeMessage message) {
}
