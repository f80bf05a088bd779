package org.sluice.suppression.entity;

/** Why an address is on the suppression list. */
public enum SuppressionReason {
    /** The person asked (List-Unsubscribe one-click, the unsubscribe page, an unsubscribe mail). */
    UNSUBSCRIBED,
    /** A DSN said the mailbox does not exist or will never take mail (5.x.x). */
    HARD_BOUNCE,
    /** An admin put it there. */
    ADMIN
}
