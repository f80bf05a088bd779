package org.sluice.bounce.control;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Reads one message of the bounce mailbox: a complaint (feedback report), else an RFC 3464 DSN, else, unless it is an
 * auto-reply or read receipt, a bounce text. Malformed MIME gives empty, never an exception; only a lost mailbox
 * connection is thrown. Stateless and thread-safe.
 */
public final class BounceReader {

    private final DeliveryStatusParser deliveryStatus = new DeliveryStatusParser();

    /**
     * @return the report (a bounce of kind HARD, SOFT or NONE, or a complaint: {@link DeliveryStatusReport#isComplaint()}),
     *     or empty when the message is neither
     * @throws MessagingException when the mailbox connection is lost while the message is read
     * @throws IOException        likewise
     */
    public Optional<DeliveryStatusReport> read(Message message) throws MessagingException, IOException {
        List<Part> leaves = MimeParts.leaves(message);
        if (FeedbackReportReader.isFeedbackReport(message, leaves)) {
            return FeedbackReportReader.complaint(message, leaves);
        }
        Optional<DeliveryStatusReport> report = deliveryStatus.parse(message, leaves);
        if (report.isPresent()) {
            return report;
        }
        if (AutoReplies.isAutoReply(message, leaves)) {
            return Optional.empty();
        }
        Optional<DeliveryStatusReport> text = TextBounceReader.read(message, leaves);
        if (text.isPresent()) {
            Optional<DeliveryStatusReport> returned = returnedReport(leaves);
            if (returned.isPresent() && returned.get().kind() != org.sluice.bounce.entity.BounceKind.NONE) {
                return returned;
            }
        }
        return text;
    }

    /**
     * A bounce text that returns a DSN instead of the original message (a relay passing on the report it got): that
     * DSN's report. One level only.
     */
    private Optional<DeliveryStatusReport> returnedReport(List<Part> leaves) throws MessagingException {
        Part returned = MimeParts.first(leaves, "message/rfc822");
        if (returned == null) {
            return Optional.empty();
        }
        try {
            if (returned.getContent() instanceof Message inner) {
                return deliveryStatus.parse(inner, MimeParts.leaves(inner));
            }
        } catch (IOException | RuntimeException malformed) {
            // an unreadable returned message: the text's own report stands
        } catch (MessagingException malformed) {
            MimeParts.rethrowIfConnectionLost(malformed);
        }
        return Optional.empty();
    }
}
