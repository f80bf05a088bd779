package org.sluice.message.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransferEncodingTest {

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ascii lines                  | 'Hello Alice,\nsee you.\r\n' | 7bit
            empty body                   | ''                           | 7bit
            a few accents                | 'Grüße from the shop, Alice' | quoted-printable
            mostly non-Latin             | '春の新商品のお知らせ'         | base64
            """)
    void picksTheEncodingFromTheText(String what, String body, String expected) {
        assertEquals(expected, TransferEncoding.of(body.replace("\\n", "\n").replace("\\r", "\r")));
    }

    @Test
    void aNulCharacterIsNeverSent7bit() {
        assertEquals("quoted-printable", TransferEncoding.of("a" + (char) 0 + "b"));
    }

    @ParameterizedTest(name = "line of {0} characters: {1}")
    @CsvSource({"998, 7bit", "999, quoted-printable"})
    void asciiLinesLongerThanRfc5322AllowsAreQuotedPrintable(int length, String expected) {
        assertEquals(expected, TransferEncoding.of("short\n" + "x".repeat(length) + "\nshort"));
    }
}
