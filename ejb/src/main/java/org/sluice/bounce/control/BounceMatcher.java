package org.sluice.bounce.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds which Sluice message a DSN is about. With a bounce address configured (VERP on), only a return path whose MAC
 * verifies counts: where the DSN was delivered, or the Return-Path in the returned headers. The returned Message-ID
 * ({@code <sluice.<campaign>.<recipient>@domain>}, see PersonalMessageRenderer) is sequential and so guessable: a
 * forger who also names the recipient's address as Final-Recipient could fail and suppress anyone, so it is used
 * only without a bounce address, where it is the sole way (bounces then go to the From mailbox).
 */
public final class BounceMatcher {

    private static final Pattern SLUICE_MESSAGE_ID = Pattern.compile("<?sluice\\.(\\d{1,18})\\.(\\d{1,18})@[^>\\s]+>?");

    private final VerpCodec codec;

    /** @param codec the configured VERP codec, or null when no bounce address is configured (VERP off) */
    public BounceMatcher(VerpCodec codec) {
        this.codec = codec;
    }

    public Optional<BounceMatch> match(DeliveryStatusReport report) {
        if (codec == null) {
            return messageIdOf(report.originalMessageId())
                    .map(ref -> new BounceMatch(ref, BounceMatch.MatchedBy.MESSAGE_ID));
        }
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
        return Optional.empty();
    }

    static Optional<MessageRef> messageIdOf(String messageId) {
        if (messageId == null) {
            return Optional.empty();
        }
        Matcher m = SLUICE_MESSAGE_ID.matcher(messageId.strip());
        return m.matches()
                ? Optional.of(new MessageRef(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))))
                : Optional.empty();
    }
}
