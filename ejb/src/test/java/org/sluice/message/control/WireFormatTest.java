package org.sluice.message.control;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sluice.recipient.control.PendingRecipient;

/**
 * The message as the MTA receives it, byte by byte: what relays pass on unchanged and a DKIM signer signs. Headers are
 * ASCII in lines a relay need not rewrap, and non-ASCII text travels as RFC 2047 encoded-words that decode to what
 * the campaign said.
 */
class WireFormatTest {

    private static final Session PARSE = Session.getInstance(new Properties());
    /** RFC 5322 2.1.1: a line MUST be at most 998 characters and SHOULD be at most 78 (both without the CRLF). */
    private static final int MAX_LINE = 998;

    private static final int MAX_FOLDED_LINE = 78;
    /** One encoded-word as MimeUtility writes it: UTF-8, B or Q. */
    private static final String ENCODED_WORD = "=\\?UTF-8\\?[BQ]\\?[!->@-~]+\\?=";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Kanalverein Köln – Straße", "운하 협회 소식", "🚢 News"})
    void nonAsciiNamesAndSubjectTravelAsEncodedWordsInAsciiHeaderLines(String text) throws Exception {
        String quoted = "\"" + text + "\"";
        PersonalMessageRenderer renderer = new PersonalMessageRenderer(
                42,
                MessageTemplates.compile("{{name}}", "Hallo", null, Set.of()),
                quoted + " <news@example.org>",
                quoted + " <help@example.org>",
                null,
                null,
                text);

        byte[] wire = bytesOf(renderer.render(new PendingRecipient(7, "alice@example.org", text, Map.of()))
                .message());
        byte[] head = headerBlock(wire);
        MimeMessage received = new MimeMessage(PARSE, new ByteArrayInputStream(wire));
        String listId = MimeUtility.unfold(received.getHeader(ListId.HEADER, null));
        Matcher phraseAndId = Pattern.compile("(.+) <([^<>]+)>").matcher(listId);

        assertAll(
                () -> assertEveryByteIsAscii(head),
                () -> assertLinesAtMost(MAX_LINE, wire),
                () -> assertLinesAtMost(MAX_FOLDED_LINE, head),
                () -> assertEncodedAddress(text, "news@example.org", raw(received, "From")),
                () -> assertEncodedAddress(text, "help@example.org", raw(received, "Reply-To")),
                () -> assertEncodedAddress(text, "alice@example.org", raw(received, "To")),
                () -> assertTrue(raw(received, "Subject").matches(ENCODED_WORD + "( " + ENCODED_WORD + ")*")),
                () -> assertEquals(text, personal(received.getFrom())),
                () -> assertEquals(text, personal(received.getReplyTo())),
                () -> assertEquals(text, personal(received.getRecipients(Message.RecipientType.TO))),
                () -> assertEquals(text, received.getSubject()),
                () -> assertTrue(phraseAndId.matches(), listId),
                () -> assertTrue(phraseAndId.group(1).matches(ENCODED_WORD + "( " + ENCODED_WORD + ")*"), listId),
                () -> assertEquals(text, MimeUtility.decodeText(phraseAndId.group(1))),
                () -> assertEquals("campaign-42.example.org", phraseAndId.group(2)));
    }

    @Test
    void aLongNonAsciiNameIsFoldedIntoLinesOfAtMost78() throws Exception {
        String name = "Kanalverein Köln – 운하 협회 소식 🚢 und eine sehr lange Bezeichnung des Vereins";
        PersonalMessageRenderer renderer = new PersonalMessageRenderer(
                42,
                MessageTemplates.compile("{{name}}", "Hallo", null, Set.of()),
                "\"" + name + "\" <news@example.org>",
                null,
                null,
                null,
                name);

        byte[] wire = bytesOf(renderer.render(new PendingRecipient(7, "alice@example.org", name, Map.of()))
                .message());
        MimeMessage received = new MimeMessage(PARSE, new ByteArrayInputStream(wire));
        String listId = MimeUtility.unfold(received.getHeader(ListId.HEADER, null));

        assertAll(
                () -> assertEveryByteIsAscii(headerBlock(wire)),
                () -> assertLinesAtMost(MAX_FOLDED_LINE, headerBlock(wire)),
                () -> assertEquals(name, personal(received.getFrom())),
                () -> assertEquals(name, received.getSubject()),
                () -> assertEquals(name + " <campaign-42.example.org>", MimeUtility.decodeText(listId)));
    }

