package org.sluice.bounce.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds which Sluice message a DSN is about: first a VERP address where the DSN was delivered (or in the returned
 * headers' Return-Path), else the returned message's Message-ID, which Sluice makes deterministic
 * ({@code <sluice.<campaign>.<recipient>@domain>}, see PersonalMessageRenderer). The second way also works for
 * campaigns sent without a bounce address, whose bounces go to the From mailbox.
 */
public final class BounceMatcher {

    private static final Pattern SLUICE_MESSAGE_ID = Pattern.compile("<?sluice\\.(\\d{1,18})\\.(\\d{1,18})@[^>\\s]+>?");

    private final VerpCodec codec;

    /** @param codec the configured VERP codec, or null when no bounce address is configured */
    public BounceMatcher(VerpCodec codec) {
        this.codec = codec;
    }

    public Optional<BounceMatch> match(DeliveryStatusReport report) {
        if (codec != null) {
            List<String> candidates = new ArrayList<>(report.envelopeAddresses());
            if (report.originalReturnPath() != null) {
                candidates.add(report.originalReturnPath());
            }
            for (String address : candidates) {
                Optional<MessageRef> ref = codec.decode(address);
                if (ref.isPresent()) {
                    return Optional.of(new BounceMatch(ref.get(), BounceMatch.MatchedBy.VERP));
                }
            }
        }
        return messageIdOf(report.originalMessageId())
                .map(ref -> new BounceMatch(ref, BounceMatch.MatchedBy.MESSAGE_ID));
    }

    static Optional<MessageRef> messageIdOf(String messageId) {
        if (messageId == null) {
            return Optional.empty();
        }
        Matcher m = SLUICE_MESSAGE_ID.matcher(messageId.strip());
        return m.matches() ? Optional.of(new MessageRef(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))))
                : Optional.empty();
    }
}
