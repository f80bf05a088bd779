package org.sluice.delivery.control;

import org.sluice.recipient.entity.RecipientState;

/**
 * What happened to one recipient's message at the MTA, ready to be recorded.
 *
 * @param retry      this was a retry of a recipient the MTA had deferred (4xx) before
 * @param lostBefore why an earlier transaction for this message on the same connection ended without a reply (the
 *                   MTA may have accepted it: an unknown outcome, counted), or null
 * @param address    the recipient's address, for the events out; null when not known
 */
public record DeliveryOutcome(
        long recipientId, String messageId, SmtpReply reply, boolean retry, String lostBefore, String address) {

    public DeliveryOutcome(long recipientId, String messageId, SmtpReply reply, boolean retry, String lostBefore) {
        this(recipientId, messageId, reply, retry, lostBefore, null);
    }

    public DeliveryOutcome(long recipientId, String messageId, SmtpReply reply) {
        this(recipientId, messageId, reply, false, null);
    }

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
