package org.sluice.bounce.control;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.sluice.bounce.entity.BounceKind;

class BounceReaderTest {

    private static final String VERP = "bounces+c42-r1001-qtpctwyphe@bounce.sluice.test";

    private final BounceReader reader = new BounceReader();
    private final BounceMatcher matcher = new BounceMatcher(DeliveryStatusParserTest.SAMPLES_CODEC);

    /** A DSN as some MTAs write it: nested in multipart/mixed, no report-type, comments, white lines, "error". */
    private static final String IMPERFECT_DSN = """
            From: MAILER-DAEMON@mx.example.net
            To: %s
            Subject: Undelivered Mail Returned to Sender
            Message-ID: <imperfect-1@mx.example.net>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="outer"

            --outer
            Content-Type: multipart/report; boundary="inner"

            --inner
            Content-Type: text/plain

            Your message could not be delivered.
            --inner
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.net
            \t
            Final-Recipient: rfc822; ann.smith@example.net (the address you gave)
            Action: %s (Bad destination mailbox address)
            Diagnostic-Code: smtp; %s

            --inner
            Content-Type: text/rfc822-headers

            Return-Path: <%s>
            Message-ID: <sluice.42.1001@sluice.test>
            To: ann.smith@example.net

            --inner--
            --outer--
            """;

    @Test
    void anImperfectDsnIsReadWithItsStatusFromTheDiagnostic() throws Exception {
        DeliveryStatusReport report = reader.read(message(IMPERFECT_DSN.formatted(
                        VERP, "Error", "550 5.1.1 <ann.smith@example.net>: user unknown", VERP)))
                .orElseThrow();
        RecipientStatus status = report.decisive().orElseThrow();

        assertAll(
                () -> assertEquals(BounceKind.HARD, report.kind()),
                () -> assertEquals("failed", status.action()),
                () -> assertEquals("5.1.1", status.status()),
                () -> assertEquals("ann.smith@example.net", status.finalRecipient()),
                () -> assertEquals("<sluice.42.1001@sluice.test>", report.originalMessageId()),
                () -> assertEquals(
                        Optional.of(new BounceMatch(new MessageRef(42, 1001), BounceMatch.MatchedBy.VERP)),
                        matcher.match(report)));
    }

    @Test
    void policyAndFullMailboxRefusalsAreSoftWhateverTheirClass() throws Exception {
        assertAll(
                () -> assertEquals(BounceKind.SOFT, kindOfDsn("550 5.7.1 Message rejected due to content (spam)")),
                () -> assertEquals(BounceKind.SOFT, kindOfDsn("554 5.7.1 Client host blocked using zen.spamhaus.org")),
                () -> assertEquals(BounceKind.SOFT, kindOfDsn("552 5.2.2 Mailbox full")),
                () -> assertEquals(BounceKind.SOFT, kindOfDsn("550 5.1.1 User unknown; mailbox over quota")),
                () -> assertEquals(BounceKind.SOFT, kindOfDsn("421 4.7.0 Try again later, rate limited")),
                () -> assertEquals(BounceKind.SOFT, kindOfDsn("550 Requested action not taken")),
                () -> assertEquals(BounceKind.HARD, kindOfDsn("550 5.1.10 RESOLVER.ADR.RecipientNotFound")),
                () -> assertEquals(BounceKind.HARD, kindOfDsn("550 5.2.1 The email account is disabled")),
                () -> assertEquals(BounceKind.HARD, kindOfDsn("550 No such user here")));
    }

    @Test
    void anUnknownUserIsHardUnderAnyPermanentStatusButAnAccessDenialOrSuspensionIsNot() throws Exception {
        assertAll(
                () -> assertEquals(BounceKind.HARD, kindOfDsn("553 5.7.1 Invalid recipient user@example.org")),
                () -> assertEquals(BounceKind.HARD, kindOfDsn("550 5.4.1 Recipient address rejected: User unknown")),
                () -> assertEquals(BounceKind.SOFT, kindOfDsn("550 5.4.1 Recipient address rejected: Access denied")),
                () -> assertEquals(BounceKind.SOFT, kindOfDsn("550 5.7.1 User unknown; relay denied")),
                () -> assertEquals(BounceKind.SOFT, kindOfDsn("550 5.1.1 User unknown; account suspended")),
                () -> assertEquals(BounceKind.HARD, kindOfDsn("550 5.2.1 The email account is disabled")));
    }

