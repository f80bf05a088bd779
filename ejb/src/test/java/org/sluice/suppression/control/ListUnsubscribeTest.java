package org.sluice.suppression.control;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sluice.message.control.MessageTemplates;
import org.sluice.message.control.PersonalMessageRenderer;
import org.sluice.recipient.control.PendingRecipient;

class ListUnsubscribeTest {

    private final UnsubscribeToken tokens =
            new UnsubscribeToken("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    @Test
    void headerHasTheMailtoThenTheHttpsUriEachWithTheSignedToken() throws Exception {
        ListUnsubscribe links =
                new ListUnsubscribe("https://mail.example.com/sluice/", "unsubscribe@example.com", tokens);
        String token = tokens.sign(5, 77);

        assertEquals(
                "<mailto:unsubscribe@example.com?subject=unsubscribe%20" + token + ">, "
                        + "<https://mail.example.com/sluice/api/unsubscribe/" + token + ">",
                links.header(5, 77));
        assertEquals("https://mail.example.com/sluice/api/unsubscribe/" + token, links.url(5, 77));
        assertEquals(new UnsubscribeToken.Subject(5, 77), tokens.verify(token));
    }

    @Test
    void everyRenderedMessageCarriesBothHeadersAsSingleAsciiLines() throws Exception {
        ListUnsubscribe links =
                new ListUnsubscribe("https://mail.example.com/sluice", "unsubscribe@example.com", tokens);
        PersonalMessageRenderer renderer = new PersonalMessageRenderer(
                5, MessageTemplates.compile("Hi", "Hello", null, List.of()), "News <news@example.com>", null, links);

        MimeMessage message = renderer.render(new PendingRecipient(77, "alice@example.org", "Alice", Map.of()))
                .message();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        message.writeTo(wire);
        String raw = wire.toString(StandardCharsets.US_ASCII);
        MimeMessage received =
                new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(wire.toByteArray()));

        assertAll(
                () -> assertArrayEquals(new String[] {links.header(5, 77)}, received.getHeader("List-Unsubscribe")),
                () -> assertArrayEquals(
                        new String[] {"List-Unsubscribe=One-Click"}, received.getHeader("List-Unsubscribe-Post")),
                () -> assertTrue(raw.contains("\r\nList-Unsubscribe: " + links.header(5, 77) + "\r\n"), raw),
                () -> assertTrue(raw.contains("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"), raw));
    }

    @Test
    void httpOnLoopbackKeepsBothLinksButSendsNoOneClickMarker() throws Exception {
        ListUnsubscribe links = new ListUnsubscribe("http://127.0.0.1:8180/sluice", "unsubscribe@example.com", tokens);
        PersonalMessageRenderer renderer = new PersonalMessageRenderer(
                5, MessageTemplates.compile("Hi", "Hello", null, List.of()), "News <news@example.com>", null, links);

        MimeMessage message = renderer.render(new PendingRecipient(77, "alice@example.org", "Alice", Map.of()))
                .message();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        message.writeTo(wire);
        MimeMessage received =
                new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(wire.toByteArray()));
        String token = tokens.sign(5, 77);

        assertAll(
                () -> assertFalse(links.oneClick()),
                () -> assertArrayEquals(
                        new String[] {
                            "<mailto:unsubscribe@example.com?subject=unsubscribe%20" + token + ">, "
                                    + "<http://127.0.0.1:8180/sluice/api/unsubscribe/" + token + ">"
                        },
                        received.getHeader("List-Unsubscribe")),
                () -> assertNull(received.getHeader("List-Unsubscribe-Post")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://mail.example.com/sluice",
                "HTTPS://mail.example.com",
                "http://127.0.0.1:8080/sluice",
                "http://127.10.0.1",
                "http://localhost:8080/sluice",
                "http://LOCALHOST",
                "http://[::1]:8080/sluice"
            })
    void httpsAnywhereAndHttpOnLoopbackAreAccepted(String url) {
        ListUnsubscribe links = new ListUnsubscribe(url, "unsubscribe@example.com", tokens);
        assertEquals(url.toLowerCase().startsWith("https:"), links.oneClick(), url);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://mail.example.com/sluice",
                "http://192.0.2.10:8080/sluice",
                "http://128.0.0.1",
                "http://127.0.0.1.example.com",
                "http://localhost.example.com",
                "http://[::2]"
            })
    void plainHttpElsewhereIsRefusedNamingTheSettingAndItsValue(String url) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new ListUnsubscribe(url, "unsubscribe@example.com", tokens));
        assertEquals(
                "public URL '" + url + "' must be https: one-click unsubscribe (List-Unsubscribe-Post, RFC 8058)"
                        + " needs an https URL, and http is accepted only on loopback for a trial"
                        + " (sluice.public.url)",
                e.getMessage());
    }

    @Test
    void aBaseUrlThatWouldBreakTheHeaderIsRefused() {
        for (String bad : new String[] {
            "https://evil.example/x>\r\nBcc: victim@example.net",
            "https://a.example/x y",
            "https://a.example/a,b",
            "https://a.example/<x>",
            "https://ex\u00e4mple.com/",
            "ftp://a.example/",
            "mailto:x@example.com",
            "https://a.example/?q=1",
            "/sluice",
            "",
            null,
            "https://a.example/" + "x".repeat(400)
        }) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> new ListUnsubscribe(bad, "unsubscribe@example.com", tokens),
                    String.valueOf(bad));
            assertTrue(e.getMessage().contains("sluice.public.url"), e.getMessage());
        }
    }

    @Test
    void aMailtoAddressThatWouldBreakTheHeaderIsRefused() {
        for (String bad : new String[] {
            "unsubscribe@example.com>, <https://evil.example/",
            "a b@example.com",
            "un%subscribe@example.com",
            "who?@example.com",
            "unsubscribe@exa mple.com",
            "nodomain@",
            "@example.com",
            "unsubscribe",
            "unsubscribe@example.com\r\nBcc: victim@example.net"
        }) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> new ListUnsubscribe("https://a.example", bad, tokens), bad);
            assertTrue(e.getMessage().contains("sluice.unsubscribe.mailto"), e.getMessage());
        }
    }

    @Test
    void theDefaultMailtoIsAtTheFromDomainAndAnInternationalDomainBecomesAscii() {
        assertEquals("unsubscribe@news.example.com", ListUnsubscribe.defaultMailto("letters@news.example.com"));
        ListUnsubscribe links =
                new ListUnsubscribe("https://a.example", ListUnsubscribe.defaultMailto("post@bücher.de"), tokens);
        assertTrue(links.header(1, 2).startsWith("<mailto:unsubscribe@xn--bcher-kva.de?subject="), links.header(1, 2));
    }
}
