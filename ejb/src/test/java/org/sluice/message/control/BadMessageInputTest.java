package org.sluice.message.control;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sluice.recipient.control.PendingRecipient;

/**
 * The bad-input table for messages: line breaks in names, subjects and merge values never add a
 * header (checked on the bytes written to the MTA), and templates that cannot be sent are refused naming
 * the template and the field or line.
 */
class BadMessageInputTest {

    private static final Session PARSE = Session.getInstance(new Properties());
    private static final Set<String> HEADERS = Set.of(
            "From",
            "To",
            "Subject",
            "Date",
            "Message-ID",
            "MIME-Version",
            "Content-Type",
            "Content-Transfer-Encoding",
            "List-Id");

    record InjectionCase(String subjectTemplate, String displayName, String topic, String subject, String toName) {}

    static Stream<Named<InjectionCase>> injections() {
        String bcc = "Bcc: victim@example.net";
        return Stream.of(
                injection(
                        "CRLF + header in the display name",
                        "Hi {{name}}",
                        "Mallory\r\n" + bcc,
                        "x",
                        "Hi Mallory " + bcc,
                        "Mallory " + bcc),
                injection("bare LF + header in the display name", "Hi", "Mallory\n" + bcc, "x", "Hi", "Mallory " + bcc),
                injection("bare CR in the display name", "Hi", "Mallory\r" + bcc, "x", "Hi", "Mallory " + bcc),
                injection(
                        "CRLF + header in a merge value used in the subject",
                        "News: {{topic}}",
                        null,
                        "sale\r\n" + bcc,
                        "News: sale " + bcc,
                        null),
                injection(
                        "CRLF CRLF + body in a merge value used in the subject",
                        "News: {{topic}}",
                        null,
                        "sale\r\n\r\nInjected body",
                        "News: sale Injected body",
                        null),
                injection(
                        "CRLF in the subject template itself",
                        "News\r\n" + bcc + "\r\n{{topic}}",
                        null,
                        "sale",
                        "News " + bcc + " sale",
                        null),
                injection(
                        "tab and NUL in a merge value used in the subject",
                        "News: {{topic}}",
                        null,
                        "a\tb\u0000c",
                        "News: a b c",
                        null),
                injection(
                        "Unicode line separators (U+0085, U+2028) in the subject: encoded, not line breaks",
                        "News: {{topic}}",
                        null,
                        "a\u0085b\u2028c",
                        "News: a\u0085b\u2028c",
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("injections")
    void lineBreaksNeverStartAHeaderInTheWrittenBytes(InjectionCase row) throws Exception {
        MessageTemplates templates =
                MessageTemplates.compile(row.subjectTemplate(), "Body {{topic}}", null, Set.of("topic"));
        PendingRecipient recipient =
                new PendingRecipient(9, "mallory@example.org", row.displayName(), Map.of("topic", row.topic()));

        byte[] written = bytesOf(new PersonalMessageRenderer(1, templates, "news@example.org", null)
                .render(recipient)
                .message());
        MimeMessage received = new MimeMessage(PARSE, new ByteArrayInputStream(written));
        InternetAddress to = (InternetAddress) received.getRecipients(Message.RecipientType.TO)[0];

        assertAll(
                () -> assertEquals(HEADERS, Set.copyOf(headerNames(written)), "header lines as written"),
                () -> assertEquals(row.subject(), received.getSubject()),
                () -> assertEquals("mallory@example.org", to.getAddress()),
                () -> assertEquals(row.toName(), to.getPersonal()),
                () -> assertEquals(1, received.getAllRecipients().length, "no added recipient"));
    }

    record SenderCase(String from, String replyTo, String error) {}

    static Stream<Named<SenderCase>> badSenders() {
        return Stream.of(
                Named.of(
                        "CRLF + header in the campaign's From",
                        new SenderCase(
                                "news@example.org\r\nBcc: victim@example.net",
                                null,
                                "Domain contains control or whitespace")),
                Named.of(
                        "CRLF + header in the campaign's Reply-To",
                        new SenderCase(
                                "news@example.org",
                                "help@example.org\r\nBcc: victim@example.net",
                                "Domain contains control or whitespace")),
                Named.of(
                        "CRLF + header in the From's quoted display name",
                        new SenderCase(
                                "\"News\r\nBcc: victim@example.net\" <news@example.org>",
                                null,
                                "display name contains a control character (U+000D at position 5)")),
                Named.of(
                        "NUL in a Reply-To's quoted display name",
                        new SenderCase(
                                "news@example.org",
                                "help@example.org, \"Help\u0000Desk\" <desk@example.org>",
                                "display name contains a control character (U+0000 at position 5)")));
    }

    /** A second line of defence: Campaigns refuses these at creation, naming the field (BadInputIT). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badSenders")
    void campaignSenderWithALineBreakIsRefusedBeforeRendering(SenderCase row) {
        AddressException e = assertThrows(
                AddressException.class,
                () -> new PersonalMessageRenderer(
                        1, MessageTemplates.compile("Hi", "x", null, Set.of()), row.from(), row.replyTo()));
        assertEquals(row.error(), e.getMessage());
    }

    record TemplateCase(String subject, String text, String html, String error) {}

    static Stream<Named<TemplateCase>> badTemplates() {
        return Stream.of(
                template(
                        "unknown field in the subject",
                        "Hi {{frist_name}}",
                        "x",
                        null,
                        "subject uses unknown field frist_name (known: city, email, first_name, name)"),
                template(
                        "unknown field in the text",
                        "Hi",
                        "Dear {{first_name}} from {{postcode}}",
                        null,
                        "text template uses unknown field postcode (known: city, email, first_name, name)"),
                template(
                        "unknown fields in the HTML, inside a section",
                        "Hi",
                        null,
                        "<p>{{#city}}{{zip}} {{plan}}{{/city}}</p>",
                        "HTML template uses unknown fields plan, zip (known: city, email, first_name, name)"),
                template(
                        "unknown fields in two templates: both named",
                        "{{a}}",
                        "{{b}}",
                        null,
                        "subject uses unknown field a (known: city, email, first_name, name); text template uses"
                                + " unknown field b (known: city, email, first_name, name)"),
                template(
                        "unclosed section in the text",
                        "Hi",
                        "line one\n{{#city}}no end",
                        null,
                        "text template does not parse: Section missing close tag 'city' @ line 2"),
                template(
                        "mismatched close tag in the HTML on line 3",
                        "Hi",
                        null,
                        "<p>\n\n{{#city}}{{/first_name}}</p>",
                        "HTML template does not parse: Section close tag with mismatched open tag 'first_name' != 'city' @ line 3"),
                template(
                        "unclosed tag in the subject",
                        "Hi {{name",
                        "x",
                        null,
                        "subject has a tag that is never closed on line 1: '{{name'"),
                template(
                        "tag never closed in the HTML on line 2 (JMustache would print it as text)",
                        "Hi",
                        null,
                        "<p>\n{{first_name</p>\n{{city}}",
                        "HTML template has a tag that is never closed on line 2: '{{first_name</p>'"),
                template(
                        "partial in the text",
                        "Hi",
                        "{{>footer}}",
                        null,
                        "text template uses partials, which Sluice does not support: {{>footer}}"),
                template("empty subject", " ", "x", null, "subject template is empty"),
                template(
                        "triple mustache in the HTML on line 2",
                        "Hi",
                        null,
                        "<p>\n{{{first_name}}}</p>",
                        "HTML template writes a merge value unescaped or changes the tag delimiters on line 2:"
                                + " '{{{first_name}}}' (write {{field}}: Sluice escapes every merge value in HTML)"),
                template(
                        "ampersand tag with blanks in the HTML",
                        "Hi",
                        null,
                        "<p>{{ & city }}</p>",
                        "HTML template writes a merge value unescaped or changes the tag delimiters on line 1:"
                                + " '{{ & city }}' (write {{field}}: Sluice escapes every merge value in HTML)"),
                template(
                        "new delimiters in the HTML (after which <%&city%> would be unescaped)",
                        "Hi",
                        null,
                        "{{=<% %>=}}<p><%&city%></p>",
                        "HTML template writes a merge value unescaped or changes the tag delimiters on line 1:"
                                + " '{{=<% %>=}}' (write {{field}}: Sluice escapes every merge value in HTML)"),
                template(
                        "HTML template of 1 MiB + 1 byte",
                        "Hi",
                        null,
                        "x".repeat(1024 * 1024 + 1),
                        "HTML template has 1048577 bytes (UTF-8): at most 1048576 (1 MiB)"),
                template(
                        "text template over 1 MiB in UTF-8 bytes, not in chars (\u00e9 is 2 bytes)",
                        "Hi",
                        "\u00e9".repeat(600_000),
                        null,
                        "text template has 1200000 bytes (UTF-8): at most 1048576 (1 MiB)"),
                template(
                        "subject template of 2,001 characters",
                        "S".repeat(2001),
                        "x",
                        null,
                        "subject template has 2001 characters: at most 2000"),
                template("no body at all", "Hi", "", " ", "campaign needs a text or an HTML template"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTemplates")
    void templateThatCannotBeSentIsRefusedNamingTemplateAndFieldOrLine(TemplateCase row) {
        InvalidTemplateException e = assertThrows(
                InvalidTemplateException.class,
                () -> MessageTemplates.compile(row.subject(), row.text(), row.html(), Set.of("first_name", "city")));
        assertEquals(row.error(), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unescapedForms")
    void noFormOfATagPutsAMergeValueIntoTheHtmlUnescaped(String html) {
        // Every tag form JMustache knows: either refused, or the value comes out escaped.
        try {
            String out = MessageTemplates.compile("Hi", null, html, Set.of("x")).html(Map.of("x", "<b>"));
            assertTrue(!out.contains("<b>"), html + " wrote " + out);
        } catch (InvalidTemplateException refused) {
            assertTrue(
                    refused.getMessage().startsWith("HTML template writes a merge value unescaped"),
                    refused.getMessage());
        }
    }

    static Stream<String> unescapedForms() {
        return Stream.of(
                "{{x}}",
                "{{{x}}}",
                "{{{ x }}}",
                "{{&x}}",
                "{{& x}}",
                "{{ &x }}",
                "{{ {x} }}",
                "{{#x}}{{{.}}}{{/x}}",
                "{{#x}}{{&.}}{{/x}}",
                "{{=<% %>=}}<%&x%>",
                "{{=<% %>=}}<%{x}%>",
                "{{=| |=}}|&x|",
                "{{ = <% %> = }}<%&x%>");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("senderValues")
    void aSenderWithAControlCharacterAnywhereIsFoundWithItsPosition(String value, String found) {
        assertEquals(found, HeaderText.firstControlCharacter(value).orElse(null));
    }

    static Stream<Arguments> senderValues() {
        return Stream.of(
                Arguments.of("\"News\r\nBcc: x@example.net\" <news@example.org>", "U+000D at position 6"),
                Arguments.of("\"News\nBcc: x@example.net\" <news@example.org>", "U+000A at position 6"),
                Arguments.of("News\tDesk <news@example.org>", "U+0009 at position 5"),
                Arguments.of("News\u0000 <news@example.org>", "U+0000 at position 5"),
                Arguments.of("News\u0085 <news@example.org>", "U+0085 at position 5"),
                Arguments.of("News\u2028 <news@example.org>", "U+2028 at position 5"),
                Arguments.of("\"Caf\u00e9 News\" <news@example.org>", null),
                Arguments.of("news@example.org", null));
    }

    private static Named<InjectionCase> injection(
            String name, String subjectTemplate, String displayName, String topic, String subject, String toName) {
        return Named.of(name, new InjectionCase(subjectTemplate, displayName, topic, subject, toName));
    }

    private static Named<TemplateCase> template(String name, String subject, String text, String html, String error) {
        return Named.of(name, new TemplateCase(subject, text, html, error));
    }

    private static byte[] bytesOf(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    /**
     * Names of the header lines in the bytes as written, up to the first empty line: every line is a header
     * ("Name: ...") or a folded continuation (RFC 5322 2.2.3: starts with white space); a line break that
     * escaped into a header would show as another name or as a line that is neither.
     */
    private static List<String> headerNames(byte[] written) {
        String text = new String(written, StandardCharsets.ISO_8859_1);
        String head = text.substring(0, text.indexOf("\r\n\r\n"));
        List<String> names = new ArrayList<>();
        for (String line : head.split("\r\n", -1)) {
            if (line.startsWith(" ") || line.startsWith("\t")) {
                continue;
            }
            int colon = line.indexOf(':');
            assertTrue(colon > 0 && line.substring(0, colon).matches("[A-Za-z-]+"), "not a header line: " + line);
            names.add(line.substring(0, colon));
        }
        assertTrue(!head.replace("\r\n", "").contains("\r"), "stray CR in the header");
        assertTrue(!head.replace("\r\n", "").contains("\n"), "stray LF in the header");
        return names;
    }
}
