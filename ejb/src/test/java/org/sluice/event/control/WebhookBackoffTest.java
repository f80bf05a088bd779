package org.sluice.event.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookBackoffTest {

    private final WebhookBackoff backoff = new WebhookBackoff(Duration.ofSeconds(5), Duration.ofHours(1));

    @Test
    void doublesPerFailureInARowUpToTheLongestWait() {
        assertEquals(Duration.ZERO, backoff.after(0));
        assertEquals(Duration.ofSeconds(5), backoff.after(1));
        assertEquals(Duration.ofSeconds(10), backoff.after(2));
        assertEquals(Duration.ofSeconds(40), backoff.after(4));
        assertEquals(Duration.ofSeconds(2560), backoff.after(10));
        assertEquals(Duration.ofHours(1), backoff.after(11));
        assertEquals(Duration.ofHours(1), backoff.after(10_000));
    }
}
