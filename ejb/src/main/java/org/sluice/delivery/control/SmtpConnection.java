package org.sluice.delivery.control;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.logging.Logger;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.sluice.message.control.PersonalMessage;
import org.sluice.mta.control.SmtpSessions;
import org.sluice.mta.entity.Mta;

/**
 * One SMTP connection to one MTA, kept open across messages and chunks (opening a connection per message
 * halves the rate). A refused recipient or message is an outcome, not an error; a lost connection is
 * re-opened once and the message re-sent, and if that fails too the caller gets the exception.
 */
public final class SmtpConnection implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SmtpConnection.class.getName());

    private final Mta mta;
    private final Session session;
    private SMTPTransport transport;

    /** @param envelopeFrom MAIL FROM for messages without their own envelope sender (see PersonalMessage) */
    public SmtpConnection(Mta mta, String envelopeFrom) {
        this.mta = mta;
        this.session = SmtpSessions.forMta(mta, envelopeFrom);
    }

    public Mta mta() {
        return mta;
    }

    /**
     * @throws MessagingException when the MTA cannot be reached twice in a row, or refuses the campaign's
     *                            sender (MAIL FROM): then no recipient can be mailed, and none is marked
     */
    public DeliveryOutcome send(PersonalMessage message) throws MessagingException {
        try {
            return sendOnce(message, null);
        } catch (SenderRefusedException refused) {
            throw refused;
        } catch (MessagingException lost) {
            LOG.warning(() -> mta + ": connection lost (" + lost.getMessage() + "), reconnecting");
            close();
            String lostBefore = lost instanceof OutcomeUnknownException ? lost.getMessage() : null;
            try {
                return sendOnce(message, lostBefore);
            } catch (SenderRefusedException refused) {
                throw refused;
            } catch (MessagingException again) {
                close();
                int unknown = (lostBefore == null ? 0 : 1) + (again instanceof OutcomeUnknownException ? 1 : 0);
                String reason = mta + " failed twice in a row: " + SmtpFailureText.describe(again);
                throw unknown == 0
                        ? new MessagingException(reason, again)
                        : new OutcomeUnknownException(reason, unknown, again);
            }
        }
    }

    private DeliveryOutcome sendOnce(PersonalMessage message, String lostBefore) throws MessagingException {
        SMTPTransport smtp = connected(); // failing here, no transaction was open: nothing can have been accepted
        try {
            MimeMessage mime = withEnvelopeSender(message);
            smtp.sendMessage(mime, mime.getAllRecipients());
            return new DeliveryOutcome(
                    message.recipientId(),
                    message.messageId(),
                    new SmtpReply(smtp.getLastReturnCode(), smtp.getLastServerResponse()),
                    message.isRetry(),
                    lostBefore,
                    message.address());
        } catch (SendFailedException refused) {
            SmtpReply reply = replyOf(refused);
            if (reply.code() == 421) {
                // RFC 5321 4.2.3: the MTA is closing the channel; the command failed, so nothing was accepted.
                throw new MessagingException("no usable reply (" + reply + ")", refused);
            }
            if (closesTheConnection(reply)) {
                // Angus reports a socket closed under a command (EOF, code -1) as a "send failure". Under MAIL or
                // RCPT nothing can have been accepted (e.g. the MTA closed an idle connection); at the end of DATA
                // the MTA may have taken the message: the outcome is unknown.
                if (beforeData(refused)) {
                    throw new MessagingException("connection closed without a reply (" + reply + ")", refused);
                }
                throw new OutcomeUnknownException("connection closed without a reply (" + reply + ")", 1, refused);
            }
            if (isSenderRefusal(refused)) {
                // The same answer awaits every recipient, so this is the campaign's problem
                // (RFC 5321 3.3: MAIL FROM), not this recipient's.
                SMTPSendFailedException send = (SMTPSendFailedException) refused;
                throw new SenderRefusedException(
                        mta + " refused the sender: " + send.getCommand().strip() + " -> " + reply, refused);
            }
            return new DeliveryOutcome(
                    message.recipientId(),
                    message.messageId(),
                    reply,
                    message.isRetry(),
                    lostBefore,
                    message.address());
        } catch (SenderRefusedException | OutcomeUnknownException e) {
            throw e;
        } catch (MessagingException broken) {
            // A failed write means the MTA never got the end of the data, so it cannot have accepted the message.
            // A failed read of a reply may have lost the answer to the final "." (the MTA may have the message);
            // Angus does not say which reply it was reading, so every lost reply counts as an unknown outcome.
            String what = "connection lost in the SMTP transaction (" + broken.getMessage() + ")";
            if (broken.getMessage() != null && broken.getMessage().startsWith("Exception reading response")) {
                throw new OutcomeUnknownException(what, 1, broken);
            }
            throw new MessagingException(what, broken);
        }
    }

    /**
     * The connection was lost inside one or more SMTP transactions for this message, after which the MTA may or may
     * not have accepted it: the recipient stays to be sent again, and the lost transactions are counted.
     */
    public static final class OutcomeUnknownException extends MessagingException {
        private static final long serialVersionUID = 1L;
        private final int transactions;

        OutcomeUnknownException(String message, int transactions, Exception cause) {
            super(message, cause);
            this.transactions = transactions;
        }

        /** How many transactions for the message ended without a reply (1 or 2). */
        public int transactions() {
            return transactions;
        }
    }

    /**
     * The message's own envelope sender (VERP) wins over this connection's default (mail.smtp.from): Angus takes an
     * SMTPMessage's envelope sender for MAIL FROM. Bounces then need only the returned headers (RFC 3461 4.3,
     * RET=HDRS; sent only to MTAs that announce DSN).
     */
    private static MimeMessage withEnvelopeSender(PersonalMessage message) throws MessagingException {
        MimeMessage mime = message.message();
        if (message.envelopeSender() == null) {
            return mime;
        }
        SMTPMessage smtp = mime instanceof SMTPMessage own ? own : new SMTPMessage(mime);
        smtp.setEnvelopeFrom(message.envelopeSender());
        smtp.setReturnOption(SMTPMessage.RETURN_HDRS);
        return smtp;
    }

    /** No reply at all, or RFC 5321 4.2.3's 421 "closing transmission channel". */
    static boolean closesTheConnection(SmtpReply reply) {
        return reply.code() <= SmtpReply.NO_REPLY || reply.code() == 421;
    }

    /** The failed command was MAIL FROM, RCPT TO or DATA itself: the message data had not been sent. */
    private static boolean beforeData(SendFailedException refused) {
        String command = refused instanceof SMTPSendFailedException send ? send.getCommand() : null;
        return command != null
                && (command.startsWith("MAIL") || command.startsWith("RCPT") || command.startsWith("DATA"));
    }

    private static boolean isSenderRefusal(SendFailedException refused) {
        return refused instanceof SMTPSendFailedException send
                && send.getCommand() != null
                && send.getCommand().startsWith("MAIL");
    }

    /** The MTA refused the campaign's envelope sender: retrying on a new connection will not help. */
    public static final class SenderRefusedException extends MessagingException {
        private static final long serialVersionUID = 1L;

        SenderRefusedException(String message, Exception cause) {
            super(message, cause);
        }
    }

    private SMTPTransport connected() throws MessagingException {
        if (transport == null) {
            Transport t = session.getTransport();
            if (mta.hasCredentials()) {
                t.connect(mta.getUsername(), mta.getPassword());
            } else {
                t.connect();
            }
            transport = (SMTPTransport) t;
        }
        return transport;
    }

    /** The reply behind a refusal: at RCPT (address refused) or after MAIL/DATA (message refused). */
    static SmtpReply replyOf(SendFailedException refused) {
        for (Exception e = refused; e != null; ) {
            if (e instanceof SMTPAddressFailedException address) {
                return new SmtpReply(address.getReturnCode(), address.getMessage());
            }
            if (e instanceof SMTPSendFailedException send
                    && send.getReturnCode() > 0
                    && !(send.getNextException() instanceof SMTPAddressFailedException)) {
                return new SmtpReply(send.getReturnCode(), send.getMessage());
            }
            e = e instanceof MessagingException m ? m.getNextException() : null;
        }
        return new SmtpReply(SmtpReply.NO_REPLY, refused.getMessage());
    }

    @Override
    public void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                LOG.fine(() -> mta + ": error while closing: " + e.getMessage());
            }
            transport = null;
        }
    }
}
