package org.sluice.bounce.control;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Reads RFC 3464 delivery status notifications with Jakarta Mail's own MIME classes: a message/delivery-status part
 * is a group of per-message fields followed by one group per recipient (each group is header-shaped, so
 * {@link InternetHeaders} reads them), and a message/rfc822 or text/rfc822-headers part returns the original
 * message or its headers. Real DSNs bend the format, so this reader is lenient where it costs no certainty: the
 * status part may sit anywhere in nested multiparts and the report-type parameter may be missing; comments in fields
 * are ignored (RFC 3464 2.1); "error"/"failure" mean failed; a missing Status is taken from the Diagnostic-Code; lines
 * of white space separate groups like empty ones. Messages without a status part are not DSNs here (see
 * {@link BounceReader} for bounce texts). Stateless and thread-safe.
 *
 * <p>Angus Mail's {@code org.eclipse.angus.mail.dsn} classes were considered: they read the same fields into the same
 * {@link InternetHeaders} without a size bound or any of the leniency above, and are not in WildFly's Angus module.
 */
public final class DeliveryStatusParser {

    /** Where MTAs record the envelope recipient of a delivered message, most specific first. */
    private static final String[] ENVELOPE_HEADERS = {
        "Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To", "X-Rcpt-To", "To", "Cc", "Return-Path"
    };

    static final int MAX_STATUS_BYTES = 64 * 1024;

    /** Headers of a returned message are read up to here; the body is never needed. */
    static final int MAX_RETURNED_BYTES = 64 * 1024;

    private static final int MAX_RECIPIENTS = 100;

    /**
     * @return the report, or empty when the message is not a delivery status notification or is malformed
     * @throws MessagingException when the mailbox connection is lost while the message is read
     * @throws IOException        declared for callers that read other content; not thrown for malformed MIME
     */
    public Optional<DeliveryStatusReport> parse(Message message) throws MessagingException, IOException {
        return parse(message, MimeParts.leaves(message));
    }

    Optional<DeliveryStatusReport> parse(Message message, List<Part> leaves) throws MessagingException {
        Part statusPart = MimeParts.first(leaves, "message/delivery-status", "message/global-delivery-status");
        if (statusPart == null) {
            return Optional.empty();
        }
        byte[] statusFields = MimeParts.bytes(statusPart, MAX_STATUS_BYTES);
        List<RecipientStatus> recipients = recipientsOf(statusFields);
        if (recipients.isEmpty()) {
            return Optional.empty();
        }
        List<String> explanation = TextBounceReader.explanation(leaves);
        recipients = recipients.stream()
                .map(r -> r.diagnosticCode() != null && !r.diagnosticCode().isBlank()
                        ? r
                        : withDiagnostic(r, TextBounceReader.reasonFor(r.finalRecipient(), explanation), explanation))
                .toList();
        if (SmtpTranscript.refusedAfterData(explanation)) {
            recipients = recipients.stream()
                    .map(r -> new RecipientStatus(
                            r.finalRecipient(),
                            r.originalRecipient(),
                            r.action(),
                            r.status(),
                            r.diagnosticCode(),
                            true))
                    .toList();
        }
        InternetHeaders returned = returnedHeaders(leaves);
        return Optional.of(new DeliveryStatusReport(
                reportId(message, statusFields),
                envelopeAddresses(message),
                returned == null ? null : MimeParts.first(returned, "Message-ID"),
                returned == null ? null : MimeParts.first(returned, "Return-Path"),
                returned == null ? null : MimeParts.first(returned, "To"),
                recipients,
                null));
    }

    /** A recipient without a Diagnostic-Code given the reason the report's text states for it, if any. */
    private static RecipientStatus withDiagnostic(RecipientStatus r, String reason, List<String> explanation) {
        if (reason == null) {
            return r;
        }
        // a suspension the text states besides ("The user(s) account is disabled.") is part of the reason
        String diagnostic = reason + TextBounceReader.suspensionLines(explanation);
        return new RecipientStatus(
                r.finalRecipient(), r.originalRecipient(), r.action(), r.status(), diagnostic, r.refusedAfterData());
    }

    /** The returned message's headers, if a part returns them. */
    static InternetHeaders returnedHeaders(List<Part> leaves) throws MessagingException {
        Part returned = MimeParts.first(
                leaves,
                "message/rfc822",
                "text/rfc822-headers",
                "text/rfc822-header",
                "message/global",
                "message/global-headers",
                "message/rfc822-headers");
        if (returned == null) {
            return null;
        }
        InternetHeaders nested = MimeParts.nestedMessageHeaders(returned);
        return nested != null ? nested : MimeParts.headers(MimeParts.bytes(returned, MAX_RETURNED_BYTES));
    }

