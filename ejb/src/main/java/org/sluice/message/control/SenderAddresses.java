package org.sluice.message.control;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;

/**
 * A campaign's From and Reply-To as header-ready addresses. Parsed strictly (RFC 822 syntax), then rebuilt from the
 * address and the display name: a parsed InternetAddress writes its display name back as it was typed, so
 * "Köln" would leave as raw UTF-8 bytes, which a relay may mangle and a DKIM verifier may see differently. Rebuilt,
 * a non-ASCII name is RFC 2047-encoded in UTF-8 and an ASCII one quoted where it needs to be.
 */
final class SenderAddresses {

    private SenderAddresses() {}

    /** One address, e.g. {@code "Kanalverein Köln" <news@example.org>}. */
    static InternetAddress parseOne(String value) throws AddressException {
        return rebuilt(new InternetAddress(value, true), value);
    }

    /** A comma-separated list, e.g. a Reply-To of two addresses. */
    static InternetAddress[] parseList(String value) throws AddressException {
        InternetAddress[] parsed = InternetAddress.parse(value, true);
        InternetAddress[] rebuilt = new InternetAddress[parsed.length];
        for (int i = 0; i < parsed.length; i++) {
            rebuilt[i] = rebuilt(parsed[i], value);
        }
        return rebuilt;
    }

    private static InternetAddress rebuilt(InternetAddress parsed, String value) throws AddressException {
        String personal = parsed.getPersonal();
        if (personal == null || personal.isBlank()) {
            InternetAddress bare = new InternetAddress();
            bare.setAddress(parsed.getAddress());
            return bare;
        }
        // A quoted name may hold a CR LF that the parser accepts; encoded it would be harmless, but it is a mistake.
        String where = HeaderText.firstControlCharacter(personal).orElse(null);
        if (where != null) {
            throw new AddressException("display name contains a control character (" + where + ")", value);
        }
        try {
            return new InternetAddress(parsed.getAddress(), personal.strip(), StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 unsupported", e);
        }
    }
}
