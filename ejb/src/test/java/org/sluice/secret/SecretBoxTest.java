package org.sluice.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final byte[] KEY = new byte[32];
    private static final byte[] OTHER_KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 7);
        Arrays.fill(OTHER_KEY, (byte) 8);
    }

    private final SecretBox box = new SecretBox(KEY);

    @Test
    void aSealedValueHoldsNoPlaintextAndOpensToIt() {
        String sealed = box.seal("smtp-password-1", "mta.password");

        assertTrue(sealed.startsWith(SecretBox.PREFIX), sealed);
        assertFalse(sealed.contains("smtp-password-1"), sealed);
        assertFalse(
                new String(
                                Base64.getDecoder().decode(sealed.substring(SecretBox.PREFIX.length())),
                                java.nio.charset.StandardCharsets.ISO_8859_1)
                        .contains("smtp-password"),
                "not in the decoded bytes either");
        assertEquals("smtp-password-1", box.open(sealed, "mta.password"));
    }

    @Test
    void theSameValueSealsDifferentlyEachTime() {
        assertNotEquals(box.seal("x", "c"), box.seal("x", "c"));
    }

    @Test
    void anotherKeyAnotherContextOrAnAlteredByteDoesNotOpen() {
        String sealed = box.seal("secret", "signing_key.secret/verp");
        char[] altered = sealed.toCharArray();
        // A character in the middle: all six of its bits are data (the last ones may be padding bits).
        int middle = altered.length / 2;
        altered[middle] = altered[middle] == 'A' ? 'g' : 'A';

        assertThrows(
                IllegalStateException.class, () -> new SecretBox(OTHER_KEY).open(sealed, "signing_key.secret/verp"));
        IllegalStateException copied =
                assertThrows(IllegalStateException.class, () -> box.open(sealed, "signing_key.secret/unsubscribe"));
        assertTrue(copied.getMessage().contains("does not open with this server's master key"), copied.getMessage());
        assertThrows(IllegalStateException.class, () -> box.open(new String(altered), "signing_key.secret/verp"));
        assertThrows(IllegalStateException.class, () -> box.open(SecretBox.PREFIX + "!!", "c"));
        assertThrows(IllegalStateException.class, () -> box.open(SecretBox.PREFIX + "AAAA", "c"));
    }

    @Test
    void aPlaintextFromBeforeSealingOpensAsItIs() {
        assertFalse(SecretBox.isSealed("legacy-password"));
        assertEquals("legacy-password", box.open("legacy-password", "mta.password"));
    }

    @Test
    void aMasterKeyMustHave32Bytes() {
        assertThrows(IllegalArgumentException.class, () -> new SecretBox(new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> new SecretBox(null));
    }
}
