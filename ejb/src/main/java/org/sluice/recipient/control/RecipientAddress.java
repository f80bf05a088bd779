package org.sluice.recipient.control;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.IDN;
import java.util.Locale;

/**
 * A validated recipient address and its duplicate key. Parsing is Jakarta Mail's strict RFC 822 parser,
 * plus what bulk mail needs on top: a bare address (no display name or group in the address column),
 * a domain, and no control characters anywhere (no header injection).
 * <p>
 * Internationalised domains are accepted and stored as their ASCII form (RFC 5890 A-labels, {@code
 * user@xn--bcher-kva.example}), which every MTA can relay. A non-ASCII local part is refused: it can only be
 * relayed with SMTPUTF8 (RFC 6531) by every server on the way, which Sluice cannot know, and a message refused
 * late is worse than a row rejected at import.
 */
public record RecipientAddress(String address, String key) {

    public static RecipientAddress parse(String raw) throws InvalidRecipientException {
        if (raw == null || raw.isBlank()) {
            throw new InvalidRecipientException("address is empty");
        }
        String candidate = raw.strip();
        int control = firstControlCharacter(candidate);
        if (control >= 0) {
            throw new InvalidRecipientException("address contains a control character (U+"
                    + String.format("%04X", (int) candidate.charAt(control)) + ") at position " + (control + 1));
        }
        InternetAddress parsed;
        try {
            parsed = new InternetAddress(candidate, true);
            parsed.validate();
        } catch (AddressException e) {
            throw new InvalidRecipientException("invalid address '" + candidate + "': " + e.getMessage());
        }
        if (parsed.isGroup() || parsed.getPersonal() != null || !candidate.equals(parsed.getAddress())) {
            throw new InvalidRecipientException(
                    "'" + candidate + "' is not a bare address (put the name in the name column)");
        }
        int at = candidate.lastIndexOf('@');
        if (at <= 0 || at == candidate.length() - 1) {
            throw new InvalidRecipientException("address '" + candidate + "' has no domain");
        }
        String ascii = withAsciiDomain(candidate, at);
        return new RecipientAddress(ascii, keyOf(ascii, ascii.lastIndexOf('@')));
    }

    private static String withAsciiDomain(String address, int at) throws InvalidRecipientException {
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (!isAscii(local)) {
            throw new InvalidRecipientException("address '" + address + "' has a non-ASCII local part '" + local
                    + "': it needs SMTPUTF8 (RFC 6531) on every relay, which Sluice does not use");
        }
        if (isAscii(domain)) {
            return address;
        }
        try {
            return local + "@" + IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecipientException("address '" + address + "' has a domain that is not a valid"
                    + " internationalised domain name: " + e.getMessage());
        }
    }

    private static boolean isAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** RFC 5321 2.4: the local part may be case-sensitive, the domain is not. */
    private static String keyOf(String address, int at) {
        return address.substring(0, at + 1) + address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** Index of the first C0/C1 control character or -1; CR and LF are the header-injection risk. */
    static int firstControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
