package org.sluice.bounce.control;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads RFC 3464 delivery status notifications with Jakarta Mail's own MIME classes: a multipart/report with
 * report-type=delivery-status, whose message/delivery-status part is a group of per-message fields followed by one
 * group per recipient (each group is header-shaped, so {@link InternetHeaders} reads them), and whose third part
 * returns the original message or its headers. Anything else (auto-replies, read receipts, spam, pre-RFC 3464
 * bounce texts) is not a DSN. Stateless and thread-safe.
 */
public final class DeliveryStatusParser {

    /** Where MTAs record the envelope recipient of a delivered message, most specific first. */
    private static final String[] ENVELOPE_HEADERS = {
        "Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To", "X-Rcpt-To", "To", "Cc", "Return-Path"
    };

    private static final Pattern STATUS = Pattern.compile("\\b([245]\\.\\d{1,3}\\.\\d{1,3})\\b");
    private static final int MAX_STATUS_BYTES = 64 * 1024;

    /**
     * @return the report, or empty when the message is not a delivery status notification
     * @throws MessagingException when the mailbox fails while the message is read
     * @throws IOException        likewise, for the message's content
     */
    public Optional<DeliveryStatusReport> parse(Message message) throws MessagingException, IOException {
        if (!isDeliveryReport(message)) {
            return Optional.empty();
        }
        if (!(message.getContent() instanceof Multipart report)) {
            return Optional.empty();
        }
        byte[] statusFields = null;
        InternetHeaders returned = null;
        for (int i = 0; i < report.getCount(); i++) {
            BodyPart part = report.getBodyPart(i);
            if (statusFields == null
                    && (part.isMimeType("message/delivery-status")
                            || part.isMimeType("message/global-delivery-status"))) {
                statusFields = bytesOf(part);
            } else if (returned == null
                    && (part.isMimeType("message/rfc822")
                            || part.isMimeType("text/rfc822-headers")
                            || part.isMimeType("message/global")
                            || part.isMimeType("message/global-headers"))) {
                try (InputStream in = part.getInputStream()) {
                    returned = new InternetHeaders(in);
                }
            }
        }
        if (statusFields == null) {
            return Optional.empty();
        }
        List<RecipientStatus> recipients = recipientsOf(statusFields);
        if (recipients.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DeliveryStatusReport(
                reportId(message, statusFields),
                envelopeAddresses(message),
                returned == null ? null : first(returned, "Message-ID"),
                returned == null ? null : first(returned, "Return-Path"),
                recipients));
    }

    private static boolean isDeliveryReport(Message message) throws MessagingException {
        String type = message.getContentType();
        if (type == null) {
            return false;
        }
        try {
            ContentType contentType = new ContentType(type);
            return contentType.match("multipart/report")
                    && "delivery-status".equalsIgnoreCase(contentType.getParameter("report-type"));
        } catch (ParseException malformed) {
            return false;
        }
    }

    /** RFC 3464 2.1: per-message fields, then per-recipient groups, each ended by a blank line. */
    static List<RecipientStatus> recipientsOf(byte[] statusFields) throws MessagingException {
        ByteArrayInputStream in = new ByteArrayInputStream(statusFields);
        new InternetHeaders(in); // per-message fields (Reporting-MTA, Arrival-Date...): nothing Sluice needs
        List<RecipientStatus> recipients = new ArrayList<>();
        while (in.available() > 0) {
            InternetHeaders group = new InternetHeaders(in);
            String action = first(group, "Action");
            String finalRecipient = address(first(group, "Final-Recipient"));
            if (action == null && finalRecipient == null) {
                continue; // an extra blank line
            }
            String statusField = first(group, "Status");
            Matcher status = STATUS.matcher(statusField == null ? "" : statusField);
            recipients.add(new RecipientStatus(
                    finalRecipient,
                    address(first(group, "Original-Recipient")),
                    action == null ? null : action.strip().toLowerCase(Locale.ROOT),
                    status.find() ? status.group(1) : null,
                    first(group, "Diagnostic-Code")));
        }
        return recipients;
    }

    private static List<String> envelopeAddresses(Message message) throws MessagingException {
        Set<String> found = new LinkedHashSet<>();
        for (String name : ENVELOPE_HEADERS) {
            String[] values = message.getHeader(name);
            if (values == null) {
                continue;
            }
            for (String value : values) {
                for (String address : addressesIn(MimeUtility.unfold(value))) {
                    found.add(address);
                }
            }
        }
        return new ArrayList<>(found);
    }

    private static List<String> addressesIn(String header) {
        List<String> addresses = new ArrayList<>();
        try {
            for (InternetAddress address : InternetAddress.parseHeader(header, false)) {
                if (address.getAddress() != null && !address.getAddress().isBlank()) {
                    addresses.add(address.getAddress());
                }
            }
        } catch (AddressException malformed) {
            // Header texts of bounces are often odd; an address we cannot read cannot be ours either.
        }
        return addresses;
    }

    /** "rfc822; user@example.org" -> "user@example.org" (RFC 3464 2.3.2: address-type ";" generic-address). */
    private static String address(String field) {
        if (field == null) {
            return null;
        }
        int semicolon = field.indexOf(';');
        String address = (semicolon >= 0 ? field.substring(semicolon + 1) : field).strip();
        if (address.startsWith("<") && address.endsWith(">")) {
            address = address.substring(1, address.length() - 1).strip();
        }
        return address.isEmpty() ? null : address;
    }

    private static String first(InternetHeaders headers, String name) {
        String value = headers.getHeader(name, null);
        return value == null
                ? null
                : MimeUtility.unfold(value).replaceAll("\\s+", " ").strip();
    }

    private static byte[] bytesOf(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readNBytes(MAX_STATUS_BYTES);
        }
    }

    private static String reportId(Message message, byte[] statusFields) throws MessagingException {
        String[] messageId = message.getHeader("Message-ID");
        if (messageId != null && messageId.length > 0 && !messageId[0].isBlank()) {
            return MimeUtility.unfold(messageId[0]).strip();
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String[] date = message.getHeader("Date");
            if (date != null && date.length > 0) {
                sha.update(date[0].getBytes(StandardCharsets.UTF_8));
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest(statusFields));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
