package org.sluice.recipient.entity;

/** A recipient's delivery state within one campaign. */
public enum RecipientState {
    /** Not yet accepted by an MTA; the send job reads only these. */
    PENDING,
    /** Accepted by an MTA (2xx after DATA): never sent again. */
    SENT,
    /** Temporarily refused (4xx, RFC 5321 4.2.1); kept with its reply for a later retry. */
    DEFERRED,
    /** Permanently refused (5xx): kept with the reply, never retried. */
    FAILED,
    /** On the suppression list: never mailed. */
    SUPPRESSED
}
