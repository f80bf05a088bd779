package org.sluice.bounce.control;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetHeaders;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads complaints from feedback loops: RFC 5965 ARF reports (a message/feedback-report part, as Yahoo, AOL, Comcast,
 * Amazon SES and Return Path's FBLs send them) and Microsoft's JMRP/SNDS reports, a "complaint about message from"
 * mail that returns the message with X-HmXmrOriginalRecipient. The report carries the returned message's Return-Path,
 * Message-ID and To, so {@link BounceMatcher} matches it like a bounce, and the Original-Rcpt-To as the recipient.
 * DMARC failure reports (Feedback-Type: auth-failure) and not-spam reports are feedback reports but no complaint.
 */
final class FeedbackReportReader {

    /** Feedback types by which the recipient says the mail is unwanted (RFC 5965 7.3, RFC 6650). */
    private static final Set<String> COMPLAINTS = Set.of("abuse", "fraud", "opt-out", "opt-out-list", "other", "virus");

    private static final Pattern MICROSOFT_OR_AOL_SUBJECT =
            Pattern.compile("^\\s*(?:fw:\\s*)?complaint about message from|client tos notification");

    private static final int MAX_FIELDS_BYTES = 16 * 1024;

    private FeedbackReportReader() {}

    static boolean isFeedbackReport(Message message, List<Part> leaves) throws MessagingException {
        if (MimeParts.first(leaves, "message/feedback-report") != null) {
            return true;
        }
        String contentType = AutoReplies.lower(MimeParts.first(message, "Content-Type"));
        if (contentType.contains("report-type=feedback-report")
                || contentType.contains("report-type=\"feedback-report\"")) {
            return true;
        }
        return isMicrosoftOrAolReport(message, leaves);
    }

    private static boolean isMicrosoftOrAolReport(Message message, List<Part> leaves) throws MessagingException {
        return MICROSOFT_OR_AOL_SUBJECT
                        .matcher(AutoReplies.lower(AutoReplies.subjectOf(message)))
                        .find()
                && MimeParts.first(leaves, "message/rfc822") != null;
    }

    /** @return the complaint, or empty when the feedback report is not a complaint or names no message */
    static Optional<DeliveryStatusReport> complaint(Message message, List<Part> leaves) throws MessagingException {
        Part fieldsPart = MimeParts.first(leaves, "message/feedback-report");
        InternetHeaders fields = fieldsPart == null
                ? new InternetHeaders()
                : MimeParts.headers(MimeParts.bytes(fieldsPart, MAX_FIELDS_BYTES));
        String feedbackType = MimeParts.first(fields, "Feedback-Type");
        if (feedbackType == null && fieldsPart == null && isMicrosoftOrAolReport(message, leaves)) {
            feedbackType = "abuse"; // JMRP and AOL's old reports have no fields: each one is a "this is spam" click
        }
        String type = feedbackType == null
                ? ""
                : DeliveryStatusParser.withoutComments(feedbackType).toLowerCase(Locale.ROOT);
        if (!COMPLAINTS.contains(type)) {
            return Optional.empty();
        }
        InternetHeaders returned = DeliveryStatusParser.returnedHeaders(leaves);
        String returnPath = returned == null ? null : MimeParts.first(returned, "Return-Path");
        String messageId = returned == null ? null : MimeParts.first(returned, "Message-ID");
        String to = returned == null ? null : MimeParts.first(returned, "To");
        String recipient = DeliveryStatusParser.address(MimeParts.first(fields, "Original-Rcpt-To"));
        if (recipient == null && returned != null) {
            recipient = DeliveryStatusParser.address(MimeParts.first(returned, "X-HmXmrOriginalRecipient"));
        }
        if (recipient == null) {
            recipient = TextBounceReader.firstAddress(to);
        }
        String userAgent = MimeParts.first(fields, "User-Agent");
        String diagnostic = "feedback-type: " + type + (userAgent == null ? "" : "; user-agent: " + userAgent);
        byte[] identity = (String.valueOf(messageId) + "|" + recipient + "|" + type)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return Optional.of(new DeliveryStatusReport(
                DeliveryStatusParser.reportId(message, identity),
                DeliveryStatusParser.envelopeAddresses(message),
                messageId,
                returnPath,
                to,
                List.of(new RecipientStatus(recipient, recipient, "complaint", null, diagnostic)),
                type));
    }
}
