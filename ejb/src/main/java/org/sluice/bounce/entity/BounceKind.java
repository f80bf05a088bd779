package org.sluice.bounce.entity;

/** What a delivery status notification means for its recipient. */
public enum BounceKind {
    /** Action failed with a permanent status (RFC 3463 class 5): the mailbox will not take mail. */
    HARD,
    /** Delayed, or failed with a transient status (class 4): the MTA gave up or is still trying; may work later. */
    SOFT,
    /** Delivered, relayed or expanded: not a bounce. */
    NONE;

    /**
     * RFC 3464 2.3.3 (Action) and 2.3.4 / RFC 3463 (Status: class.subject.detail).
     *
     * @param action as in the DSN, any case; null if missing
     * @param status the x.y.z code, or null if missing or malformed
     */
    public static BounceKind of(String action, String status) {
        String a = action == null ? "" : action.strip().toLowerCase(java.util.Locale.ROOT);
        boolean permanent = status != null && status.startsWith("5.");
        if (a.equals("failed")) {
            // A failure without a permanent status is no proof that the mailbox is gone.
            return permanent ? HARD : SOFT;
        }
        if (a.equals("delayed")) {
            return SOFT;
        }
        return NONE;
    }
}
