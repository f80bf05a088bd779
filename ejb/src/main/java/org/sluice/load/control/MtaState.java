package org.sluice.load.control;

/** What Sluice knows about an MTA's room right now, as admins see it. */
public enum MtaState {
    /** Its probe's latest reading leaves room: it takes mail up to its budget. */
    ADMITTED,
    /** Over a threshold (queue, load, memory, spool): no mail until it recovers to its resume thresholds. */
    FULL,
    /** Its probe did not answer in time, or answered garbage: not used (fail closed). */
    UNKNOWN,
    /** It refused or dropped SMTP connections: out of the pool until a retry time. */
    UNREACHABLE,
    /** Disabled by an admin. */
    DISABLED,
    /** No probe configured: used without load control (the admin's choice for MTAs that need none). */
    UNPROBED,
    /**
     * For one writer only: every connection the MTA's maxConnections allows is open by other writers (other
     * campaigns, or other partitions), so this one sends elsewhere or waits for a connection to close.
     */
    AT_CONNECTION_LIMIT;

    public boolean takesMail() {
        return this == ADMITTED || this == UNPROBED;
    }
}
