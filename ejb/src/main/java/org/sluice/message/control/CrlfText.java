package org.sluice.message.control;

/**
 * Puts a text body into MIME's canonical form, every line ending in CRLF (RFC 2045 6.8, RFC 2046 4.1.1), before it
 * is encoded. A base64 (or quoted-printable) body keeps the line breaks it was given: a bare LF encoded as-is reaches
 * the recipient as a bare LF, which relays and DKIM body canonicalisation (RFC 6376 3.4) do not agree on.
 */
final class CrlfText {

    private CrlfText() {}

    /** The text with each CR LF kept and each bare CR or bare LF made a CR LF; the same String when nothing changes. */
    static String of(String text) {
        int first = firstBareBreak(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 64).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                out.append("\r\n");
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\n') {
                out.append("\r\n");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Where the first CR or LF that is not part of a CR LF is, or -1: most templates need no copy. */
    private static int firstBareBreak(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                } else {
                    return i;
                }
            } else if (c == '\n') {
                return i;
            }
        }
        return -1;
    }
}
