package org.sluice.bounce.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * VERP (variable envelope return path): each message's envelope sender names its campaign and recipient, so the
 * bounce, which RFC 5321 4.5.5 sends to that address, says whom it is about even when the DSN itself is mangled.
 * {@code bounces@example.org} becomes {@code bounces+c42-r1234-k7m2q9x4ab@example.org}; the last part is a MAC over
 * campaign and recipient, so a forged bounce cannot fail and suppress recipients of its choosing. The MAC is
 * lower-case base32: some MTAs fold the local part's case, which RFC 5321 2.4 does not forbid in practice.
 * Immutable and thread-safe.
 */
public final class VerpCodec {

    static final char DELIMITER = '+';
    private static final int MAC_CHARS = 10; // 50 bits: a forger needs ~10^15 tries per recipient
    private static final int MIN_SECRET_BYTES = 16;
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static final Pattern TAG =
            Pattern.compile("c(0|[1-9]\\d{0,17})-r(0|[1-9]\\d{0,17})-([a-z2-7]{" + MAC_CHARS + "})");

    private final String localPart;
    private final String domain;
    private final SecretKeySpec key;

    /**
     * @param bounceAddress the mailbox bounces go to, e.g. {@code bounces@example.org}; its MTA must deliver
     *                      {@code bounces+anything@} there (Postfix: {@code recipient_delimiter = +})
     * @param secret        at least 16 bytes, the same on every node that sends or reads bounces
     */
    public VerpCodec(String bounceAddress, byte[] secret) {
        String address = bounceAddress == null ? "" : bounceAddress.strip();
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1 || address.indexOf('@') != at) {
            throw new IllegalArgumentException("bounce address '" + bounceAddress + "' is not local@domain");
        }
        String local = address.substring(0, at);
        if (local.indexOf(DELIMITER) >= 0 || !local.matches("[A-Za-z0-9._=-]+")) {
            throw new IllegalArgumentException("bounce address '" + bounceAddress
                    + "': its local part must be plain (letters, digits, . _ = -) and must not contain '+'");
        }
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the VERP secret must have at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.localPart = local;
        this.domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    public String encode(long campaignId, long recipientId) {
        if (campaignId < 0 || recipientId < 0) {
            throw new IllegalArgumentException("ids must not be negative: c" + campaignId + " r" + recipientId);
        }
        String tag = "c" + campaignId + "-r" + recipientId;
        return localPart + DELIMITER + tag + "-" + mac(tag) + "@" + domain;
    }

    /**
     * @param address an address as found in a bounce (angle brackets and case as the MTA left them)
     * @return the message it names, or empty when it is not one of this codec's addresses or its MAC is wrong
     */
    public Optional<MessageRef> decode(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String bare = address.strip();
        if (bare.startsWith("<") && bare.endsWith(">")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        int at = bare.lastIndexOf('@');
        if (at <= 0 || !bare.substring(at + 1).equalsIgnoreCase(domain)) {
            return Optional.empty();
        }
        String local = bare.substring(0, at);
        String prefix = localPart + DELIMITER;
        if (local.length() <= prefix.length() || !local.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return Optional.empty();
        }
        Matcher tag = TAG.matcher(local.substring(prefix.length()).toLowerCase(Locale.ROOT));
        if (!tag.matches()) {
            return Optional.empty();
        }
        long campaignId = Long.parseLong(tag.group(1));
        long recipientId = Long.parseLong(tag.group(2));
        String expected = mac("c" + campaignId + "-r" + recipientId);
        boolean genuine = MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), tag.group(3).getBytes(StandardCharsets.US_ASCII));
        return genuine ? Optional.of(new MessageRef(campaignId, recipientId)) : Optional.empty();
    }

    private String mac(String tag) {
        byte[] digest;
        try {
            // A Mac per call: Mac is not thread-safe and one costs microseconds next to rendering a message.
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            digest = mac.doFinal(tag.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
        StringBuilder out = new StringBuilder(MAC_CHARS);
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (digest[i] & 0xff);
        }
        for (int i = 0; i < MAC_CHARS; i++) {
            out.append(BASE32.charAt((int) ((bits >>> (64 - 5 * (i + 1))) & 31)));
        }
        return out.toString();
    }
}
