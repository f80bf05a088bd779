package org.sluice.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final Duration BLOCK = Duration.ofMinutes(15);

    /** A clock the test moves. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-12-04T20:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Limits(20, 5, BLOCK), clock);

    @Test
    void thirtyWrongPasswordsForTheAdminBlockTheAttackersAddressButNotTheAdminsOwn() {
        int checked = 0;
        for (int i = 0; i < 30; i++) {
            if (throttle.refusal("203.0.113.9", "admin").isEmpty()) {
                checked++;
                throttle.failed("203.0.113.9", "admin");
            }
        }
        assertEquals(5, checked, "only the first 5 guesses for one user reach the password check");
        assertTrue(throttle.refusal("203.0.113.9", "admin").isPresent(), "the attacker's address stays refused");
        assertEquals(Optional.empty(), throttle.refusal("198.51.100.7", "admin"), "the admin logs in from elsewhere");
    }

    @Test
    void guessingManyUsersFromOneAddressIsRefusedAfterThePerAddressLimit() {
        for (int user = 0; user < 20; user++) {
            assertEquals(Optional.empty(), throttle.refusal("203.0.113.9", "user" + user));
            throttle.failed("203.0.113.9", "user" + user);
        }
        assertEquals(Optional.of(BLOCK), throttle.refusal("203.0.113.9", "someone-else"));
        assertEquals(Optional.empty(), throttle.refusal("203.0.113.10", "someone-else"));
    }

    @Test
    void theBlockEndsOneBlockAfterTheLastFailureAndTheCountStartsAgain() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("203.0.113.9", "admin");
            clock.advance(Duration.ofMinutes(1));
        }
        assertEquals(Optional.of(BLOCK.minusMinutes(1)), throttle.refusal("203.0.113.9", "admin"));
        clock.advance(BLOCK.minusMinutes(1));
        assertEquals(Optional.empty(), throttle.refusal("203.0.113.9", "admin"));
        throttle.failed("203.0.113.9", "admin");
        assertEquals(Optional.empty(), throttle.refusal("203.0.113.9", "admin"), "one fresh failure, not six");
    }

    @Test
    void aSuccessClearsThatUsersCountButNotTheAddresses() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("203.0.113.9", "operator");
        }
        throttle.succeeded("203.0.113.9", "operator");
        for (int i = 0; i < 4; i++) {
            throttle.failed("203.0.113.9", "operator");
        }
        assertEquals(Optional.empty(), throttle.refusal("203.0.113.9", "operator"), "4 since the success");
        for (int i = 0; i < 12; i++) {
            throttle.failed("203.0.113.9", "other" + i);
        }
        throttle.succeeded("203.0.113.9", "operator");
        assertTrue(throttle.refusal("203.0.113.9", "operator").isPresent(), "20 failures from the address in all");
    }

    @Test
    void anIpv6HostIsCountedByItsSlash64() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("2001:db8:1:2::" + Integer.toHexString(i + 1), "admin");
        }
        assertTrue(throttle.refusal("2001:db8:1:2:ffff::77", "admin").isPresent());
        assertEquals(Optional.empty(), throttle.refusal("2001:db8:1:3::1", "admin"));
        assertEquals("2001:db8:1:2:0:0:0:0/64", LoginThrottle.client("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        assertEquals("127.0.0.2", LoginThrottle.client("127.0.0.2"));
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new LoginThrottle.Limits(0, 5, BLOCK));
        assertThrows(IllegalArgumentException.class, () -> new LoginThrottle.Limits(20, 5, Duration.ZERO));
        assertFalse(
                new LoginThrottle.Limits(1, 1, Duration.ofSeconds(1)).block().isZero());
    }
}