    @Test
    void campaignNameCannotInjectIntoListId() throws Exception {
        PersonalMessageRenderer renderer = new PersonalMessageRenderer(
                42,
                MessageTemplates.compile("Hi", "x", null, Set.of()),
                "news@example.org",
                null,
                null,
                null,
                "Spring \"sale\" \\ <evil@example.net>\r\nBcc: victim@example.net\n\r\nbody");

        byte[] wire = bytesOf(renderer.render(new PendingRecipient(7, "alice@example.org", null, Map.of()))
                .message());
        MimeMessage received = new MimeMessage(PARSE, new ByteArrayInputStream(wire));

        assertAll(
                () -> assertEquals(
                        List.of(
                                "Content-Transfer-Encoding",
                                "Content-Type",
                                "Date",
                                "From",
                                "List-Id",
                                "MIME-Version",
                                "Message-ID",
                                "Subject",
                                "To"),
                        headerNames(wire).stream().sorted().toList(),
                        "each field once, none added"),
                () -> assertEquals(
                        "\"Spring \\\"sale\\\" \\\\ <evil@example.net> Bcc: victim@example.net body\""
                                + " <campaign-42.example.org>",
                        MimeUtility.unfold(received.getHeader(ListId.HEADER, null))),
                () -> assertEquals(null, received.getHeader("Bcc")),
                () -> assertEquals("x", received.getContent()));
    }

    @Test
    void displayNameWithQuotesBackslashAndBracketsStaysOneAddressInFromAndReplyTo() throws Exception {
        PersonalMessageRenderer ascii = new PersonalMessageRenderer(
                1,
                MessageTemplates.compile("Hi", "x", null, Set.of()),
                "\"Sales \\\"Team\\\" \\\\ <evil@example.net>\" <news@example.org>",
                "\"Help, \\\"desk\\\" >\" <help@example.org>");
        PersonalMessageRenderer nonAscii = new PersonalMessageRenderer(
                1,
                MessageTemplates.compile("Hi", "x", null, Set.of()),
                "\"Köln \\\"Team\\\" \\\\ <evil@example.net>\" <news@example.org>",
                null);

        MimeMessage first = reparsed(ascii.render(new PendingRecipient(7, "a@example.org", null, Map.of())));
        MimeMessage second = reparsed(nonAscii.render(new PendingRecipient(7, "a@example.org", null, Map.of())));

        assertAll(
                () -> assertEquals(
                        "\"Sales \\\"Team\\\" \\\\ <evil@example.net>\" <news@example.org>", raw(first, "From")),
                () -> assertEquals("\"Help, \\\"desk\\\" >\" <help@example.org>", raw(first, "Reply-To")),
                () -> assertArrayEquals(
                        new InternetAddress[] {
                            new InternetAddress("news@example.org", "Sales \"Team\" \\ <evil@example.net>")
                        },
                        first.getFrom()),
                () -> assertEquals(
                        "=?UTF-8?Q?K=C3=B6ln_=22Team=22_=5C_=3Cevil=40example=2Enet=3E?= <news@example.org>",
                        raw(second, "From")),
                () -> assertArrayEquals(
                        new InternetAddress[] {
                            new InternetAddress("news@example.org", "Köln \"Team\" \\ <evil@example.net>")
                        },
                        second.getFrom()));
    }

