package org.sluice.recipient.control;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An address's history: the campaigns it was a recipient of (newest first) and its events (newest first).
 *
 * @param truncated more campaigns or events exist than the lists hold
 */
public record AddressTimeline(String address, List<Campaign> campaigns, List<AddressEvent> events, boolean truncated) {

    public AddressTimeline {
        campaigns = List.copyOf(campaigns);
        events = List.copyOf(events);
    }

    /**
     * The address as one campaign's recipient.
     *
     * @param state     PENDING, SENT, DEFERRED, FAILED or SUPPRESSED
     * @param lastReply the MTA's last reply (or why it was suppressed), null before any attempt
     * @param updatedAt when the state last changed, null while PENDING
     */
    @Schema(name = "AddressCampaign")
    public record Campaign(
            long campaignId,
            String campaignName,
            long recipientId,
            String state,
            int attempts,
            String lastReply,
            Instant updatedAt) {}
}
