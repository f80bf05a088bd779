package org.sluice.bounce.control;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sluice.bounce.entity.BounceKind;

/**
 * Decides hard or soft from a recipient's action, status and the remote MTA's words. A hard bounce suppresses the
 * address for good, so HARD needs proof that the address itself is bad: a status that says so (RFC 3463 5.1.1 and
 * the like), or a permanent failure whose text says the user or domain does not exist. Refusals about the message or
 * the sender (policy, spam, reputation, rate, content, 5.7.x) and full mailboxes are SOFT: the mailbox exists. When
 * unsure, SOFT.
 */
final class BounceClassifier {

    /** Catch-all statuses, which say nothing about the address: the text may. */
    private static final Set<String> GENERIC_STATUSES = Set.of("5.0.0", "5.1.0", "5.2.0", "5.5.0", "5.3.0");

    /** RFC 3463 x.y.z, not part of an IP address or version number. */
    static final Pattern STATUS = Pattern.compile("(?<![\\w.-])([245]\\.\\d{1,3}\\.\\d{1,3})(?!\\w|\\.\\d)");

    /** An SMTP reply code at a word start (RFC 5321 4.2), e.g. "said: 550 ...", "550-5.1.1 ...". */
    static final Pattern REPLY = Pattern.compile("(?<![\\w.:/-])([245][0-5]\\d)(?=[ -]|$)");

    private static final Pattern ADDRESS_GONE = Pattern.compile("user unknown|unknown user|unknown recipient"
            + "|recipient unknown|addressee unknown|unknown address|unknown local[- ]part|no such (?:user|mailbox"
            + "|recipient|address|account|person)|(?:user|recipient|mailbox|address|account|addressee) not found"
            + "|(?:user|recipient|mailbox|address|account|e-?mail account)(?: that you tried to reach)?"
            + " (?:does not|doesn't|did not) exist|not a valid (?:user|mailbox|recipient)|invalid (?:recipient"
            + "|mailbox|user)|mailbox (?:is )?unavailable|unrout(?:e)?able address|not listed in|recipnotfound"
            + "|recipientnotfound|doesn't have an? [\\w.-]{1,64} account|does not have an? [\\w.-]{1,64} account"
            + "|name is not recognized|host not found|host unknown|unknown host|domain not found|no mx"
            + "|couldn't find any host|domain (?:does not|doesn't) exist|has moved|no longer (?:a valid|available"
            + "|active|here|with)|not our customer|not our user|no mailbox here|user account is (?:unavailable|disabled)|no such domain"
            + "|host [\\w.-]{1,253} not found|user not exist|invalid final delivery userid"
            + "|destinataire invalide|unknown or illegal alias|indicated no smtp service|does not accept mail"
            + "|ディレクトリには見つかりません|ディレクトリのリストにありません");

    /**
     * Phrases that say the mailbox or user does not exist and nothing else: they make a permanent refusal HARD even
     * under a status about something else (5.7.1, 5.4.1), as some MTAs answer an unknown user so.
     */
    static final Pattern ADDRESS_SURELY_GONE = Pattern.compile("user unknown|unknown user|no such user"
            + "|invalid recipient|(?:mailbox|user|recipient) not found|(?:mailbox|user|recipient) (?:does not|doesn't)"
            + " exist|unknown in (?:local|virtual) (?:recipient|mailbox|alias) table");

    /**
     * Words that make a failure no proof against the address: a full mailbox, a refusal of the sender or message,
     * a temporary condition.
     */
    private static final Pattern NOT_ABOUT_THE_ADDRESS = Pattern.compile("\\bfull\\b|quota|insufficient|storage"
            + "|exceed|spam|block|blacklist|blocklist|dnsbl|\\brbl\\b|spamhaus|policy|policies|reputation|content"
            + "|virus|\\brate\\b|rate limit|too many|throttl|try again|try later|temporar|greylist|graylist"
            + "|access denied|relay|not allowed|not permitted|authenticat|dmarc|\\bspf\\b|dkim|sender"
            + "|mail from|suspicious|abuse|too large|too big|message size|timed? ?out|filter|reject(?:ed)? due to"
            + "|not accepted for policy|\\bptr\\b|reverse dns|blocked|banned|junk|unsolicited|name server reply|servfail"
            + "|x-unix;|procmail|couldn't create|permission denied");

