package org.sluice.delivery.control;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sluice.message.control.MessageTemplates;
import org.sluice.message.control.PersonalMessage;
import org.sluice.message.control.PersonalMessageRenderer;
import org.sluice.mta.entity.Mta;
import org.sluice.recipient.control.PendingRecipient;
import org.sluice.recipient.entity.RecipientState;
import org.sluice.testing.RefusingGreenMail;

/** SmtpConnection against a real SMTP server (GreenMail on a free loopback port). */
class SmtpConnectionTest {

    private static final String ENVELOPE_FROM = "bounces@example.com";

    private RefusingGreenMail server;
    private PersonalMessageRenderer renderer;

    @BeforeEach
    void startServer() throws Exception {
        server = new RefusingGreenMail(0);
        server.start();
        renderer = new PersonalMessageRenderer(
                42,
                MessageTemplates.compile("News for {{name}}", "Hello {{name}}", "<p>Hello {{name}}</p>", Set.of()),
                "Example News <news@example.com>",
                "replies@example.com");
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    @Test
    void severalMessagesTravelOverOneConnectionAndArriveWithTheirHeaders() throws Exception {
        List<PendingRecipient> recipients = List.of(
                new PendingRecipient(1, "alice@example.org", "Alice", Map.of()),
                new PendingRecipient(2, "bob@example.net", "Bob", Map.of()),
                new PendingRecipient(3, "carol@example.org", null, Map.of()));

        try (SmtpConnection connection = new SmtpConnection(mta(), ENVELOPE_FROM)) {
            for (PendingRecipient recipient : recipients) {
                DeliveryOutcome outcome = connection.send(renderer.render(recipient));

                assertAll(
                        () -> assertEquals(
                                RecipientState.SENT,
                                outcome.resultingState(),
                                outcome.reply().toString()),
                        () -> assertEquals(250, outcome.reply().code()),
                        () -> assertEquals(recipient.id(), outcome.recipientId()),
                        () -> assertEquals("<sluice.42." + recipient.id() + "@example.com>", outcome.messageId()));
            }
        }

        Map<String, MimeMessage> received = receivedByMessageId();
        assertEquals(
                Set.of("<sluice.42.1@example.com>", "<sluice.42.2@example.com>", "<sluice.42.3@example.com>"),
                received.keySet());
        MimeMessage alice = received.get("<sluice.42.1@example.com>");
        MimeMessage carol = received.get("<sluice.42.3@example.com>");
        assertAll(
                () -> assertEquals("News for Alice", alice.getSubject()),
                () -> assertEquals(
                        List.of(new InternetAddress("alice@example.org", "Alice")),
                        Arrays.asList(alice.getRecipients(Message.RecipientType.TO))),
                () -> assertEquals(
                        List.of(new InternetAddress("news@example.com", "Example News")),
                        Arrays.asList(alice.getFrom())),
                () -> assertEquals(
                        List.of(new InternetAddress("replies@example.com")), Arrays.asList(alice.getReplyTo())),
                () -> assertEquals("<" + ENVELOPE_FROM + ">", alice.getHeader("Return-Path", ",")),
                () -> assertTrue(alice.isMimeType("multipart/alternative"), alice.getContentType()),
                () -> assertEquals("News for", carol.getSubject()),
                () -> assertEquals(
                        List.of(new InternetAddress("carol@example.org")),
                        Arrays.asList(carol.getRecipients(Message.RecipientType.TO))));
        assertEquals(1, server.connectionsAccepted(), "messages share one SMTP connection");
    }

    @Test
    void refusedRecipientFailsWithTheServersReplyAndTheConnectionCarriesOn() throws Exception {
        server.refuse("ghost@example.org", "550 5.1.1 <ghost@example.org>: Recipient address rejected: User unknown");

        try (SmtpConnection connection = new SmtpConnection(mta(), ENVELOPE_FROM)) {
            DeliveryOutcome alice = connection.send(render(1, "alice@example.org"));
            DeliveryOutcome ghost = connection.send(render(2, "ghost@example.org"));
            DeliveryOutcome bob = connection.send(render(3, "bob@example.org"));

            assertAll(
                    () -> assertEquals(RecipientState.SENT, alice.resultingState()),
                    () -> assertEquals(RecipientState.FAILED, ghost.resultingState()),
                    () -> assertEquals(2, ghost.recipientId()),
                    () -> assertEquals("<sluice.42.2@example.com>", ghost.messageId()),
                    () -> assertEquals(550, ghost.reply().code()),
                    () -> assertTrue(
                            ghost.reply()
                                    .text()
                                    .contains("5.1.1 <ghost@example.org>: Recipient address rejected: User unknown"),
                            ghost.reply().text()),
                    () -> assertEquals(
                            RecipientState.SENT,
                            bob.resultingState(),
                            bob.reply().toString()));
        }

        assertEquals(
                Set.of("<sluice.42.1@example.com>", "<sluice.42.3@example.com>"),
                receivedByMessageId().keySet());
        assertEquals(1, server.connectionsAccepted(), "the refusal did not cost a new connection");
    }

    @Test
    void temporarilyRefusedRecipientIsDeferredWithTheServersReply() throws Exception {
        server.refuse("busy@example.org", "450 4.2.1 <busy@example.org>: Mailbox busy, try again later");

        try (SmtpConnection connection = new SmtpConnection(mta(), ENVELOPE_FROM)) {
            DeliveryOutcome busy = connection.send(render(1, "busy@example.org"));
            DeliveryOutcome bob = connection.send(render(2, "bob@example.org"));

            assertAll(
                    () -> assertEquals(RecipientState.DEFERRED, busy.resultingState()),
                    () -> assertEquals(450, busy.reply().code()),
                    () -> assertTrue(
                            busy.reply().text().contains("Mailbox busy"),
                            busy.reply().text()),
                    () -> assertEquals(RecipientState.SENT, bob.resultingState()));
        }

        assertEquals(Set.of("<sluice.42.2@example.com>"), receivedByMessageId().keySet());
    }

    @Test
    void connectionDroppedByTheServerIsReopenedAndTheMessageSent() throws Exception {
        int port = server.getSmtp().getPort();
        try (SmtpConnection connection = new SmtpConnection(mta(), ENVELOPE_FROM)) {
            assertEquals(
                    RecipientState.SENT,
                    connection.send(render(1, "alice@example.org")).resultingState());

            // The MTA restarts (or times the idle connection out) between two messages.
            server.stop();
            server = new RefusingGreenMail(port);
            server.start();

            DeliveryOutcome bob = connection.send(render(2, "bob@example.org"));

            assertEquals(RecipientState.SENT, bob.resultingState(), bob.reply().toString());
            assertNull(bob.lostBefore(), "the MTA closed an idle connection: MAIL FROM failed, nothing was accepted");
        }

        assertEquals(Set.of("<sluice.42.2@example.com>"), receivedByMessageId().keySet());
        assertEquals(1, server.connectionsAccepted());
    }

    @Test
    void a421ClosingTheChannelIsALostConnectionNotARecipientOutcome() throws Exception {
        server.refuse("carol@example.org", "421 4.3.2 Service shutting down, closing transmission channel");

        try (SmtpConnection connection = new SmtpConnection(mta(), ENVELOPE_FROM)) {
            MessagingException failed =
                    assertThrows(MessagingException.class, () -> connection.send(render(1, "carol@example.org")));

            assertTrue(failed.getMessage().contains("failed twice in a row"), failed.getMessage());
            assertTrue(failed.getMessage().contains("421"), failed.getMessage());
        }
        assertEquals(2, server.connectionsAccepted(), "one reconnect, then the caller decides");
        assertEquals(0, server.getReceivedMessages().length);
    }

    @Test
    void repliesThatCloseTheConnection() {
        assertAll(
                () -> assertTrue(SmtpConnection.closesTheConnection(new SmtpReply(SmtpReply.NO_REPLY, "[EOF]"))),
                () -> assertTrue(SmtpConnection.closesTheConnection(new SmtpReply(-1, "[EOF]"))),
                () -> assertTrue(SmtpConnection.closesTheConnection(new SmtpReply(421, "closing"))),
                () -> assertFalse(SmtpConnection.closesTheConnection(new SmtpReply(450, "busy"))),
                () -> assertFalse(SmtpConnection.closesTheConnection(new SmtpReply(550, "unknown user"))));
    }

    // --- helpers ------------------------------------------------------------------------------------------

    @Test
    void aConnectionLostAfterTheEndOfDataIsAnUnknownOutcomeAndTheMessageIsSentAgain() throws Exception {
        try (ServerSocket dropper = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // The first connection takes the whole message, then closes instead of answering the final ".";
            // the second behaves.
            Thread mta = new Thread(() -> {
                try {
                    serveAndDropAfterData(dropper.accept());
                    serveNormally(dropper.accept());
                } catch (IOException e) {
                    // the test fails on its own assertions
                }
            });
            mta.start();
            try (SmtpConnection connection =
                    new SmtpConnection(new Mta("dropper", "127.0.0.1", dropper.getLocalPort()), ENVELOPE_FROM)) {
                DeliveryOutcome alice = connection.send(render(1, "alice@example.org"));

                assertEquals(
                        RecipientState.SENT,
                        alice.resultingState(),
                        alice.reply().toString());
                assertTrue(
                        alice.lostBefore() != null && alice.lostBefore().contains("without a reply"),
                        alice.lostBefore());
            }
            mta.join(5000);
        }
    }

    private static void serveAndDropAfterData(Socket socket) throws IOException {
        try (socket) {
            converse(socket, false);
        }
    }

    private static void serveNormally(Socket socket) throws IOException {
        try (socket) {
            converse(socket, true);
        }
    }

    /** A minimal SMTP server: enough of RFC 5321 for one message; answers the final "." only if told to. */
    private static void converse(Socket socket, boolean answerData) throws IOException {
        var in = new java.io.BufferedReader(
                new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        var out = socket.getOutputStream();
        out.write("220 dropper ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
        String line;
        while ((line = in.readLine()) != null) {
            String reply;
            if (line.startsWith("EHLO") || line.startsWith("HELO")) {
                reply = "250 dropper";
            } else if (line.startsWith("DATA")) {
                out.write("354 go ahead\r\n".getBytes(StandardCharsets.US_ASCII));
                while ((line = in.readLine()) != null && !line.equals(".")) {
                    // the message
                }
                if (!answerData) {
                    return;
                }
                reply = "250 2.0.0 queued";
            } else if (line.startsWith("QUIT")) {
                out.write("221 bye\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            } else {
                reply = "250 ok";
            }
            out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    private Mta mta() {
        return new Mta(
                "greenmail", server.getSmtp().getBindTo(), server.getSmtp().getPort());
    }

    private PersonalMessage render(long id, String address) throws Exception {
        return renderer.render(new PendingRecipient(id, address, null, Map.of()));
    }

    private Map<String, MimeMessage> receivedByMessageId() {
        return Arrays.stream(server.getReceivedMessages())
                .collect(Collectors.toMap(
                        m -> {
                            try {
                                return m.getMessageID();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        Function.identity()));
    }
}
