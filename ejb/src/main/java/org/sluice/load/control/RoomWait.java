package org.sluice.load.control;

import java.time.Duration;
import java.time.Instant;

/**
 * The send job's wait for an MTA with room: pauses that double from {@code firstPause} up to {@code maxPause}
 * (an overloaded MTA is not asked every second for fifteen minutes), and the deadline after which the job gives up.
 */
public final class RoomWait {

    private final Duration deadline;
    private final Duration firstPause;
    private final Duration maxPause;
    private Instant since;
    private Duration pause;

    public RoomWait(Duration deadline, Duration firstPause, Duration maxPause) {
        this.deadline = deadline;
        this.firstPause = firstPause;
        this.maxPause = maxPause;
    }

    public boolean waiting() {
        return since != null;
    }

    public Instant since() {
        return since;
    }

    /**
     * @return how long to pause before asking again; {@link Duration#ZERO} once the deadline has passed
     */
    public Duration nextPause(Instant now) {
        if (since == null) {
            since = now;
            pause = firstPause;
        } else {
            pause = pause.multipliedBy(2).compareTo(maxPause) > 0 ? maxPause : pause.multipliedBy(2);
        }
        Duration left = Duration.between(now, since.plus(deadline));
        if (left.isNegative() || left.isZero()) {
            return Duration.ZERO;
        }
        return left.compareTo(pause) < 0 ? left : pause;
    }

    public boolean pastDeadline(Instant now) {
        return since != null && !now.isBefore(since.plus(deadline));
    }

    /** Room again: the next wait starts from the first pause and a fresh deadline. */
    public void admitted() {
        since = null;
        pause = null;
    }
}
