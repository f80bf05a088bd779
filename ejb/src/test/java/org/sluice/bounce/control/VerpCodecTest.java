package org.sluice.bounce.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerpCodecTest {

    private static final byte[] SECRET = "0123456789abcdef-test-secret".getBytes(StandardCharsets.UTF_8);
    private final VerpCodec codec = new VerpCodec("bounces@Bounce.Example.org", SECRET);

    @Test
    void encodedAddressNamesCampaignAndRecipientAndDecodesBack() {
        String address = codec.encode(42, 1234);

        assertTrue(address.matches("bounces\\+c42-r1234-[a-z2-7]{10}@bounce\\.example\\.org"), address);
        assertEquals(Optional.of(new MessageRef(42, 1234)), codec.decode(address));
        assertEquals(Optional.of(new MessageRef(42, 1234)), codec.decode("<" + address + ">"));
        assertEquals(
                Optional.of(new MessageRef(Long.MAX_VALUE / 10, 0)),
                codec.decode(codec.encode(Long.MAX_VALUE / 10, 0)));
    }

    @Test
    void anMtaThatFoldsTheCaseOfTheAddressStillMatches() {
        String address = codec.encode(7, 99);

        assertEquals(Optional.of(new MessageRef(7, 99)), codec.decode(address.toUpperCase(Locale.ROOT)));
    }

    @Test
    void aForgedMacIsRefused() {
        String genuine = codec.encode(42, 1234);
        String otherRecipient = genuine.replace("-r1234-", "-r1235-");
        char last = genuine.charAt(genuine.indexOf('@') - 1);
        String flippedMac = genuine.replace(last + "@", (last == 'a' ? 'b' : 'a') + "@");

        assertEquals(Optional.empty(), codec.decode(otherRecipient));
        assertEquals(Optional.empty(), codec.decode(flippedMac));
        assertEquals(Optional.empty(), codec.decode(genuine.replace("c42", "c042")), "only the canonical form is ours");
    }

    @Test
    void anotherSecretMakesOtherAddresses() {
        VerpCodec other = new VerpCodec(
                "bounces@bounce.example.org", "another-secret-of-enough-bytes".getBytes(StandardCharsets.UTF_8));

        assertEquals(Optional.empty(), other.decode(codec.encode(1, 2)));
    }

    @Test
    void addressesThatAreNotOursAreRefusedQuietly() {
        for (String odd : new String[] {
            null,
            "",
            "   ",
            "<>",
            "bounces@bounce.example.org",
            "someone@example.org",
            "bounces+c1-r2@bounce.example.org",
            "bounces+c1-r2-abcdefghij@elsewhere.org",
            "bounces+c-r-abcdefghij@bounce.example.org",
            "bounces+c1-r2-abcdefghi1@bounce.example.org",
            "bounces+c99999999999999999999-r2-abcdefghij@bounce.example.org",
            "news+c1-r2-abcdefghij@bounce.example.org",
            "bounces+c1-r2-abcdefghij",
            "@bounce.example.org",
            "bounces+c1-r2-abcdefghij@@bounce.example.org"
        }) {
            assertEquals(Optional.empty(), codec.decode(odd), String.valueOf(odd));
        }
    }

    @Test
    void aBounceAddressOrSecretThatCannotWorkIsRefusedAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> new VerpCodec("bounces", SECRET));
        assertThrows(IllegalArgumentException.class, () -> new VerpCodec("bounces+x@example.org", SECRET));
        assertThrows(IllegalArgumentException.class, () -> new VerpCodec("a@b@example.org", SECRET));
        assertThrows(IllegalArgumentException.class, () -> new VerpCodec("Bounces <bounces@example.org>", SECRET));
        assertThrows(IllegalArgumentException.class, () -> new VerpCodec("bounces@example.org", new byte[8]));
        assertThrows(IllegalArgumentException.class, () -> codec.encode(-1, 2));
    }
}
