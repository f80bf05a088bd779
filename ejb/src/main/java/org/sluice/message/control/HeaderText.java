package org.sluice.message.control;

import java.util.Optional;

/**
 * Rules for text Sluice copies into a header as given, such as a campaign's From and Reply-To. A header field is one
 * line of printable characters (RFC 5322 2.2, 3.2.3): a CR or LF in a display name, even a quoted one, is how a
 * header is injected, and other control characters have no business there either.
 */
public final class HeaderText {

    private HeaderText() {}

    /**
     * @return where the first control character (C0, DEL, C1) or Unicode line/paragraph separator is, e.g.
     *         "U+000D at position 5" (from 1), or empty when there is none
     */
    public static Optional<String> firstControlCharacter(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return Optional.of(String.format("U+%04X at position %d", (int) c, i + 1));
            }
        }
        return Optional.empty();
    }
}
