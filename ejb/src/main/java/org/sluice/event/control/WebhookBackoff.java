package org.sluice.event.control;

import java.time.Duration;

/**
 * When to try a failing webhook again: the first wait after the first failure, doubled per failure in a row, at
 * most the longest wait. Nothing is dropped: the webhook keeps its position until its receiver answers 2xx, or an
 * admin disables it.
 */
public record WebhookBackoff(Duration first, Duration max) {

    public Duration after(int failuresInARow) {
        if (failuresInARow <= 0) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failuresInARow - 1, 30);
        Duration wait = first.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 || wait.isNegative() ? max : wait;
    }
}
