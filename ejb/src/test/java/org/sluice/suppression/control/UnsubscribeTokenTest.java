package org.sluice.suppression.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class UnsubscribeTokenTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final UnsubscribeToken tokens = new UnsubscribeToken(KEY);

    @Test
    void aSignedTokenVerifiesToItsCampaignAndRecipient() throws Exception {
        String token = tokens.sign(42, 1_000_007);

        assertEquals(new UnsubscribeToken.Subject(42, 1_000_007), tokens.verify(token));
        assertTrue(token.startsWith("42.1000007."), token);
        assertTrue(token.matches("[0-9.A-Za-z_-]+"), "URL- and header-safe: " + token);
    }

    @Test
    void theMacIsHmacSha256OverCampaignAndRecipientInBase64Url() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        String expected = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(mac.doFinal("sluice-unsubscribe\0007\0009".getBytes(StandardCharsets.US_ASCII)));

        assertEquals("7.9." + expected, tokens.sign(7, 9));
    }

    @Test
    void anotherRecipientsIdUnderTheSameMacIsRefused() {
        String token = tokens.sign(42, 100);
        String forged = token.replaceFirst("^42\\.100\\.", "42.101.");

        InvalidUnsubscribeTokenException e =
                assertThrows(InvalidUnsubscribeTokenException.class, () -> tokens.verify(forged));
        assertTrue(e.getMessage().contains("not issued by this Sluice"), e.getMessage());
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        String foreign = new UnsubscribeToken("another-server-key-0123456789abcd".getBytes(StandardCharsets.US_ASCII))
                .sign(42, 100);

        assertThrows(InvalidUnsubscribeTokenException.class, () -> tokens.verify(foreign));
    }

    @Test
    void aChangedMacCharacterIsRefused() {
        String token = tokens.sign(1, 2);
        char last = token.charAt(token.length() - 1);
        String forged = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThrows(InvalidUnsubscribeTokenException.class, () -> tokens.verify(forged));
    }

    @Test
    void malformedTokensAreRefusedWithoutParsingErrors() {
        for (String bad : new String[] {
            null,
            "",
            "1.2",
            "1.2.short",
            "x.2." + "A".repeat(43),
            "1.2." + "A".repeat(43) + "\r\nX",
            "99999999999999999999.1." + "A".repeat(43)
        }) {
            InvalidUnsubscribeTokenException e =
                    assertThrows(InvalidUnsubscribeTokenException.class, () -> tokens.verify(bad), String.valueOf(bad));
            assertTrue(e.getMessage().contains("malformed"), e.getMessage());
        }
    }

    @Test
    void tokensDifferPerRecipientAndCampaign() {
        Set<String> macs = new HashSet<>();
        for (long campaign = 1; campaign <= 3; campaign++) {
            for (long recipient = 1; recipient <= 100; recipient++) {
                String token = tokens.sign(campaign, recipient);
                macs.add(token.substring(token.lastIndexOf('.') + 1));
            }
        }
        assertEquals(300, macs.size());
        assertNotEquals(tokens.sign(1, 23), tokens.sign(12, 3));
    }

    @Test
    void aShortKeyIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new UnsubscribeToken("short".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(e.getMessage().contains("at least 16"), e.getMessage());
    }
}
