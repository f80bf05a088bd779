package org.sluice.suppression.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token in a recipient's unsubscribe links: {@code <campaignId>.<recipientId>.<mac>}, where mac is
 * base64url(HMAC-SHA256(key, "sluice-unsubscribe" 0 campaignId 0 recipientId)). It names whom it unsubscribes and
 * proves Sluice issued it, so verifying needs the key only, no stored token; it uses only URL- and header-safe
 * characters. Thread-safe.
 */
public final class UnsubscribeToken {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,18})\\.(\\d{1,18})\\.([A-Za-z0-9_-]{43})");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /** Shortest key accepted: RFC 2104 2 advises at least the hash output length (32 bytes); half of it is the floor. */
    public static final int MIN_KEY_BYTES = 16;

    private final Mac prototype;

    /** Whom a valid token unsubscribes. */
    public record Subject(long campaignId, long recipientId) {}

    public UnsubscribeToken(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the unsubscribe signing key has " + key.length + " bytes; at least "
                    + MIN_KEY_BYTES + " are needed");
        }
        try {
            prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available: " + e.getMessage(), e);
        }
    }

    public String sign(long campaignId, long recipientId) {
        return campaignId + "." + recipientId + "." + BASE64URL.encodeToString(mac(campaignId, recipientId));
    }

    /** @throws InvalidUnsubscribeTokenException if the token is malformed or was not signed with this key */
    public Subject verify(String token) throws InvalidUnsubscribeTokenException {
        Matcher m = token == null ? null : FORMAT.matcher(token);
        if (m == null || !m.matches()) {
            throw new InvalidUnsubscribeTokenException(
                    "this unsubscribe link is malformed (cut short when it was copied?)");
        }
        long campaignId = Long.parseLong(m.group(1));
        long recipientId = Long.parseLong(m.group(2));
        // Compared as text: 43 base64 characters carry 2 spare bits that a decoder ignores, and a link must have
        // one spelling only. Constant time: the time taken must not tell a forger how many characters were right.
        byte[] given = m.group(3).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = BASE64URL.encode(mac(campaignId, recipientId));
        if (!MessageDigest.isEqual(given, expected)) {
            throw new InvalidUnsubscribeTokenException("this unsubscribe link was not issued by this Sluice");
        }
        return new Subject(campaignId, recipientId);
    }

    private byte[] mac(long campaignId, long recipientId) {
        Mac mac = newMac();
        return mac.doFinal(
                ("sluice-unsubscribe\0" + campaignId + "\0" + recipientId).getBytes(StandardCharsets.US_ASCII));
    }

    /** A Mac is not thread-safe; a clone of the initialised one skips the provider lookup per message. */
    private Mac newMac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HMAC-SHA256 provider cannot clone its Mac", e);
        }
    }
}
