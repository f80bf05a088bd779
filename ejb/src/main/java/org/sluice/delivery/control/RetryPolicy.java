package org.sluice.delivery.control;

import java.time.Duration;
import java.time.Instant;
import org.sluice.config.Setting;

/**
 * When a recipient the MTA deferred (4xx, RFC 5321 4.2.1) is tried again, and when Sluice gives up: the wait doubles
 * from {@code firstBackoff} up to {@code maxBackoff}; after {@code maxAttempts} attempts in all, or once the first
 * deferral is older than {@code maxAge}, the recipient FAILS with the last reply. Configured by the settings below,
 * read when a send job starts.
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff, Duration maxAge) {

    public static final Setting MAX_ATTEMPTS = Setting.of("sluice.retry.max-attempts", "5");
    public static final Setting FIRST_BACKOFF = Setting.of("sluice.retry.first-backoff-seconds", "60");
    public static final Setting MAX_BACKOFF = Setting.of("sluice.retry.max-backoff-seconds", "1800");
    public static final Setting MAX_AGE = Setting.of("sluice.retry.max-age-seconds", "14400");

    public RetryPolicy {
        if (maxAttempts < 1
                || firstBackoff.isNegative()
                || maxBackoff.compareTo(firstBackoff) < 0
                || maxAge.isNegative()) {
            throw new IllegalArgumentException(
                    "retry policy needs max attempts >= 1 and 0 <= first backoff <= max backoff,"
                            + " max age >= 0; got " + maxAttempts + " attempts, " + firstBackoff + ", " + maxBackoff
                            + ", " + maxAge);
        }
    }

    public static RetryPolicy fromSettings() {
        return new RetryPolicy(
                MAX_ATTEMPTS.intValue(1, "attempts"),
                Duration.ofSeconds(FIRST_BACKOFF.longValue(0, "seconds")),
                Duration.ofSeconds(MAX_BACKOFF.longValue(0, "seconds")),
                Duration.ofSeconds(MAX_AGE.longValue(0, "seconds")));
    }

    /**
     * @param attempts      attempts made so far, including the one just deferred
     * @param deferredSince when this recipient was first deferred (this attempt if it is the first deferral)
     */
    public Decision afterDeferral(int attempts, Instant deferredSince, Instant now) {
        if (attempts >= maxAttempts) {
            return Decision.giveUp("gave up after " + attempts + " attempts");
        }
        Duration wait = backoff(attempts);
        Instant next = now.plus(wait);
        if (next.isAfter(deferredSince.plus(maxAge))) {
            return Decision.giveUp("gave up after " + attempts + " attempts: the next one would be more than "
                    + maxAge.toMinutes() + " min after the first deferral");
        }
        return Decision.retryAt(next);
    }

    /** The wait after the n-th attempt: first backoff, doubling, capped. */
    Duration backoff(int attempts) {
        Duration wait = firstBackoff;
        for (int i = 1; i < attempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    /** Retry at {@code nextAttempt}, or give up (nextAttempt null) for {@code reason}. */
    public record Decision(Instant nextAttempt, String giveUpReason) {
        static Decision retryAt(Instant next) {
            return new Decision(next, null);
        }

        static Decision giveUp(String reason) {
            return new Decision(null, reason);
        }

        public boolean givesUp() {
            return nextAttempt == null;
        }
    }
}
