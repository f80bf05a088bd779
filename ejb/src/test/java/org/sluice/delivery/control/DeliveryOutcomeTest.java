package org.sluice.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sluice.recipient.entity.RecipientState;

class DeliveryOutcomeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "250, SENT",
        "251, SENT",
        "421, DEFERRED",
        "450, DEFERRED",
        "451, DEFERRED",
        "452, DEFERRED",
        "500, FAILED",
        "550, FAILED",
        "552, FAILED",
        "554, FAILED",
        // no reply at all (connection lost): try again later, never give the recipient up
        "0, DEFERRED",
    })
    void replyCodeDecidesTheRecipientsState(int code, RecipientState expected) {
        DeliveryOutcome outcome = new DeliveryOutcome(7, "<sluice.1.7@example.com>", new SmtpReply(code, "text"));

        assertEquals(expected, outcome.resultingState());
    }
}
