package org.sluice.bounce.control;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.sluice.bounce.entity.BounceKind;

/**
 * A parsed RFC 3464 delivery status notification.
 *
 * @param reportId          identifies this DSN for idempotent recording: its Message-ID, else a digest of its
 *                          date and status fields
 * @param envelopeAddresses where the DSN was delivered (Delivered-To, X-Original-To, Envelope-To, To ...), where a
 *                          VERP address shows up
 * @param originalMessageId the returned message's Message-ID, if the DSN returned its headers
 * @param originalReturnPath the returned message's Return-Path, if the returning MTA kept it
 * @param recipients        the per-recipient fields, in order
 */
public record DeliveryStatusReport(
        String reportId,
        List<String> envelopeAddresses,
        String originalMessageId,
        String originalReturnPath,
        List<RecipientStatus> recipients) {

    public DeliveryStatusReport {
        envelopeAddresses = List.copyOf(envelopeAddresses);
        recipients = List.copyOf(recipients);
    }

    /**
     * The recipient status that decides: a hard failure before a soft one before anything else. Sluice sends each
     * message to one recipient, so a DSN about a Sluice message normally has one group.
     */
    public Optional<RecipientStatus> decisive() {
        return recipients.stream().min(Comparator.comparing(RecipientStatus::kind));
    }

    public BounceKind kind() {
        return decisive().map(RecipientStatus::kind).orElse(BounceKind.NONE);
    }
}