    /** A suspended or disabled account: HARD only with RFC 3463 5.2.1 (mailbox disabled), else maybe temporary. */
    static final Pattern SUSPENDED = Pattern.compile("disabled|suspend|deactivated");

    private static final int MAX_TEXT = 4000;

    private BounceClassifier() {}

    /**
     * @param action     the normalised action (failed, delayed, delivered, relayed, expanded); anything else is NONE
     * @param status     the x.y.z status, or null
     * @param diagnostic the remote MTA's words (Diagnostic-Code or the bounce text's reason lines), or null
     */
    static BounceKind kindOf(String action, String status, String diagnostic) {
        if ("delayed".equals(action)) {
            return BounceKind.SOFT;
        }
        if (!"failed".equals(action)) {
            return BounceKind.NONE;
        }
        String text = lower(diagnostic);
        String code = effectiveStatus(status, text);
        if (code != null && code.startsWith("2.")) {
            return BounceKind.NONE;
        }
        if (code != null && code.startsWith("4.")) {
            return BounceKind.SOFT;
        }
        if (NOT_ABOUT_THE_ADDRESS.matcher(text).find()) {
            return BounceKind.SOFT;
        }
        if (!"5.2.1".equals(code) && SUSPENDED.matcher(text).find()) {
            return BounceKind.SOFT;
        }
        if (code != null) {
            if (BounceKind.isAddressStatus(code)) {
                return BounceKind.HARD;
            }
            // 5.1.x other than the sender's (5.1.7, 5.1.8): an address status, as Exchange's 5.1.351 unknown recipient
            boolean aboutAnAddress = code.startsWith("5.1.") && !code.equals("5.1.7") && !code.equals("5.1.8");
            if ((GENERIC_STATUSES.contains(code) || aboutAnAddress)
                    && ADDRESS_GONE.matcher(text).find()) {
                return BounceKind.HARD;
            }
            boolean aboutTheSender = code.equals("5.1.7") || code.equals("5.1.8") || code.startsWith("5.7.2");
            return code.startsWith("5.")
                            && !aboutTheSender
                            && ADDRESS_SURELY_GONE.matcher(text).find()
                    ? BounceKind.HARD
                    : BounceKind.SOFT;
        }
        String reply = replyCode(text);
        boolean permanent = reply == null || reply.startsWith("5");
        return permanent && ADDRESS_GONE.matcher(text).find() ? BounceKind.HARD : BounceKind.SOFT;
    }

    /** A generic or missing status is replaced by a specific one of the same class in the text (Diagnostic-Code). */
    static String effectiveStatus(String status, String text) {
        if (status != null && !GENERIC_STATUSES.contains(status) && !status.endsWith(".0.0")) {
            return status;
        }
        Matcher inText = STATUS.matcher(text);
        while (inText.find()) {
            String found = inText.group(1);
            if (status == null || (found.charAt(0) == status.charAt(0) && !GENERIC_STATUSES.contains(found))) {
                return found;
            }
        }
        return status;
    }

    static String replyCode(String text) {
        Matcher reply = REPLY.matcher(text);
        return reply.find() ? reply.group(1) : null;
    }

    /** Normalises an Action value: "Failed (comment)", "error", "failure" -> "failed"; "delay" -> "delayed". */
    static String action(String field) {
        if (field == null) {
            return null;
        }
        String word = field.strip().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < word.length() && Character.isLetter(word.charAt(end))) {
            end++;
        }
        word = word.substring(0, end);
        return switch (word) {
            case "failed", "failure", "fail", "error", "bounced", "bounce" -> "failed";
            case "delayed", "delay" -> "delayed";
            case "" -> null;
            default -> word;
        };
    }

    private static String lower(String text) {
        if (text == null) {
            return "";
        }
        String cut = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        return cut.toLowerCase(Locale.ROOT);
    }
}
