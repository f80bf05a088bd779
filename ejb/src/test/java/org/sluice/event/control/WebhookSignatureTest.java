package org.sluice.event.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void signsTheStandardWebhooksTestVector() {
        // The specification's published vector: a receiver's Standard Webhooks library verifies what Sluice signs.
        assertEquals(
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                WebhookSignature.sign(
                        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                        "msg_p5jXN8AQM9LWM0D4loKWxJek",
                        1614265330,
                        "{\"test\": 2432232314}"));
    }

    @Test
    void aChangedBodyIdOrTimestampChangesTheSignature() {
        String secret = WebhookSignature.newSecret();
        String signed = WebhookSignature.sign(secret, "sluice-1-7", 1_800_000_000L, "[{\"type\":\"delivered\"}]");
        assertNotEquals(signed, WebhookSignature.sign(secret, "sluice-1-7", 1_800_000_000L, "[{\"type\":\"failed\"}]"));
        assertNotEquals(
                signed, WebhookSignature.sign(secret, "sluice-1-8", 1_800_000_000L, "[{\"type\":\"delivered\"}]"));
        assertNotEquals(
                signed, WebhookSignature.sign(secret, "sluice-1-7", 1_800_000_001L, "[{\"type\":\"delivered\"}]"));
    }

    @Test
    void newSecretsAreRandom256BitKeysInTheStandardForm() {
        String a = WebhookSignature.newSecret();
        assertTrue(a.startsWith("whsec_"));
        assertEquals(32, Base64.getDecoder().decode(a.substring(6)).length);
        assertNotEquals(a, WebhookSignature.newSecret());
    }
}
