package org.sluice.probe.protocol;

/**
 * How many messages the MTA holds, as its queue reader could tell. {@value #NOT_TOLD_APART} for a queue the MTA
 * does not tell apart (Exim and sendmail give only a total); {@code total} is {@value #UNKNOWN} and
 * {@code error} says why when the queue could not be read at all: an unreadable queue is never reported as empty.
 *
 * @param reader which reader produced it: postfix, postqueue, exim, sendmail, command, none
 */
public record QueueDepth(String reader, long incoming, long active, long deferred, long total, String error) {

    public static final long NOT_TOLD_APART = -1;
    public static final long UNKNOWN = -1;

    public static QueueDepth of(String reader, long incoming, long active, long deferred) {
        return new QueueDepth(reader, incoming, active, deferred, incoming + active + deferred, null);
    }

    public static QueueDepth totalOnly(String reader, long total) {
        return new QueueDepth(reader, NOT_TOLD_APART, NOT_TOLD_APART, NOT_TOLD_APART, total, null);
    }

    public static QueueDepth unknown(String reader, String error) {
        return new QueueDepth(reader, NOT_TOLD_APART, NOT_TOLD_APART, NOT_TOLD_APART, UNKNOWN, error);
    }

    /** The probe reads no queue ("none"): host figures only. */
    public static QueueDepth notRead() {
        return new QueueDepth("none", NOT_TOLD_APART, NOT_TOLD_APART, NOT_TOLD_APART, UNKNOWN, null);
    }

    public boolean known() {
        return total >= 0;
    }
}
