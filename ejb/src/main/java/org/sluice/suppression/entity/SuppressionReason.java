package org.sluice.suppression.entity;

/** Why an address is on the suppression list. */
public enum SuppressionReason {
    /** The person asked (List-Unsubscribe one-click, the unsubscribe page, an unsubscribe mail). */
    UNSUBSCRIBED,
    /**
     * A DSN said the mailbox does not exist or will never take mail (5.x.x), or the MTA refused the address itself at
     * send time (5.1.1 and the like).
     */
    HARD_BOUNCE,
    /** The person marked a message as spam: a feedback-loop report (ARF, RFC 5965) from their mailbox provider. */
    COMPLAINT,
    /** An admin put it there. */
    ADMIN
}
