package org.sluice.message.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrlfTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bare LF                 | 'a\\nb\\n'        | 'a\\r\\nb\\r\\n'
            bare CR                 | 'a\\rb'          | 'a\\r\\nb'
            CR LF kept              | 'a\\r\\nb'        | 'a\\r\\nb'
            LF CR is two breaks     | 'a\\n\\rb'        | 'a\\r\\n\\r\\nb'
            mixed                   | 'a\\r\\nb\\nc\\rd'  | 'a\\r\\nb\\r\\nc\\r\\nd'
            empty lines             | '\\n\\n'          | '\\r\\n\\r\\n'
            ends in CR              | 'a\\r'           | 'a\\r\\n'
            """)
    void everyLineBreakBecomesCrlf(String what, String text, String expected) {
        assertEquals(unescaped(expected), CrlfText.of(unescaped(text)));
    }

    @Test
    void textAlreadyInCrlfIsNotCopied() {
        String text = "Hello\r\nAlice\r\n";
        assertSame(text, CrlfText.of(text));
    }

    private static String unescaped(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n");
    }
}
