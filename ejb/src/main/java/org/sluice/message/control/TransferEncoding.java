package org.sluice.message.control;

/**
 * Picks a text body's Content-Transfer-Encoding the way Jakarta Mail would (RFC 2045 6), but from the String in
 * hand instead of by encoding the body once more: 7bit for ASCII in lines of at most 998 characters (RFC 5322
 * 2.1.1), quoted-printable for mostly-ASCII text, base64 when most characters are not ASCII (QP would triple them).
 */
final class TransferEncoding {

    /** RFC 5322 2.1.1: a line is at most 998 characters before its CRLF. */
    static final int MAX_LINE = 998;

    private TransferEncoding() {}

    static String of(String body) {
        int nonAscii = 0;
        int lineLength = 0;
        boolean longLine = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\n' || c == '\r') {
                lineLength = 0;
                continue;
            }
            if (++lineLength > MAX_LINE) {
                longLine = true;
            }
            // NUL is not allowed in 7bit data either (RFC 2045 2.7).
            if (c >= 0x80 || c == 0) {
                nonAscii++;
            }
        }
        if (nonAscii == 0 && !longLine) {
            return "7bit";
        }
        return nonAscii * 3 > body.length() ? "base64" : "quoted-printable";
    }
}