    /** RFC 3464 2.1: per-message fields, then per-recipient groups, each ended by a blank line. */
    static List<RecipientStatus> recipientsOf(byte[] statusFields) {
        ByteArrayInputStream in = new ByteArrayInputStream(blankWhiteLines(statusFields));
        List<RecipientStatus> recipients = new ArrayList<>();
        while (in.available() > 0 && recipients.size() < MAX_RECIPIENTS) {
            InternetHeaders group;
            try {
                group = new InternetHeaders(in);
            } catch (MessagingException malformed) {
                break;
            }
            String action = BounceClassifier.action(withoutComments(MimeParts.first(group, "Action")));
            String finalRecipient = address(MimeParts.first(group, "Final-Recipient"));
            String statusField = withoutComments(MimeParts.first(group, "Status"));
            if (action == null && finalRecipient == null) {
                continue; // the per-message group (Reporting-MTA, Arrival-Date...), or an extra blank line
            }
            String diagnostic = iso2022(MimeParts.first(group, "Diagnostic-Code"));
            recipients.add(new RecipientStatus(
                    finalRecipient,
                    address(MimeParts.first(group, "Original-Recipient")),
                    action,
                    statusOf(statusField, diagnostic),
                    diagnostic));
        }
        return recipients;
    }

    /**
     * The Status field's code; without one, or with a catch-all one (5.0.0), the remote MTA's more specific code of the
     * same class in the Diagnostic-Code ("smtp; 550 5.1.1 ...").
     */
    private static String statusOf(String statusField, String diagnostic) {
        Matcher status = BounceClassifier.STATUS.matcher(statusField == null ? "" : statusField);
        String field = status.find() ? status.group(1) : null;
        if (diagnostic == null) {
            return field;
        }
        return BounceClassifier.effectiveStatus(
                field, diagnostic.length() > 1000 ? diagnostic.substring(0, 1000) : diagnostic);
    }

    /**
     * A field with ISO-2022-JP escapes (Japanese MTAs write them raw, read here as ISO-8859-1) decoded, so its words
     * can be read; anything else unchanged.
     */
    static String iso2022(String field) {
        if (field == null || !(field.contains("\u001b$B") || field.contains("\u001b$@"))) {
            return field;
        }
        return new String(field.getBytes(StandardCharsets.ISO_8859_1), java.nio.charset.Charset.forName("ISO-2022-JP"));
    }

    /** Lines of only spaces and tabs end a group, as some MTAs write them; InternetHeaders would read them as folds. */
    private static byte[] blankWhiteLines(byte[] fields) {
        byte[] out = new byte[fields.length];
        int n = 0;
        int lineStart = 0;
        boolean white = true;
        for (int i = 0; i < fields.length; i++) {
            byte b = fields[i];
            if (b == '\n') {
                if (white) {
                    n = lineStart; // drop the white space (and a CR), keep the line break
                }
                out[n++] = b;
                lineStart = n;
                white = true;
            } else {
                out[n++] = b;
                if (b != ' ' && b != '\t' && b != '\r') {
                    white = false;
                }
            }
        }
        byte[] result = new byte[n];
        System.arraycopy(out, 0, result, 0, n);
        return result;
    }

    /** RFC 3464 2.1 (RFC 822 comments): "failed (Bad destination mailbox address)" -> "failed". */
    static String withoutComments(String field) {
        if (field == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(field.length());
        int depth = 0;
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString().strip();
    }

    static List<String> envelopeAddresses(Message message) throws MessagingException {
        Set<String> found = new LinkedHashSet<>();
        for (String name : ENVELOPE_HEADERS) {
            String[] values;
            try {
                values = message.getHeader(name);
            } catch (MessagingException malformed) {
                MimeParts.rethrowIfConnectionLost(malformed);
                continue;
            }
            if (values == null) {
                continue;
            }
            for (String value : values) {
                found.addAll(addressesIn(MimeParts.oneLine(value)));
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
    static String address(String field) {
        if (field == null) {
            return null;
        }
        int semicolon = field.indexOf(';');
        String address = withoutComments(semicolon >= 0 ? field.substring(semicolon + 1) : field);
        if (address.startsWith("<") && address.endsWith(">")) {
            address = address.substring(1, address.length() - 1).strip();
        }
        return address.isEmpty() ? null : address;
    }

    static String reportId(Message message, byte[] content) throws MessagingException {
        String messageId = MimeParts.first(message, "Message-ID");
        if (messageId != null && !messageId.isBlank()) {
            return messageId;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String date = MimeParts.first(message, "Date");
            if (date != null) {
                sha.update(date.getBytes(StandardCharsets.UTF_8));
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
