package org.sluice.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sluice.bounce.control.MessageRef;
import org.sluice.bounce.control.VerpCodec;
import org.sluice.message.control.MessageTemplates;
import org.sluice.message.control.PersonalMessageRenderer;
import org.sluice.mta.entity.Mta;
import org.sluice.recipient.control.PendingRecipient;
import org.sluice.testing.RefusingGreenMail;

/** Each message's own return path (VERP) over one shared SMTP connection, at a real SMTP server (GreenMail). */
class SmtpConnectionReturnPathTest {

    private final VerpCodec verp =
            new VerpCodec("bounces@bounce.example.com", "return-path-test-secret".getBytes(StandardCharsets.UTF_8));
    private RefusingGreenMail server;

    @BeforeEach
    void startServer() {
        server = new RefusingGreenMail(0);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    @Test
    void eachMessageLeavesWithItsOwnVerpReturnPathOverOneConnection() throws Exception {
        PersonalMessageRenderer renderer = renderer(verp::encode);

        try (SmtpConnection connection = new SmtpConnection(mta(), "news@example.com")) {
            connection.send(renderer.render(new PendingRecipient(7, "alice@example.org", "Alice", Map.of())));
            connection.send(renderer.render(new PendingRecipient(8, "bob@example.net", "Bob", Map.of())));
        }

        Map<String, String> returnPaths = returnPathByRecipient();
        assertEquals(Set.of("alice@example.org", "bob@example.net"), returnPaths.keySet());
        assertEquals(Optional.of(new MessageRef(42, 7)), verp.decode(returnPaths.get("alice@example.org")));
        assertEquals(Optional.of(new MessageRef(42, 8)), verp.decode(returnPaths.get("bob@example.net")));
        assertEquals(1, server.connectionsAccepted());
    }

    @Test
    void withoutVerpTheConnectionsEnvelopeSenderStays() throws Exception {
        try (SmtpConnection connection = new SmtpConnection(mta(), "news@example.com")) {
            connection.send(renderer(null).render(new PendingRecipient(7, "alice@example.org", "Alice", Map.of())));
        }

        assertEquals(Map.of("alice@example.org", "<news@example.com>"), returnPathByRecipient());
    }

    private static PersonalMessageRenderer renderer(org.sluice.message.control.EnvelopeSenders senders)
            throws Exception {
        return new PersonalMessageRenderer(
                42,
                MessageTemplates.compile("News for {{name}}", "Hello {{name}}", null, Set.of()),
                "Example News <news@example.com>",
                null,
                null,
                senders);
    }

    private Mta mta() {
        return new Mta(
                "greenmail", server.getSmtp().getBindTo(), server.getSmtp().getPort());
    }

    /** GreenMail writes the MAIL FROM it received as the Return-Path header (RFC 5321 4.4). */
    private Map<String, String> returnPathByRecipient() {
        return Arrays.stream(server.getReceivedMessages())
                .collect(Collectors.toMap(SmtpConnectionReturnPathTest::to, m -> header(m, "Return-Path")));
    }

    private static String to(MimeMessage m) {
        try {
            return ((jakarta.mail.internet.InternetAddress) m.getAllRecipients()[0]).getAddress();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(MimeMessage m, String name) {
        try {
            return m.getHeader(name, ",");
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
