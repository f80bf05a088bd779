package org.sluice.bounce.boundary;

/**
 * What one pass over the bounce mailbox did.
 *
 * @param mailbox   where (never the password)
 * @param read      messages in the mailbox
 * @param hard      hard bounces recorded: recipient FAILED, address suppressed
 * @param soft      soft bounces recorded on their recipient
 * @param complaints feedback-loop complaints recorded: address suppressed, counted on the campaign
 * @param ignored   not delivery status notifications, or not bounces (auto-replies, read receipts, "delivered"):
 *                  left in the mailbox
 * @param unsubscribed unsubscribe requests mailed to the List-Unsubscribe mailto address (subject
 *                  "unsubscribe TOKEN"): the address suppressed, the mail removed
 * @param unmatched DSNs that name no Sluice message (or a forged one), unsubscribe mails with a forged token: left in
 *                  the mailbox
 * @param failed    messages that could not be read (malformed MIME, the server failing): left for the next pass
 * @param removed   messages deleted from the mailbox (each one's effect committed first)
 */
public record BounceFetch(
        String mailbox,
        int read,
        int hard,
        int soft,
        int complaints,
        int unsubscribed,
        int ignored,
        int unmatched,
        int failed,
        int removed) {}