    @Test
    void aPipelinedRcptRefusalShownAfterDataIsStillARcptRefusal() {
        List<String> pipelined = List.of(
                "... while talking to mx.example.org.:",
                ">>> DATA",
                "<<< 550 <user@example.org>: User unknown",
                "550 5.1.1 <user@example.org>... User unknown",
                "<<< 554 Error: no valid recipients");
        List<String> afterData =
                List.of(">>> DATA", "<<< 550 Unknown user user@example.org", "554 5.0.0 Service unavailable");
        assertAll(
                () -> assertFalse(SmtpTranscript.refusedAfterData(pipelined)),
                () -> assertTrue(SmtpTranscript.refusedAfterData(afterData)));
    }

    @Test
    void aQmailTextBounceIsReadFromItsReasonLines() throws Exception {
        String qmail = """
                From: MAILER-DAEMON@mx.example.jp
                To: %s
                Subject: failure notice

                Hi. This is the qmail-send program at mx.example.jp.
                I'm afraid I wasn't able to deliver your message to the following addresses.
                This is a permanent error; I've given up. Sorry it didn't work out.

                <ann.smith@example.net>:
                192.0.2.1 does not like recipient.
                Remote host said: %s
                Giving up on 192.0.2.1.

                --- Below this line is a copy of the message.

                Return-Path: <%s>
                Message-ID: <sluice.42.1001@sluice.test>
                To: ann.smith@example.net
                Subject: News 550 5.1.1 user unknown

                body
                """;
        DeliveryStatusReport hard = reader.read(
                        message(qmail.formatted(VERP, "550 5.1.1 <ann.smith@example.net>... User unknown", VERP)))
                .orElseThrow();
        DeliveryStatusReport full = reader.read(message(qmail.formatted(VERP, "552 5.2.2 Mailbox is full", VERP)))
                .orElseThrow();
        DeliveryStatusReport noCode = reader.read(message(qmail.formatted(VERP, "Sorry, over quota", VERP)))
                .orElseThrow();

        assertAll(
                () -> assertEquals(BounceKind.HARD, hard.kind()),
                () -> assertEquals("5.1.1", hard.decisive().orElseThrow().status()),
                () -> assertEquals(
                        "ann.smith@example.net", hard.decisive().orElseThrow().finalRecipient()),
                () -> assertEquals(
                        Optional.of(new BounceMatch(new MessageRef(42, 1001), BounceMatch.MatchedBy.VERP)),
                        matcher.match(hard)),
                () -> assertEquals(BounceKind.SOFT, full.kind()),
                () -> assertEquals("5.2.2", full.decisive().orElseThrow().status()),
                () -> assertEquals(BounceKind.SOFT, noCode.kind()),
                () -> assertEquals(null, noCode.decisive().orElseThrow().status()));
    }

    @Test
    void autoRepliesAreNeverBounces() throws Exception {
        String reply = """
                From: Ann Smith <ann.smith@example.net>
                To: %s
                Subject: %s
                %s

                I am out of the office until Monday. Unknown user questions go to my colleague.
                550 5.1.1 user unknown (quoted from somewhere)
                """;
        assertAll(
                () -> assertEquals(
                        Optional.empty(),
                        reader.read(message(reply.formatted(VERP, "Automatic reply: News", "X-Mailer: x")))),
                () -> assertEquals(
                        Optional.empty(),
                        reader.read(message(reply.formatted(VERP, "Abwesenheitsnotiz: News", "X-Mailer: x")))),
                () -> assertEquals(
                        Optional.empty(),
                        reader.read(message(reply.formatted(VERP, "Re: News", "Auto-Submitted: auto-replied")))),
                () -> assertEquals(
                        Optional.empty(),
                        reader.read(message(reply.formatted(VERP, "Undeliverable? no", "X-Autoreply: yes")))),
                () -> assertEquals(
                        Optional.empty(),
                        reader.read(message(reply.formatted(VERP, "Re: News", "Precedence: auto_reply")))),
                // a person's mail, not an MTA's: no bounce subject, no daemon sender
                () -> assertEquals(
                        Optional.empty(), reader.read(message(reply.formatted(VERP, "Re: News", "X-Mailer: x")))));
    }

