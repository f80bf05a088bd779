package org.sluice.message.control;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sluice.recipient.control.PendingRecipient;

class PersonalMessageRendererTest {

    private static final Session PARSE_SESSION = Session.getInstance(new Properties());

    private static final PendingRecipient ALICE =
            new PendingRecipient(7, "alice@example.org", "Alice Liddell", Map.of("topic", "spring sale"));

    @Test
    void textAndHtmlBecomeMultipartAlternativeWithHtmlLast() throws Exception {
        MimeMessage received = writtenAndReparsed(
                renderer(templates("News: {{topic}}", "Hi {{name}}, {{topic}}", "<p>Hi {{name}}, {{topic}}</p>"))
                        .render(ALICE)
                        .message());

        assertTrue(received.isMimeType("multipart/alternative"), received.getContentType());
        MimeMultipart alternative = assertInstanceOf(MimeMultipart.class, received.getContent());
        assertEquals(2, alternative.getCount());
        MimeBodyPart text = (MimeBodyPart) alternative.getBodyPart(0);
        MimeBodyPart html = (MimeBodyPart) alternative.getBodyPart(1);
        assertAll(
                () -> assertTrue(text.isMimeType("text/plain"), text.getContentType()),
                () -> assertTrue(text.getContentType().toLowerCase().contains("charset=utf-8"), text.getContentType()),
                () -> assertEquals("Hi Alice Liddell, spring sale", text.getContent()),
                () -> assertTrue(html.isMimeType("text/html"), html.getContentType()),
                () -> assertTrue(html.getContentType().toLowerCase().contains("charset=utf-8"), html.getContentType()),
                () -> assertEquals("<p>Hi Alice Liddell, spring sale</p>", html.getContent()));
    }

    @Test
    void textOnlyCampaignSendsASinglePlainPart() throws Exception {
        MimeMessage received = writtenAndReparsed(
                renderer(templates("Hi", "Hi {{name}}", null)).render(ALICE).message());

        assertTrue(received.isMimeType("text/plain"), received.getContentType());
        assertEquals("Hi Alice Liddell", received.getContent());
    }

    @Test
    void htmlOnlyCampaignSendsASingleHtmlPart() throws Exception {
        MimeMessage received = writtenAndReparsed(
                renderer(templates("Hi", null, "<p>{{name}}</p>")).render(ALICE).message());

        assertTrue(received.isMimeType("text/html"), received.getContentType());
        assertEquals("<p>Alice Liddell</p>", received.getContent());
    }

    @Test
    void nonAsciiContentSurvivesAsUtf8() throws Exception {
        PendingRecipient zoe = new PendingRecipient(8, "zoe@example.org", null, Map.of("topic", "Grüße – 春"));

        MimeMessage received = writtenAndReparsed(renderer(templates("{{topic}}", "{{topic}}", "<p>{{topic}}</p>"))
                .render(zoe)
                .message());

        MimeMultipart alternative = (MimeMultipart) received.getContent();
        assertAll(
                () -> assertEquals("Grüße – 春", received.getSubject()),
                () -> assertEquals("Grüße – 春", alternative.getBodyPart(0).getContent()),
                () -> assertEquals(
                        "<p>Grüße – 春</p>", alternative.getBodyPart(1).getContent()));
    }

    @Test
    void bodiesOfEveryKindSurviveTheTransferEncodingTheRendererChose() throws Exception {
        String longLine = "word ".repeat(400);
        String japanese = "春の新商品のお知らせ。".repeat(20);
        PendingRecipient kai = new PendingRecipient(9, "kai@example.org", longLine, Map.of("topic", japanese));

        MimeMessage received = writtenAndReparsed(renderer(templates("Hi", "{{name}}", "<p>{{topic}}</p>"))
                .render(kai)
                .message());

        MimeMultipart alternative = (MimeMultipart) received.getContent();
        MimeBodyPart text = (MimeBodyPart) alternative.getBodyPart(0);
        MimeBodyPart html = (MimeBodyPart) alternative.getBodyPart(1);
        assertAll(
                () -> assertEquals("quoted-printable", text.getEncoding()),
                () -> assertEquals(longLine, text.getContent()),
                () -> assertEquals("base64", html.getEncoding()),
                () -> assertEquals("<p>" + japanese + "</p>", html.getContent()));
    }