    @Test
    void textAndHtmlPartsDecodeToCrlfLineBreaksOnly() throws Exception {
        // Korean makes both parts base64, where a bare LF would survive the encoding as it was.
        String text = "첫번째줄입니다\n두번째줄입니다\r세번째줄입니다\r\n네번째줄\n";
        String html = "<p>첫번째줄입니다</p>\n<p>두번째줄입니다</p>\r<p>끝입니다</p>";
        PersonalMessageRenderer renderer = new PersonalMessageRenderer(
                1, MessageTemplates.compile("Hi", text, html, Set.of()), "news@example.org", null);

        MimeMessage received = reparsed(renderer.render(new PendingRecipient(7, "a@example.org", null, Map.of())));
        MimeMultipart alternative = (MimeMultipart) received.getContent();
        Part textPart = alternative.getBodyPart(0);
        Part htmlPart = alternative.getBodyPart(1);

        assertAll(
                () -> assertEquals("base64", ((jakarta.mail.internet.MimePart) textPart).getEncoding()),
                () -> assertEquals("base64", ((jakarta.mail.internet.MimePart) htmlPart).getEncoding()),
                () -> assertEquals("첫번째줄입니다\r\n두번째줄입니다\r\n세번째줄입니다\r\n네번째줄\r\n", decoded(textPart)),
                () -> assertEquals("<p>첫번째줄입니다</p>\r\n<p>두번째줄입니다</p>\r\n<p>끝입니다</p>", decoded(htmlPart)));
    }

    @Test
    void aQuotedPrintableOr7bitBodyIsWrittenWithCrlfOnly() throws Exception {
        PersonalMessageRenderer renderer = new PersonalMessageRenderer(
                1,
                MessageTemplates.compile("Hi", "Grüße\nfrom\rus\n", "<p>a</p>\n<p>b</p>", Set.of()),
                "news@example.org",
                null);

        byte[] wire = bytesOf(renderer.render(new PendingRecipient(7, "a@example.org", null, Map.of()))
                .message());
        MimeMultipart alternative = (MimeMultipart) new MimeMessage(PARSE, new ByteArrayInputStream(wire)).getContent();

        assertAll(
                () -> assertEquals(-1, bareLineBreak(wire), "bare CR or LF in the written message"),
                () -> assertEquals("Grüße\r\nfrom\r\nus\r\n", decoded(alternative.getBodyPart(0))),
                () -> assertEquals("<p>a</p>\r\n<p>b</p>", decoded(alternative.getBodyPart(1))));
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private static void assertEncodedAddress(String personal, String address, String raw) throws Exception {
        assertTrue(raw.matches(ENCODED_WORD + "( " + ENCODED_WORD + ")* <" + Pattern.quote(address) + ">"), raw);
        InternetAddress parsed = new InternetAddress(raw, true);
        assertEquals(personal, parsed.getPersonal());
        assertEquals(address, parsed.getAddress());
    }

    private static String personal(jakarta.mail.Address[] addresses) {
        assertEquals(1, addresses.length);
        return ((InternetAddress) addresses[0]).getPersonal();
    }

    /** A header's value as written, unfolded, not decoded. */
    private static String raw(MimeMessage message, String name) throws Exception {
        String[] values = message.getHeader(name);
        assertEquals(1, values.length, name);
        return MimeUtility.unfold(values[0]).strip();
    }

    private static String decoded(Part part) throws Exception {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertEveryByteIsAscii(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            assertTrue(bytes[i] >= 0, "byte " + i + " is not ASCII: " + new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private static void assertLinesAtMost(int max, byte[] bytes) {
        for (String line : new String(bytes, StandardCharsets.ISO_8859_1).split("\r\n", -1)) {
            assertTrue(line.length() <= max, line.length() + " characters: " + line);
        }
    }

    /** Where the first CR or LF outside a CR LF is, or -1. */
    private static int bareLineBreak(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\r' && (i + 1 == bytes.length || bytes[i + 1] != '\n')) {
                return i;
            }
            if (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r')) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] headerBlock(byte[] wire) {
        String text = new String(wire, StandardCharsets.ISO_8859_1);
        return text.substring(0, text.indexOf("\r\n\r\n")).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Field names in the order written; a continuation line must start with white space. */
    private static List<String> headerNames(byte[] wire) {
        List<String> names = new ArrayList<>();
        for (String line : new String(headerBlock(wire), StandardCharsets.ISO_8859_1).split("\r\n", -1)) {
            if (!line.startsWith(" ") && !line.startsWith("\t")) {
                assertTrue(line.matches("[A-Za-z-]+: .*|[A-Za-z-]+:"), "not a header line: " + line);
                names.add(line.substring(0, line.indexOf(':')));
            }
        }
        return names;
    }

    private static byte[] bytesOf(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    private static MimeMessage reparsed(PersonalMessage rendered) throws Exception {
        return new MimeMessage(PARSE, new ByteArrayInputStream(bytesOf(rendered.message())));
    }
}
