package org.sluice.bounce.control;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a bounce's human-readable text says about the SMTP command that failed. A refusal after DATA came once the
 * remote MTA had accepted the recipient at RCPT TO, so even a "550 User unknown" then is a content filter's or the
 * recipient's own block (Japanese carriers answer so), not proof that the address is bad.
 */
final class SmtpTranscript {

    private static final Pattern AFTER_DATA = Pattern.compile(
            "in reply to (?:end of )?data|after (?:end of )?data\\b|after data command|at data stage",
            Pattern.CASE_INSENSITIVE);

    /** sendmail's own line about a recipient: "550 5.1.1 <user@example.org>... User unknown". */
    private static final Pattern SENDMAIL_RECIPIENT_VERDICT =
            Pattern.compile("^5\\d\\d 5\\.1\\.\\d{1,3} <[^>]{1,300}>\\.\\.\\.");

    private SmtpTranscript() {}

    /** @param lines the bounce's explanation, before the returned message (each line already cut short) */
    static boolean refusedAfterData(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (AFTER_DATA.matcher(line).find()) {
                return true;
            }
            // sendmail/Courier transcripts: ">>> DATA" answered by a refusal. With PIPELINING, sendmail shows the
            // RCPT's refusal after ">>> DATA" too, followed by DATA's own "503 Need RCPT" or "554 no valid
            // recipients": then it was RCPT that failed.
            if (line.equalsIgnoreCase(">>> DATA")
                    && i + 1 < lines.size()
                    && lines.get(i + 1).strip().startsWith("<<< 5")) {
                return !pipelinedRcptRefusal(lines, i + 1);
            }
        }
        return false;
    }

    private static boolean pipelinedRcptRefusal(List<String> lines, int reply) {
        for (int i = reply; i < lines.size() && i < reply + 6; i++) {
            String line = lines.get(i).strip();
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            // "503 Need RCPT" (sendmail), "554 Error: no valid recipients" (Postfix): DATA found no accepted recipient
            if (line.startsWith("<<< 503")
                    || lower.contains("need rcpt")
                    || line.startsWith("<<< ") && lower.contains("no valid recipients")) {
                return true;
            }
        }
        return false;
    }
}
