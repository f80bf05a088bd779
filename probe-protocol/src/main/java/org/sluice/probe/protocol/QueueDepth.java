package org.sluice.probe.protocol;

import java.time.Instant;

/**
 * How many messages the MTA holds, as its queue reader could tell. {@value #NOT_TOLD_APART} for a queue the MTA
 * does not tell apart (Exim and sendmail give only a total); {@code total} is {@value #UNKNOWN} and
 * {@code error} says why when the queue could not be read at all: an unreadable queue is never reported as empty.
 *
 * @param reader which reader produced it: postfix, postqueue, exim, sendmail, command, none
 * @param readAt when the probe began counting (the probe's clock), or null where a probe does not say: the probe
 *               counts in the background, so Sluice must know how old the count is to know which of the mail it
 *               sent since is in it
 */
public record QueueDepth(
        String reader, long incoming, long active, long deferred, long total, String error, Instant readAt) {

    public static final long NOT_TOLD_APART = -1;
    public static final long UNKNOWN = -1;

    public static QueueDepth of(String reader, long incoming, long active, long deferred) {
        return new QueueDepth(reader, incoming, active, deferred, incoming + active + deferred, null, null);
    }

    public static QueueDepth totalOnly(String reader, long total) {
        return new QueueDepth(reader, NOT_TOLD_APART, NOT_TOLD_APART, NOT_TOLD_APART, total, null, null);
    }

    public static QueueDepth unknown(String reader, String error) {
        return new QueueDepth(reader, NOT_TOLD_APART, NOT_TOLD_APART, NOT_TOLD_APART, UNKNOWN, error, null);
    }

    /** The probe reads no queue ("none"): host figures only. */
    public static QueueDepth notRead() {
        return new QueueDepth("none", NOT_TOLD_APART, NOT_TOLD_APART, NOT_TOLD_APART, UNKNOWN, null, null);
    }

    /** The same count, stamped with when its counting began. */
    public QueueDepth readAt(Instant when) {
        return new QueueDepth(reader, incoming, active, deferred, total, error, when);
    }

    public boolean known() {
        return total >= 0;
    }
}
