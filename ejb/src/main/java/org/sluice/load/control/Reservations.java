package org.sluice.load.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The mail handed out against one MTA's reading that the MTA's queue count may not hold yet. A share stays counted
 * until a reading whose count began after the share was sent in full: a share still being sent when the probe
 * began counting is only partly in that count, so it is kept whole (at worst Sluice holds back one share too many,
 * never sends one too many). Not thread-safe: the {@code MtaStatusBoard} guards it.
 */
public final class Reservations {

    /** A writer that died without settling must not hold headroom for ever. */
    static final Duration FORGOTTEN_AFTER = Duration.ofMinutes(10);

    private static final class Share {
        final ConnectionPermits.Holder holder;
        final Instant reservedAt;
        int count;
        Instant sentAt;

        Share(ConnectionPermits.Holder holder, int count, Instant reservedAt) {
            this.holder = holder;
            this.count = count;
            this.reservedAt = reservedAt;
        }
    }

    private final List<Share> shares = new ArrayList<>();

    public void reserve(ConnectionPermits.Holder holder, int count, Instant at) {
        shares.removeIf(s -> s.reservedAt.isBefore(at.minus(FORGOTTEN_AFTER)));
        shares.add(new Share(holder, count, at));
    }

    /** The holder's oldest open share is sent: {@code sent} of it reached the MTA (the rest was never sent). */
    public void settle(ConnectionPermits.Holder holder, int sent, Instant at) {
        for (Share s : shares) {
            if (s.holder == holder && s.sentAt == null) {
                s.count = Math.min(s.count, Math.max(0, sent));
                s.sentAt = at;
                return;
            }
        }
    }

    /** A new reading's queue count began at {@code countStartedAt}: the shares sent in full before it are in it. */
    public void countedFrom(Instant countStartedAt) {
        for (Iterator<Share> it = shares.iterator(); it.hasNext(); ) {
            Share s = it.next();
            if (s.sentAt != null && s.sentAt.isBefore(countStartedAt)) {
                it.remove();
            }
        }
    }

    /** Messages reserved that the latest reading's count may not hold. */
    public int outstanding() {
        int sum = 0;
        for (Share s : shares) {
            sum += s.count;
        }
        return sum;
    }
}
