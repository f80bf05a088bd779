package org.sluice.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the secrets Sluice keeps in its database (signing keys, MTA passwords) with AES-256-GCM under a master key
 * that is not in the database ({@link MasterKey}): a dump or backup of the database alone reveals none of them.
 * A sealed value is {@code aesgcm1:} + base64(96-bit nonce + ciphertext + 128-bit tag) (NIST SP 800-38D: a random
 * nonce per value). The context (which table and row a value belongs to) is authenticated too, so a sealed value
 * copied into another row does not open there. Thread-safe.
 */
public final class SecretBox {

    public static final String PREFIX = "aesgcm1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    /** @param masterKey 32 bytes */
    public SecretBox(byte[] masterKey) {
        if (masterKey == null || masterKey.length != 32) {
            throw new IllegalArgumentException(
                    "the master key must have 32 bytes, not " + (masterKey == null ? "none" : masterKey.length));
        }
        this.key = new SecretKeySpec(masterKey.clone(), "AES");
    }

    /** Whether a stored value is sealed (else it is a plaintext left from before, or written by hand). */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** @param context where the value is stored, e.g. "mta.password": it must be the same to open it */
    public String seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e, e);
        }
    }

    /**
     * @return the plaintext of a sealed value; a value that is not sealed is returned as it is (a row from before
     *         sealing, or one an admin wrote by hand, which the next sweep seals)
     * @throws IllegalStateException when the value was sealed under another master key or context, or altered
     */
    public String open(String stored, String context) {
        if (!isSealed(stored)) {
            return stored;
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the sealed " + context + " is not base64: it was altered");
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("the sealed " + context + " is too short: it was altered");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException(
                    "the sealed " + context + " does not open with this server's master key"
                            + " (another server's key file, or a value altered or copied from another row)",
                    e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e, e);
        }
    }
}
