package org.sluice.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private final RetryPolicy policy =
            new RetryPolicy(5, Duration.ofSeconds(60), Duration.ofSeconds(300), Duration.ofHours(4));

    @ParameterizedTest(name = "after attempt {0} wait {1} s")
    @CsvSource({"1, 60", "2, 120", "3, 240", "4, 300", "9, 300"})
    void theWaitDoublesUpToTheCap(int attempts, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), policy.backoff(attempts));
    }

    @Test
    void aDeferredRecipientIsRetriedAfterTheBackoff() {
        RetryPolicy.Decision decision = policy.afterDeferral(2, T0, T0.plusSeconds(70));

        assertEquals(T0.plusSeconds(70 + 120), decision.nextAttempt());
    }

    @Test
    void afterTheLastAttemptSluiceGivesUp() {
        RetryPolicy.Decision decision = policy.afterDeferral(5, T0, T0.plusSeconds(900));

        assertTrue(decision.givesUp());
        assertEquals("gave up after 5 attempts", decision.giveUpReason());
    }

    @Test
    void aRetryThatWouldFallPastTheMaximumAgeIsNotScheduled() {
        RetryPolicy shortLived =
                new RetryPolicy(10, Duration.ofSeconds(60), Duration.ofSeconds(600), Duration.ofMinutes(5));

        RetryPolicy.Decision decision = shortLived.afterDeferral(3, T0, T0.plusSeconds(200));

        assertTrue(decision.givesUp());
        assertEquals(
                "gave up after 3 attempts: the next one would be more than 5 min after the first deferral",
                decision.giveUpReason());
    }

    @Test
    void nonsensicalSettingsAreRefusedWithWhatWasGiven() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new RetryPolicy(0, Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ZERO));

        assertTrue(e.getMessage().contains("got 0 attempts, PT1M, PT30S, PT0S"), e.getMessage());
    }
}
