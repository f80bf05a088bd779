package org.sluice.delivery.control;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.sluice.mta.control.SmtpSessions;
import org.sluice.mta.entity.Mta;

/**
 * Opens an SMTP session to an MTA the way a send does (its TLS mode and credentials), sends no mail, and reports
 * what the server answered: the greeting, EHLO and its extensions, STARTTLS, authentication. Only the server's
 * reply lines are kept from the session's trace, never what Sluice sent (credentials stay out: Angus does not trace
 * AUTH unless mail.debug.auth is set).
 */
public final class SmtpGreetingCheck {

    /** An SMTP reply line: three digits, then a space or a hyphen (RFC 5321 4.2). */
    private static final Pattern REPLY = Pattern.compile("^[2-5]\\d\\d[ -].*");

    private static final int MAX_LINES = 40;
    private static final int MAX_LINE_CHARS = 200;
    private static final String TIMEOUT_MILLIS = "10000";

    /** What the check found. {@code problem} is null when the session was opened (and authenticated, if asked). */
    @Schema(name = "ConnectionTest")
    public record Result(
            boolean connected,
            boolean encrypted,
            boolean authenticated,
            long millis,
            List<String> serverReplies,
            String problem) {}

    private SmtpGreetingCheck() {}

    public static Result check(Mta mta) {
        Session session = SmtpSessions.forMta(mta, "postmaster@localhost");
        String p = session.getProperty("mail.transport.protocol").equals("smtps") ? "mail.smtps." : "mail.smtp.";
        // An admin waits for this answer in a page: ten seconds, not the send path's minute.
        session.getProperties().put(p + "connectiontimeout", TIMEOUT_MILLIS);
        session.getProperties().put(p + "timeout", TIMEOUT_MILLIS);
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        session.setDebugOut(new PrintStream(trace, true, StandardCharsets.UTF_8));
        session.setDebug(true);
        long started = System.nanoTime();
        SMTPTransport transport = null;
        try {
            transport = (SMTPTransport) session.getTransport();
            if (mta.hasCredentials()) {
                transport.connect(mta.getUsername(), mta.getPassword());
            } else {
                transport.connect();
            }
            return new Result(
                    true, transport.isSSL(), mta.hasCredentials(), millisSince(started), replies(trace), null);
        } catch (MessagingException | RuntimeException e) {
            boolean connected = transport != null && transport.isConnected();
            return new Result(
                    connected,
                    connected && transport.isSSL(),
                    false,
                    millisSince(started),
                    replies(trace),
                    SmtpFailureText.describe(e));
        } finally {
            close(transport);
        }
    }

    private static List<String> replies(ByteArrayOutputStream trace) {
        return trace.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(line -> REPLY.matcher(line).matches())
                .map(line -> line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + "..." : line)
                .limit(MAX_LINES)
                .toList();
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static void close(SMTPTransport transport) {
        if (transport != null && transport.isConnected()) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // the check is over; a failed QUIT changes nothing in its result
            }
        }
    }
}
