package org.sluice.delivery.control;

import org.sluice.recipient.entity.RecipientState;

/** What happened to one recipient's message at the MTA, ready to be recorded. */
public record DeliveryOutcome(long recipientId, String messageId, SmtpReply reply) {

    public RecipientState resultingState() {
        if (reply.accepted()) {
            return RecipientState.SENT;
        }
        if (reply.permanentFailure()) {
            return RecipientState.FAILED;
        }
        return RecipientState.DEFERRED;
    }
}
