package org.sluice.recipient.control;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One thing that happened to an address, for its history.
 *
 * @param campaignId   the campaign it happened in; null for a suppression no campaign caused (an admin's)
 * @param campaignName that campaign's name, or null
 * @param detail       what an admin reads: the attempt's number, MTA and SMTP reply; the bounce's status and
 *                     diagnostic; the suppression's reason and cause
 */
public record AddressEvent(Instant at, Long campaignId, String campaignName, Kind kind, String detail) {

    @Schema(name = "AddressEventKind")
    public enum Kind {
        /** An SMTP transaction for the address's message, with the MTA's reply. */
        ATTEMPT,
        /** A delivery status notification (hard or soft) read from the bounce mailbox. */
        BOUNCE,
        /** A feedback-loop report: the person marked the message as spam. */
        COMPLAINT,
        /** The address went on the suppression list. */
        SUPPRESSED
    }
}
