package org.sluice.bounce.control;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.sluice.bounce.entity.BounceKind;

/**
 * What a bounce or complaint says about a Sluice message: read from an RFC 3464 delivery status notification, from a
 * bounce text without one (qmail, Exim, Exchange...), or from a feedback report (RFC 5965 ARF, Microsoft JMRP).
 *
 * @param reportId           identifies this report for idempotent recording: its Message-ID, else a digest of its
 *                           date and content
 * @param envelopeAddresses  where the report was delivered (Delivered-To, X-Original-To, Envelope-To, To ...), where a
 *                           VERP address shows up
 * @param originalMessageId  the returned message's Message-ID, if the report returned its headers
 * @param originalReturnPath the returned message's Return-Path, if the returning MTA kept it
 * @param originalTo         the returned message's To, if returned
 * @param recipients         the per-recipient statuses, in order (a complaint has one, with action "complaint")
 * @param feedbackType       for a complaint, its Feedback-Type (abuse, fraud, opt-out...); null for a bounce
 */
public record DeliveryStatusReport(
        String reportId,
        List<String> envelopeAddresses,
        String originalMessageId,
        String originalReturnPath,
        String originalTo,
        List<RecipientStatus> recipients,
        String feedbackType) {

    public DeliveryStatusReport {
        envelopeAddresses = List.copyOf(envelopeAddresses);
        recipients = List.copyOf(recipients);
    }

    /** A bounce report, as before complaints were read. */
    public DeliveryStatusReport(
            String reportId,
            List<String> envelopeAddresses,
            String originalMessageId,
            String originalReturnPath,
            List<RecipientStatus> recipients) {
        this(reportId, envelopeAddresses, originalMessageId, originalReturnPath, null, recipients, null);
    }

    /**
     * The recipient status that decides: a hard failure before a soft one before anything else. Sluice sends each
     * message to one recipient, so a report about a Sluice message normally has one group. A complaint's status is
     * NONE (it is no bounce), so code that records bounces ignores it.
     */
    public Optional<RecipientStatus> decisive() {
        return recipients.stream().min(Comparator.comparing(RecipientStatus::kind));
    }

    /** A recipient's complaint (feedback loop): the address exists, its owner does not want the mail. */
    public boolean isComplaint() {
        return feedbackType != null;
    }

    /** HARD, SOFT or NONE for a bounce; {@link BounceKind#COMPLAINT} for a complaint. */
    public BounceKind kind() {
        if (isComplaint()) {
            return BounceKind.COMPLAINT;
        }
        return decisive().map(RecipientStatus::kind).orElse(BounceKind.NONE);
    }
}
