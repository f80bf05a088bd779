package org.sluice.bounce.entity;

/** What a delivery status notification means for its recipient. */
public enum BounceKind {
    /** Action failed with a permanent status (RFC 3463 class 5): the mailbox will not take mail. */
    HARD,
    /** Delayed, or failed with a transient status (class 4): the MTA gave up or is still trying; may work later. */
    SOFT,
    /** Delivered, relayed or expanded: not a bounce. */
    NONE,
    /**
     * A recipient's complaint (feedback loop report, RFC 5965): not a bounce, the mailbox exists. Only a report's
     * kind, never a recipient status's, so recording bounces treats it as NONE until complaints are recorded.
     */
    COMPLAINT;

    /**
     * RFC 3464 2.3.3 (Action) and 2.3.4 / RFC 3463 (Status: class.subject.detail), without the remote MTA's words: a
     * permanent failure is HARD only with a status that names the address as bad (5.1.x user or domain, 5.2.1
     * disabled mailbox, 5.4.4 unroutable); policy refusals (5.7.x) and full mailboxes are SOFT. Readers of bounces
     * also weigh the diagnostic text (control.BounceClassifier).
     *
     * @param action as in the DSN, any case; null if missing
     * @param status the x.y.z code, or null if missing or malformed
     */
    public static BounceKind of(String action, String status) {
        String a = action == null ? "" : action.strip().toLowerCase(java.util.Locale.ROOT);
        if (a.equals("failed")) {
            // A failure without a status about the address is no proof that the mailbox is gone.
            return isAddressStatus(status) ? HARD : SOFT;
        }
        if (a.equals("delayed")) {
            return SOFT;
        }
        return NONE;
    }

    /** Whether an RFC 3463 status names the address itself as bad: no such user or domain, moved, disabled. */
    public static boolean isAddressStatus(String status) {
        return status != null && ADDRESS_STATUSES.contains(status);
    }

    private static final java.util.Set<String> ADDRESS_STATUSES =
            java.util.Set.of("5.1.1", "5.1.2", "5.1.3", "5.1.6", "5.1.10", "5.2.1", "5.4.4");
}
