package org.sluice.message.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListIdTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            plain name                        | Spring news      | news.example.org     | "Spring news" <campaign-42.news.example.org>
            no name                           |                  | news.example.org     | <campaign-42.news.example.org>
            blank name                        | '  '             | news.example.org     | <campaign-42.news.example.org>
            upper-case domain                 | News             | News.Example.ORG     | "News" <campaign-42.news.example.org>
            international domain in ASCII     | News             | bücher.de            | "News" <campaign-42.xn--bcher-kva.de>
            address literal: unmanaged        | News             | [192.0.2.1]          | "News" <campaign-42.localhost>
            quote and backslash escaped       | a "b" \\ c       | example.org          | "a \\"b\\" \\\\ c" <campaign-42.example.org>
            angle brackets stay in the quotes | x> <evil.example | example.org          | "x> <evil.example" <campaign-42.example.org>
            looks like an encoded-word        | =?UTF-8?Q?x?=    | example.org          | "=?UTF-8?Q?x?=" <campaign-42.example.org>
            """)
    void valueIsTheQuotedNameAndTheCampaignUnderTheFromDomain(
            String what, String name, String domain, String expected) {
        assertEquals(expected, ListId.of(42, name, domain).value());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            CR LF and a header       | 'News\\r\\nBcc: victim@example.net' | "News Bcc: victim@example.net" <campaign-7.example.org>
            bare LF, CR, tab, NUL    | 'a\\nb\\rc\\td\\u0000e'           | "a b c d e" <campaign-7.example.org>
            C1 and line separators   | 'a\\u0085b\\u2028c\\u2029'         | "a b c" <campaign-7.example.org>
            """)
    void lineBreaksAndControlsInTheNameBecomeOneSpace(String what, String name, String expected) {
        String unescaped = name.replace("\\r", "\r")
                .replace("\\n", "\n")
                .replace("\\t", "\t")
                .replace("\\u0000", "\u0000")
                .replace("\\u0085", "\u0085")
                .replace("\\u2028", "\u2028")
                .replace("\\u2029", "\u2029");
        assertEquals(expected, ListId.of(7, unescaped, "example.org").value());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Kanalverein Köln – Straße", "운하 협회 소식", "🚢 News", "Köln \"<x>\" \\ y"})
    void aNonAsciiNameIsEncodedAndDecodesBack(String name) throws Exception {
        String value = ListId.of(42, name, "example.org").value();

        assertEquals(name + " <campaign-42.example.org>", MimeUtility.decodeText(value));
        assertEquals(true, value.startsWith("=?UTF-8?"), value);
        assertEquals(true, value.chars().allMatch(c -> c > 0x20 && c < 0x7f || c == ' '), value);
    }

    @Test
    void anIdOver255CharactersFallsBackToTheUnmanagedNamespace() {
        String label = "a".repeat(60) + ".";
        String fits = label.repeat(3) + "a".repeat(55) + ".org"; // 242 + "campaign-42." = 254 characters
        String tooLong = label.repeat(4) + "b.org"; // 249 + 12 = 261

        assertEquals("<campaign-42." + fits + ">", ListId.of(42, null, fits).value());
        assertEquals("<campaign-42.localhost>", ListId.of(42, null, tooLong).value());
    }
}
