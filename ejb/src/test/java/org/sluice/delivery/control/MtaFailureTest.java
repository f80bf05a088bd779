package org.sluice.delivery.control;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sluice.message.control.MessageTemplates;
import org.sluice.message.control.PersonalMessage;
import org.sluice.message.control.PersonalMessageRenderer;
import org.sluice.mta.entity.Mta;
import org.sluice.mta.entity.TlsMode;
import org.sluice.recipient.control.PendingRecipient;

/**
 * The bad-input table for MTAs: real sockets on 127.0.0.1 (ports 3150-3169) for every way an MTA can
 * fail before a reply; each failure names the MTA (name, host:port) and the cause, and none hangs a send thread.
 */
class MtaFailureTest {

    private static final int UNUSED = 3151;
    private static final int SILENT = 3152;
    private static final int NO_STARTTLS = 3153;
    private static final int SELF_SIGNED_SMTPS = 3154;
    private static final int STOPS_READING_IN_DATA = 3155;
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private static final List<AutoCloseable> SERVERS = new CopyOnWriteArrayList<>();
    private static GreenMail selfSigned;

    record MtaCase(String host, int port, TlsMode tls, int bodyBytes, List<String> expected, Duration atMost) {}

    static Stream<Named<MtaCase>> failingMtas() {
        // Two attempts (SmtpConnection re-opens a lost connection once), each bounded by the 1 s timeouts.
        Duration bounded = Duration.ofSeconds(8);
        return Stream.of(
                row(
                        "host that does not resolve (RFC 2606 .invalid)",
                        "mta.sluice.invalid",
                        3150,
                        TlsMode.NONE,
                        0,
                        List.of(
                                "MTA 'broken' (mta.sluice.invalid:3150) failed twice in a row",
                                "Couldn't connect to host, port: mta.sluice.invalid, 3150",
                                "UnknownHostException: mta.sluice.invalid"),
                        bounded),
                row(
                        "connection refused (nothing listens)",
                        "127.0.0.1",
                        UNUSED,
                        TlsMode.NONE,
                        0,
                        List.of(
                                "MTA 'broken' (127.0.0.1:3151) failed twice in a row",
                                "Couldn't connect to host, port: 127.0.0.1, 3151",
                                "Connection refused"),
                        bounded),
                row(
                        "accepts TCP and never answers (read timeout)",
                        "127.0.0.1",
                        SILENT,
                        TlsMode.NONE,
                        0,
                        List.of("MTA 'broken' (127.0.0.1:3152) failed twice in a row", "Read timed out"),
                        bounded),
                row(
                        "STARTTLS required, the server does not offer it",
                        "127.0.0.1",
                        NO_STARTTLS,
                        TlsMode.STARTTLS_REQUIRED,
                        0,
                        List.of(
                                "MTA 'broken' (127.0.0.1:3153) failed twice in a row",
                                "STARTTLS is required but host does not support STARTTLS"),
                        bounded),
                row(
                        "SMTPS against a plain SMTP server",
                        "127.0.0.1",
                        NO_STARTTLS,
                        TlsMode.SMTPS,
                        0,
                        List.of(
                                "MTA 'broken' (127.0.0.1:3153) failed twice in a row",
                                "Unsupported or unrecognized SSL message"),
                        bounded),
                row(
                        "SMTPS with a self-signed certificate nobody trusts",
                        "127.0.0.1",
                        SELF_SIGNED_SMTPS,
                        TlsMode.SMTPS,
                        0,
                        List.of(
                                "MTA 'broken' (127.0.0.1:3154) failed twice in a row",
                                "unable to find valid certification path to requested target"),
                        bounded),
                row(
                        "stops reading in the middle of DATA (write timeout)",
                        "127.0.0.1",
                        STOPS_READING_IN_DATA,
                        TlsMode.NONE,
                        32 << 20,
                        List.of("MTA 'broken' (127.0.0.1:3155) failed twice in a row", "Write timed out"),
                        Duration.ofSeconds(30)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failingMtas")
    void failureNamesTheMtaAndTheCauseWithinTheTimeouts(MtaCase row) throws Exception {
        Mta mta = new Mta("broken", row.host(), row.port());
        mta.setTlsMode(row.tls());
        PersonalMessage message = message(row.bodyBytes());
        long start = System.nanoTime();

        MessagingException e;
        try (SmtpConnection connection = new SmtpConnection(mta, "bounces@example.com")) {
            e = assertThrows(MessagingException.class, () -> connection.send(message));
        }

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String text = e.getMessage();
        assertAll(row.expected().stream()
                .map(fragment -> () -> assertTrue(text.contains(fragment), "'" + fragment + "' not in: " + text)));
        assertTrue(took.compareTo(row.atMost()) <= 0, "took " + took + ", at most " + row.atMost());
    }

    @BeforeAll
    static void startServers() throws Exception {
        System.setProperty("sluice.smtp.connect-timeout-millis", Long.toString(TIMEOUT.toMillis()));
        System.setProperty("sluice.smtp.read-timeout-millis", Long.toString(TIMEOUT.toMillis()));
        System.setProperty("sluice.smtp.write-timeout-millis", Long.toString(TIMEOUT.toMillis()));
        // Bound but never accepted: the kernel completes the TCP handshake, nobody ever says 220.
        SERVERS.add(new ServerSocket(SILENT, 50, InetAddress.getLoopbackAddress()));
        serve(NO_STARTTLS, false);
        serve(STOPS_READING_IN_DATA, true);
        selfSigned = new GreenMail(new ServerSetup(SELF_SIGNED_SMTPS, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        selfSigned.start();
    }

    @AfterAll
    static void stopServers() throws Exception {
        System.clearProperty("sluice.smtp.connect-timeout-millis");
        System.clearProperty("sluice.smtp.read-timeout-millis");
        System.clearProperty("sluice.smtp.write-timeout-millis");
        for (AutoCloseable server : SERVERS) {
            server.close();
        }
        selfSigned.stop();
    }

    /**
     * A minimal SMTP server that offers no STARTTLS; with {@code stallInData} it answers DATA with 354 and then
     * never reads again, so the client's writes block once the socket buffers are full.
     */
    private static void serve(int port, boolean stallInData) throws IOException {
        ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        SERVERS.add(server);
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    SERVERS.add(client);
                    Thread session = new Thread(() -> converse(client, stallInData));
                    session.setDaemon(true);
                    session.start();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void converse(Socket client, boolean stallInData) {
        try (client) {
            OutputStream out = client.getOutputStream();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            say(out, "220 plain.example ESMTP");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line;
                switch (command) {
                    case "EHLO" -> say(out, "250-plain.example\r\n250 8BITMIME");
                    case "DATA" -> {
                        say(out, "354 go ahead");
                        if (stallInData) {
                            Thread.sleep(Long.MAX_VALUE); // ends when the test closes the socket
                        }
                    }
                    case "QUIT" -> {
                        say(out, "221 bye");
                        return;
                    }
                    default -> say(out, "250 ok");
                }
            }
        } catch (IOException | InterruptedException gone) {
            // the client gave up: that is the point of these servers
        }
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static PersonalMessage message(int bodyBytes) throws Exception {
        PersonalMessageRenderer renderer = new PersonalMessageRenderer(
                42,
                MessageTemplates.compile("Hi {{name}}", "Hello {{name}} {{filler}}", null, Set.of("filler")),
                "news@example.com",
                null);
        String filler = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789\n"
                .repeat(Math.max(1, bodyBytes / 76));
        return renderer.render(new PendingRecipient(1, "alice@example.org", "Alice", Map.of("filler", filler)));
    }

    private static Named<MtaCase> row(
            String name, String host, int port, TlsMode tls, int bodyBytes, List<String> expected, Duration atMost) {
        return Named.of(name, new MtaCase(host, port, tls, bodyBytes, expected, atMost));
    }
}
