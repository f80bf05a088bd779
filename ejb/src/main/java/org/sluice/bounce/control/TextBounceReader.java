package org.sluice.bounce.control;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads bounces that have no delivery-status part: the texts of qmail, Exim, old Postfix and sendmail, Exchange and
 * Lotus Notes NDRs, Yahoo, smtp32 and the like. A message counts only if it looks like an MTA's (a daemon sender, a
 * bounce subject or X-Failed-Recipients); its reason lines (those with an SMTP status or reply code, else those with
 * a known phrase) before the returned message are the diagnostic that {@link BounceClassifier} weighs. Everything is
 * read within limits: the text up to {@link #MAX_TEXT_BYTES}, lines cut at {@link #MAX_LINE}, so no pattern ever
 * runs over an attacker's megabyte line.
 */
final class TextBounceReader {

    static final int MAX_TEXT_BYTES = 64 * 1024;
    static final int MAX_LINE = 1000;
    private static final int MAX_LINES = 400;
    private static final int MAX_REASON_LINES = 4;

    private static final Pattern BOUNCE_SUBJECT = Pattern.compile("undeliver|undelivered|not delivered|delivery"
            + " (?:status|failure|failed|has failed|problem|notification|report)|failure notice|failed delivery"
            + "|returned mail|returned to sender|mail delivery|delivery failed|could not be delivered|nondeliver"
            + "|non-deliver|unzustellbar|non remis|non recapitabile|no entregado|message not deliverable"
            + "|mail system error|delivery error|rejected|bounced|undeliverable|permanent error|warning: could not"
            + "|delayed mail|delivery delayed|delivery notification|mail failure|error sending|onbestelbaar");

    private static final Pattern DAEMON_SENDER = Pattern.compile("mailer-daemon|postmaster|mail delivery"
            + "|maildelivery|mdaemon|mail administrator|mailadmin|mail-daemon|noreply-dmarc|internet mail delivery");

    /** Where the returned message begins: the reasons end there (its text could say anything). */
    private static final Pattern RETURNED_MARKER = Pattern.compile("^\\s*[-=_*]{2,}.{0,100}(?:original|returned"
            + "|copy of|below this line|message header|headers of|undelivered message|message text follows)"
            + "|^\\s*(?:original message follows|original message headers|the original message headers"
            + "|-{2,} ?original message ?-{2,}|message headers follow|returned message follows)");

    private static final Pattern RETURNED_HEADER_LINE = Pattern.compile(
            "^(?:return-path|received|message-id|delivered-to|x-original-to|from|to|subject|date"
                    + "|mime-version|x-[\\w-]{1,60})\\s*:",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern REASON_PHRASE = Pattern.compile(
            "unknown|no such|not found|does not exist"
                    + "|doesn't exist|invalid|unavailable|disabled|not listed|full|quota|exceed|denied|rejected|refused"
                    + "|blocked|spam|policy|unrout|host|no mx|timed? ?out|expired|too many|moved|not recognized"
                    + "|could not be delivered|suspend|inactive|deactivated|deferred|temporar|retry|error"
                    + "|ありません|見つかりません|存在しません",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern DELAYED = Pattern.compile(
            "delayed|will (?:be )?retr|will keep trying|still trying"
                    + "|not yet been delivered|will continue to|will try again|warning: could not send|delivery delay"
                    + "|has been deferred|deferred",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern GAVE_UP = Pattern.compile(
            "permanent|given up|giving up|could not be delivered|returned mail"
                    + "|couldn't be delivered|was not delivered|wasn't delivered|failed|undeliverable|unable to deliver"
                    + "|delivery has failed",
            Pattern.CASE_INSENSITIVE);

    static final Pattern ADDRESS =
            Pattern.compile("[A-Za-z0-9._%+=&'/-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){1,8}");

    private TextBounceReader() {}

    static boolean hasBounceSubject(String lowerSubject) {
        return BOUNCE_SUBJECT.matcher(lowerSubject).find();
    }

    static Optional<DeliveryStatusReport> read(Message message, List<Part> leaves) throws MessagingException {
        String subject = AutoReplies.lower(AutoReplies.subjectOf(message));
        String from = AutoReplies.lower(MimeParts.first(message, "From"));
        String failedRecipients = MimeParts.first(message, "X-Failed-Recipients");
        if (failedRecipients == null
                && !hasBounceSubject(subject)
                && !DAEMON_SENDER.matcher(from).find()) {
            return Optional.empty();
        }
        String text = text(leaves);
        List<String> lines = lines(text);
        int returnedAt = returnedMessageStart(lines);
        List<String> reasons = lines.subList(0, returnedAt);
        String diagnostic = reasonLines(reasons);
        if (diagnostic == null && failedRecipients == null) {
            return Optional.empty(); // a mail from a postmaster, but it names no failure
        }
        String status = statusIn(diagnostic);
        String action = actionOf(subject, reasons);
        InternetHeaders returned = DeliveryStatusParser.returnedHeaders(leaves);
        if (returned == null && returnedAt < lines.size()) {
            returned = headersFrom(lines, returnedAt);
        }
        String to = returned == null ? null : MimeParts.first(returned, "To");
        String recipient = failedRecipients != null ? firstAddress(failedRecipients) : null;
        if (recipient == null) {
            recipient = recipientIn(reasons, message);
        }
        if (recipient == null) {
            recipient = firstAddress(to);
        }
        return Optional.of(new DeliveryStatusReport(
                DeliveryStatusParser.reportId(message, text.getBytes(StandardCharsets.UTF_8)),
                DeliveryStatusParser.envelopeAddresses(message),
                returned == null ? null : MimeParts.first(returned, "Message-ID"),
                returned == null ? null : MimeParts.first(returned, "Return-Path"),
                to,
                List.of(new RecipientStatus(
                        recipient, null, action, status, diagnostic, SmtpTranscript.refusedAfterData(reasons))),
                null));
    }

    /** The first text part (an HTML one without tags if there is no plain one), bounded; "" if none. */
    private static String text(List<Part> leaves) throws MessagingException {
        Part textPart = MimeParts.first(leaves, "text/plain");
        if (textPart != null) {
            return MimeParts.text(textPart, MAX_TEXT_BYTES);
        }
        textPart = MimeParts.first(leaves, "text/html");
        return textPart == null ? "" : withoutTags(MimeParts.text(textPart, MAX_TEXT_BYTES));
    }

    /** The lines of the first text part before the returned message: what the reporting MTA says. */
    static List<String> explanation(List<Part> leaves) throws MessagingException {
        List<String> lines = lines(text(leaves));
        return lines.subList(0, returnedMessageStart(lines));
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start <= text.length() && lines.size() < MAX_LINES) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(start, Math.min(end, start + MAX_LINE));
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            start = end + 1;
        }
        return lines;
    }

    /** The index of the first line of the returned message (a marker line, or returned headers), else the end. */
    private static int returnedMessageStart(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (RETURNED_MARKER.matcher(line.toLowerCase(Locale.ROOT)).find()) {
                return i;
            }
            if (i > 0 && line.regionMatches(true, 0, "Received:", 0, 9)
                    || line.regionMatches(true, 0, "Return-Path:", 0, 12)) {
                return i;
            }
        }
        return lines.size();
    }

    /** The returned headers in the text after the marker, from the first header-shaped line on. */
    private static InternetHeaders headersFrom(List<String> lines, int from) {
        for (int i = from; i < lines.size() && i < from + 20; i++) {
            if (RETURNED_HEADER_LINE.matcher(lines.get(i)).find()) {
                String headers = String.join("\r\n", lines.subList(i, lines.size())) + "\r\n\r\n";
                return MimeParts.headers(headers.getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return null;
    }

    /**
     * The lines that give the reason: those with a status or reply code (and the line after each, where MTAs
     * continue), else those with a known phrase; null if none.
     */
    private static String reasonLines(List<String> reasons) {
        List<String> found = new ArrayList<>();
        // In a transcript (">>> RCPT", "<<< 550 ..."), the remote replies decide; the reporting MTA's own temporary
        // lines there are about its connection ("421 ... Deferred: Connection timed out"), not the address.
        boolean transcript = reasons.stream().anyMatch(line -> line.strip().startsWith("<<< "));
        for (int i = 0; i < reasons.size() && found.size() < MAX_REASON_LINES; i++) {
            String line = reasons.get(i).strip();
            if (hasCode(line)) {
                if (transcript && !line.startsWith("<<<") && line.startsWith("4")) {
                    continue;
                }
                found.add(line);
                if (i + 1 < reasons.size()
                        && !reasons.get(i + 1).isBlank()
                        && !hasCode(reasons.get(i + 1).strip())) {
                    found.add(reasons.get(++i).strip());
                }
            } else if (BounceClassifier.ADDRESS_SURELY_GONE
                    .matcher(line.toLowerCase(Locale.ROOT))
                    .find()) {
                found.add(line); // a delivery agent's own words: "mail.local: unknown user: ..."
            }
        }
        if (found.isEmpty()) {
            for (int i = 0; i < reasons.size() && found.size() < MAX_REASON_LINES; i++) {
                String line = reasons.get(i).strip();
                if (REASON_PHRASE.matcher(line).find()) {
                    found.add(line);
                }
            }
        }
        for (String reason : recipientReasons(reasons)) {
            if (!found.contains(reason)) {
                found.add(reason);
            }
        }
        return found.isEmpty() ? null : String.join(" ", found);
    }

    private static boolean hasCode(String line) {
        return BounceClassifier.STATUS.matcher(line).find()
                || BounceClassifier.REPLY.matcher(line).find();
    }

    /** A line that is only an address: "  user@example.org", "<user@example.org>". */
    private static final Pattern ADDRESS_LINE = Pattern.compile("^\\s*<?" + ADDRESS.pattern() + ">?:?\\s*$");

    /**
     * The reasons given under a line of only an address (Exim: "  user@example.org" then an indented reason),
     * for every such address, at most {@link #MAX_REASON_LINES}.
     */
    private static List<String> recipientReasons(List<String> lines) {
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i + 1 < lines.size() && reasons.size() < MAX_REASON_LINES; i++) {
            if (ADDRESS_LINE.matcher(lines.get(i)).matches()) {
                String next = lines.get(i + 1);
                if (!next.isBlank()
                        && indent(next) > indent(lines.get(i))
                        && !ADDRESS_LINE.matcher(next).matches()) {
                    reasons.add(next.strip());
                }
            }
        }
        return reasons;
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && Character.isWhitespace(line.charAt(n))) {
            n++;
        }
        return n;
    }

    /** Lines of the explanation that say an account is suspended or disabled, joined; "" if none. */
    static String suspensionLines(List<String> lines) {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (BounceClassifier.SUSPENDED
                            .matcher(line.toLowerCase(Locale.ROOT))
                            .find()
                    && out.length() < MAX_LINE) {
                out.append(' ').append(line.strip());
            }
        }
        return out.toString();
    }

    /**
     * What the explanation says about one recipient: "user@example.org: Domain does not exist" (OpenSMTPD), or
     * the indented line under a line of only that address (Exim); null if nothing.
     */
    static String reasonFor(String recipient, List<String> lines) {
        if (recipient == null || recipient.isBlank()) {
            return null;
        }
        String wanted = recipient.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String lower = line.toLowerCase(Locale.ROOT);
            int at = lower.indexOf(wanted);
            if (at < 0) {
                continue;
            }
            String rest = line.substring(at + wanted.length()).replaceFirst("^>?\\s*(?::|\\.\\.\\.|,)\\s*", "");
            if (!rest.isBlank() && rest.length() < line.length() - wanted.length()) {
                return rest.strip();
            }
            if (ADDRESS_LINE.matcher(lines.get(i)).matches()
                    && i + 1 < lines.size()
                    && !lines.get(i + 1).isBlank()
                    && indent(lines.get(i + 1)) > indent(lines.get(i))) {
                return lines.get(i + 1).strip();
            }
        }
        return null;
    }

    private static String statusIn(String diagnostic) {
        if (diagnostic == null) {
            return null;
        }
        Matcher status = BounceClassifier.STATUS.matcher(diagnostic);
        String first = null;
        while (status.find()) {
            String code = status.group(1);
            if (!code.startsWith("2.")) {
                return code;
            }
            first = first == null ? code : first;
        }
        return first;
    }

    private static String actionOf(String subject, List<String> reasons) {
        String text = subject + "\n" + String.join("\n", reasons);
        boolean gaveUp = GAVE_UP.matcher(text).find();
        return DELAYED.matcher(text).find() && !gaveUp ? "delayed" : "failed";
    }

    /** The first address in the reasons that is not the bounce's own sender or recipient. */
    private static String recipientIn(List<String> reasons, Message message) throws MessagingException {
        String own = AutoReplies.lower(MimeParts.first(message, "From")) + " "
                + AutoReplies.lower(MimeParts.first(message, "To"));
        for (String line : reasons) {
            Matcher address = ADDRESS.matcher(line);
            while (address.find()) {
                String candidate = address.group();
                String lower = candidate.toLowerCase(Locale.ROOT);
                if (!own.contains(lower) && !lower.startsWith("mailer-daemon@") && !lower.startsWith("postmaster@")) {
                    return candidate;
                }
            }
        }
        return null;
    }

    static String firstAddress(String text) {
        if (text == null) {
            return null;
        }
        Matcher address = ADDRESS.matcher(text.length() > MAX_LINE ? text.substring(0, MAX_LINE) : text);
        return address.find() ? address.group() : null;
    }

    /** Rough text of an HTML-only NDR: tags become spaces, block ends become line breaks. */
    private static String withoutTags(String html) {
        StringBuilder out = new StringBuilder(html.length());
        boolean inTag = false;
        StringBuilder tag = new StringBuilder();
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            if (c == '<') {
                inTag = true;
                tag.setLength(0);
            } else if (c == '>' && inTag) {
                inTag = false;
                String name = tag.toString().toLowerCase(Locale.ROOT);
                out.append(
                        name.startsWith("br")
                                        || name.startsWith("/p")
                                        || name.startsWith("/div")
                                        || name.startsWith("/tr")
                                        || name.startsWith("p")
                                ? '\n'
                                : ' ');
            } else if (inTag) {
                if (tag.length() < 10) {
                    tag.append(c);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString()
                .replace("&nbsp;", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