    @Test
    void messageIdNamesCampaignAndRecipientAtTheSendersDomain() throws Exception {
        PersonalMessage rendered = new PersonalMessageRenderer(
                        42, templates("Hi", "x", null), "Example News <news@mail.example.com>", null)
                .render(ALICE);

        MimeMessage received = writtenAndReparsed(rendered.message());

        assertAll(
                () -> assertEquals("<sluice.42.7@mail.example.com>", rendered.messageId()),
                () -> assertEquals(7, rendered.recipientId()),
                () -> assertEquals("<sluice.42.7@mail.example.com>", received.getMessageID()));
    }

    @Test
    void messageIdIsTheSameEveryTimeTheRecipientIsRendered() throws Exception {
        PersonalMessageRenderer renderer = renderer(templates("Hi", "x", null));

        MimeMessage first = renderer.render(ALICE).message();
        MimeMessage again = renderer.render(ALICE).message();
        again.saveChanges(); // as a resend path might

        assertEquals(
                writtenAndReparsed(first).getMessageID(),
                writtenAndReparsed(again).getMessageID());
        assertEquals("<sluice.1.7@example.com>", writtenAndReparsed(again).getMessageID());
    }

    @Test
    void differentRecipientsGetDifferentMessageIds() throws Exception {
        PersonalMessageRenderer renderer = renderer(templates("Hi", "x", null));
        PendingRecipient bob = new PendingRecipient(8, "bob@example.org", null, Map.of());

        assertFalse(
                renderer.render(ALICE).messageId().equals(renderer.render(bob).messageId()));
    }

    @Test
    void fromReplyToAndToAreSet() throws Exception {
        PersonalMessageRenderer renderer = new PersonalMessageRenderer(
                1, templates("Hi", "x", null), "Example News <news@example.com>", "replies@example.com");

        MimeMessage received = writtenAndReparsed(renderer.render(ALICE).message());

        assertAll(
                () -> assertArrayEquals(
                        new Address[] {new InternetAddress("news@example.com", "Example News")}, received.getFrom()),
                () -> assertArrayEquals(
                        new Address[] {new InternetAddress("replies@example.com")}, received.getReplyTo()),
                () -> assertEquals("replies@example.com", received.getHeader("Reply-To", ",")),
                () -> assertArrayEquals(
                        new Address[] {new InternetAddress("alice@example.org", "Alice Liddell")},
                        received.getRecipients(Message.RecipientType.TO)),
                () -> assertNotNull(received.getSentDate()));
    }

    @Test
    void withoutReplyToThereIsNoReplyToHeader() throws Exception {
        MimeMessage received = writtenAndReparsed(
                renderer(templates("Hi", "x", null)).render(ALICE).message());

        assertNull(received.getHeader("Reply-To"));
    }

    @Test
    void recipientWithoutNameIsAddressedByAddressAlone() throws Exception {
        PendingRecipient bob = new PendingRecipient(8, "bob@example.org", null, Map.of());

        MimeMessage received = writtenAndReparsed(
                renderer(templates("Hi", "x", null)).render(bob).message());

        assertEquals("bob@example.org", received.getHeader("To", ","));
    }

    @Test
    void nonAsciiDisplayNameIsEncodedInTheToHeader() throws Exception {
        PendingRecipient zoe = new PendingRecipient(8, "zoe@example.org", "Zoë Müller", Map.of());

        byte[] bytes = bytesOf(renderer(templates("Hi", "x", null)).render(zoe).message());
        String rawTo = headersOf(bytes).getHeader("To", ",");
        MimeMessage received = new MimeMessage(PARSE_SESSION, new ByteArrayInputStream(bytes));

        InternetAddress to = (InternetAddress) received.getRecipients(Message.RecipientType.TO)[0];
        assertAll(
                () -> assertTrue(rawTo.matches("(?s)=\\?UTF-8\\?[BQ]\\?.+\\?= <zoe@example.org>"), rawTo),
                () -> assertEquals("Zoë Müller", to.getPersonal()),
                () -> assertEquals("zoe@example.org", to.getAddress()));
    }