    @Test
    void anArfComplaintCarriesTheReturnedHeadersAndTheOriginalRecipient() throws Exception {
        String arf = """
                From: feedback@arf.mail.example.com
                To: fbl@sluice.test
                Subject: FW: News
                Message-ID: <arf-1@arf.mail.example.com>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="b"

                --b
                Content-Type: text/plain

                This is an email abuse report.
                --b
                Content-Type: message/feedback-report

                Feedback-Type: %s
                User-Agent: Example-FBL/1.0
                Version: 1
                Original-Rcpt-To: ann.smith@example.net

                --b
                Content-Type: message/rfc822

                Return-Path: <%s>
                Message-ID: <sluice.42.1001@sluice.test>
                To: ann.smith@example.net
                Subject: News

                body
                --b--
                """;
        DeliveryStatusReport complaint =
                reader.read(message(arf.formatted("abuse", VERP))).orElseThrow();
        RecipientStatus recipient = complaint.decisive().orElseThrow();

        assertAll(
                () -> assertEquals(BounceKind.COMPLAINT, complaint.kind()),
                () -> assertTrue(complaint.isComplaint()),
                () -> assertEquals("abuse", complaint.feedbackType()),
                () -> assertEquals("ann.smith@example.net", recipient.finalRecipient()),
                () -> assertEquals(BounceKind.NONE, recipient.kind(), "no bounce for the bounce recorder"),
                () -> assertEquals("ann.smith@example.net", complaint.originalTo()),
                () -> assertEquals("<sluice.42.1001@sluice.test>", complaint.originalMessageId()),
                () -> assertEquals(
                        Optional.of(new BounceMatch(new MessageRef(42, 1001), BounceMatch.MatchedBy.VERP)),
                        matcher.match(complaint)),
                () -> assertEquals(Optional.empty(), reader.read(message(arf.formatted("auth-failure", VERP)))));
    }

    @Test
    void aMegabyteLineIsReadInBoundedTime() {
        String line = "550 5.1.1 " + "a".repeat(1024 * 1024) + "@" + "b.".repeat(1000);
        String text = """
                From: MAILER-DAEMON@mx.example.net
                To: %s
                Subject: Undeliverable: News

                Delivery has failed to these recipients:
                %s
                %s
                """.formatted(VERP, line, "(".repeat(100_000));
        String dsn = IMPERFECT_DSN.formatted(VERP, "failed", line, VERP);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            Optional<DeliveryStatusReport> fromText = reader.read(message(text));
            Optional<DeliveryStatusReport> fromDsn = reader.read(message(dsn));
            assertTrue(fromText.isPresent());
            assertTrue(fromDsn.isPresent());
        });
    }

    @Test
    void malformedMimeGivesNoReportAndNoException() throws Exception {
        String head =
                "From: MAILER-DAEMON@mx.example.net\nTo: " + VERP + "\nSubject: Returned mail\nMIME-Version: 1.0\n";
        String[] broken = {
            head + "Content-Type: multipart/report; report-type=delivery-status\n\nno boundary at all\n",
            head + "Content-Type: multipart/report; boundary=\"b\"\n\n--b\nContent-Type: message/delivery-status\n"
                    + "Content-Transfer-Encoding: base64\n\n!!!not base64***\n",
            head
                    + "Content-Type: multipart/report; boundary=\"b\"\n\n--b\nContent-Type: text/plain; charset=\"x-nonsense\"\n\n"
                    + "truncated here",
            head + "Content-Type: ;;;===\n\n\u0000\u0001binary",
            head + "Content-Type: multipart/mixed; boundary=\"b\"\n\n"
                    + "--b\nContent-Type: multipart/mixed; boundary=\"b\"\n\n".repeat(200),
            "",
            "\n\n\n",
            "garbage without headers"
        };
        for (String text : broken) {
            Optional<DeliveryStatusReport> report = reader.read(message(text));
            assertTrue(report.isEmpty() || report.get().kind() != BounceKind.HARD, text);
        }
    }

    private BounceKind kindOfDsn(String diagnostic) throws Exception {
        return reader.read(message(IMPERFECT_DSN.formatted(VERP, "failed", diagnostic, VERP)))
                .orElseThrow()
                .kind();
    }

    private static MimeMessage message(String text) throws Exception {
        return new MimeMessage(
                Session.getInstance(new Properties()),
                new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
    }
}
