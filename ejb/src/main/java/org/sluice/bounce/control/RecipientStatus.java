package org.sluice.bounce.control;

import org.sluice.bounce.entity.BounceKind;

/**
 * One per-recipient group of a message/delivery-status part (RFC 3464 2.3).
 *
 * @param finalRecipient    the address the reporting MTA tried (type prefix "rfc822;" removed)
 * @param originalRecipient the address as Sluice gave it, if the MTA kept it (ORCPT), else null
 * @param action            failed, delayed, delivered, relayed or expanded (lower case; "error" and "failure" read as
 *                          failed); "complaint" for a feedback report
 * @param status            the RFC 3463 code, e.g. 5.1.1; null if missing or malformed
 * @param diagnosticCode    the remote MTA's reply, e.g. "smtp; 550 5.1.1 no such user", or a bounce text's reason
 *                          lines; null if absent
 * @param refusedAfterData  the bounce's text shows the refusal came after DATA, once the recipient was accepted: no
 *                          proof against the address, whatever the reply says ({@link SmtpTranscript})
 */
public record RecipientStatus(
        String finalRecipient,
        String originalRecipient,
        String action,
        String status,
        String diagnosticCode,
        boolean refusedAfterData) {

    public RecipientStatus(
            String finalRecipient, String originalRecipient, String action, String status, String diagnosticCode) {
        this(finalRecipient, originalRecipient, action, status, diagnosticCode, false);
    }

    /** HARD, SOFT or NONE, from the action, status and diagnostic ({@link BounceClassifier}). */
    public BounceKind kind() {
        BounceKind kind = BounceClassifier.kindOf(action, status, diagnosticCode);
        return kind == BounceKind.HARD && refusedAfterData ? BounceKind.SOFT : kind;
    }

    /** What an admin reads on the recipient: the status and the remote MTA's words. */
    public String summary() {
        String code = status == null ? "no status" : status;
        return diagnosticCode == null || diagnosticCode.isBlank() ? code : code + " " + diagnosticCode;
    }
}