    @Test
    void displayNameWithSpecialsIsQuotedNotParsedAsAddresses() throws Exception {
        PendingRecipient smith =
                new PendingRecipient(8, "smith@example.org", "Smith, John <boss@example.net>", Map.of());

        MimeMessage received = writtenAndReparsed(
                renderer(templates("Hi", "x", null)).render(smith).message());

        Address[] to = received.getRecipients(Message.RecipientType.TO);
        assertEquals(1, to.length);
        assertEquals("smith@example.org", ((InternetAddress) to[0]).getAddress());
        assertEquals("Smith, John <boss@example.net>", ((InternetAddress) to[0]).getPersonal());
    }

    @Test
    void lineBreakInAMergeValueUsedInTheSubjectNeverStartsANewHeader() throws Exception {
        PendingRecipient mallory = new PendingRecipient(
                9,
                "mallory@example.org",
                null,
                Map.of("topic", "sale\r\nBcc: victim@example.net\r\n\r\nInjected body"));

        byte[] bytes = bytesOf(renderer(templates("News: {{topic}}", "x", null))
                .render(mallory)
                .message());
        InternetHeaders headers = headersOf(bytes);
        MimeMessage received = new MimeMessage(PARSE_SESSION, new ByteArrayInputStream(bytes));

        assertAll(
                () -> assertNull(headers.getHeader("Bcc"), "no Bcc header"),
                () -> assertEquals(
                        Set.of(
                                "From",
                                "To",
                                "Subject",
                                "Date",
                                "Message-ID",
                                "MIME-Version",
                                "Content-Type",
                                "Content-Transfer-Encoding",
                                "List-Id"),
                        Set.copyOf(headerNames(headers))),
                () -> assertEquals("News: sale Bcc: victim@example.net Injected body", received.getSubject()),
                () -> assertEquals("x", received.getContent()),
                () -> assertNull(received.getRecipients(Message.RecipientType.BCC)));
    }

    @Test
    void lineBreakInTheDisplayNameNeverStartsANewHeader() throws Exception {
        PendingRecipient mallory =
                new PendingRecipient(9, "mallory@example.org", "Mallory\r\nBcc: victim@example.net", Map.of());

        byte[] bytes = bytesOf(
                renderer(templates("Hi {{name}}", "x", null)).render(mallory).message());
        InternetHeaders headers = headersOf(bytes);

        assertAll(
                () -> assertNull(headers.getHeader("Bcc")),
                () -> assertEquals(
                        1,
                        new MimeMessage(PARSE_SESSION, new ByteArrayInputStream(bytes))
                                .getRecipients(Message.RecipientType.TO)
                                .length),
                () -> assertEquals(
                        "Hi Mallory Bcc: victim@example.net",
                        new MimeMessage(PARSE_SESSION, new ByteArrayInputStream(bytes)).getSubject()));
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private static MessageTemplates templates(String subject, String text, String html)
            throws InvalidTemplateException {
        return MessageTemplates.compile(subject, text, html, Set.of("topic"));
    }

    private static PersonalMessageRenderer renderer(MessageTemplates templates) throws Exception {
        return new PersonalMessageRenderer(1, templates, "news@example.com", null);
    }

    private static byte[] bytesOf(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    /** The message as the MTA's recipient would see it: written to the wire format and parsed back. */
    private static MimeMessage writtenAndReparsed(MimeMessage message) throws Exception {
        return new MimeMessage(PARSE_SESSION, new ByteArrayInputStream(bytesOf(message)));
    }

    /** Only the header block of the written message, parsed independently of the MimeMessage that wrote it. */
    private static InternetHeaders headersOf(byte[] message) throws Exception {
        String wire = new String(message, StandardCharsets.US_ASCII);
        int end = wire.indexOf("\r\n\r\n");
        assertTrue(end > 0, "header block ends with an empty line");
        return new InternetHeaders(new ByteArrayInputStream(message, 0, end + 4));
    }

    private static List<String> headerNames(InternetHeaders headers) {
        List<String> names = new ArrayList<>();
        for (Header h : Collections.list(headers.getAllHeaders())) {
            names.add(h.getName());
        }
        return names;
    }
}
