package org.sluice.message.control;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A MimeMessage whose Message-ID is chosen by Sluice instead of generated at saveChanges(). An SMTPMessage, so each
 * message can carry its own envelope sender over a connection shared by many (Angus reads it at MAIL FROM).
 */
final class FixedIdMimeMessage extends SMTPMessage {

    private final String messageId;

    FixedIdMimeMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }
}
