package org.sluice.bounce.control;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.sluice.bounce.entity.BounceKind;

class DeliveryStatusParserTest {

    static final byte[] SAMPLES_SECRET = "samples-secret-0123456789".getBytes(StandardCharsets.UTF_8);
    static final VerpCodec SAMPLES_CODEC = new VerpCodec("bounces@bounce.sluice.test", SAMPLES_SECRET);

    private final DeliveryStatusParser parser = new DeliveryStatusParser();
    private final BounceMatcher matcher = new BounceMatcher(SAMPLES_CODEC);

    @Test
    void postfixUserUnknownIsAHardBounceFoundByItsVerpAddress() throws Exception {
        DeliveryStatusReport report =
                parser.parse(sample("postfix-user-unknown.eml")).orElseThrow();
        RecipientStatus status = report.decisive().orElseThrow();

        assertAll(
                () -> assertEquals(BounceKind.HARD, report.kind()),
                () -> assertEquals("ann.smith@example.net", status.finalRecipient()),
                () -> assertEquals("ann.smith@example.net", status.originalRecipient()),
                () -> assertEquals("failed", status.action()),
                () -> assertEquals("5.1.1", status.status()),
                () -> assertEquals(
                        "smtp; 550 5.1.1 <ann.smith@example.net>: Recipient address rejected: User unknown"
                                + " in virtual mailbox table",
                        status.diagnosticCode()),
                () -> assertEquals("<20260310091530.3A1C2400D2@mx.example.net>", report.reportId()),
                () -> assertEquals("<sluice.42.1001@sluice.test>", report.originalMessageId()),
                () -> assertEquals(
                        Optional.of(new BounceMatch(new MessageRef(42, 1001), BounceMatch.MatchedBy.VERP)),
                        matcher.match(report)));
    }

    @Test
    void exchangeRecipientNotFoundIsAHardBounceFoundByTheReturnedMessageId() throws Exception {
        DeliveryStatusReport report =
                parser.parse(sample("exchange-recipient-not-found.eml")).orElseThrow();
        RecipientStatus status = report.decisive().orElseThrow();

        assertAll(
                () -> assertEquals(BounceKind.HARD, report.kind()),
                () -> assertEquals("bob.jones@contoso.com", status.finalRecipient()),
                () -> assertEquals("5.1.10", status.status()),
                () -> assertEquals(
                        "smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP"
                                + " address lookup",
                        status.diagnosticCode()),
                () -> assertEquals("<sluice.42.1002@sluice.test>", report.originalMessageId()),
                () -> assertEquals(List.of("news@sluice.test"), report.envelopeAddresses()),
                // Sent without a bounce address: no VERP, the Message-ID says which message it was; with VERP on it
                // would be a guessable id, trusted for nothing.
                () -> assertEquals(Optional.empty(), matcher.match(report)),
                () -> assertEquals(
                        Optional.of(new BounceMatch(new MessageRef(42, 1002), BounceMatch.MatchedBy.MESSAGE_ID)),
                        new BounceMatcher(null).match(report)));
    }

    @Test
    void aDelayedDeliveryIsASoftBounce() throws Exception {
        DeliveryStatusReport report =
                parser.parse(sample("postfix-delayed.eml")).orElseThrow();
        RecipientStatus status = report.decisive().orElseThrow();

        assertAll(
                () -> assertEquals(BounceKind.SOFT, report.kind()),
                () -> assertEquals("delayed", status.action()),
                () -> assertEquals("4.4.1", status.status()),
                () -> assertEquals(
                        "4.4.1 X-Postfix; connect to mail.example.com[192.0.2.40]:25: Connection timed out",
                        status.summary()),
                () -> assertEquals(
                        Optional.of(new BounceMatch(new MessageRef(42, 1003), BounceMatch.MatchedBy.VERP)),
                        matcher.match(report)));
    }

    @Test
    void anAutoReplyAndAReadReceiptAreNotDeliveryReports() throws Exception {
        assertEquals(Optional.empty(), parser.parse(sample("out-of-office.eml")));
        assertEquals(Optional.empty(), parser.parse(sample("read-receipt.eml")));
    }

    @Test
    void aVerpAddressWithAForgedMacMatchesNothingEvenWithTheRightMessageId() throws Exception {
        // Someone edits the recipient in a genuine bounce's VERP address to fail recipient 1005.
        DeliveryStatusReport report = parser.parse(
                        message(read("postfix-user-unknown.eml").replace("-r1001-qtpctwyphe", "-r1005-qtpctwyphe")))
                .orElseThrow();

        assertEquals(Optional.empty(), matcher.match(report));
    }

    @Test
    void withVerpOnAReportWithoutAReturnPathIsNotMatchedByItsMessageIdAndFinalRecipient() throws Exception {
        // The forger's best try: the (sequential) Message-ID and the victim's address as Final-Recipient, sent to the
        // plain bounce address.
        DeliveryStatusReport report = parser.parse(
                        message(read("postfix-user-unknown.eml").replace("bounces+c42-r1001-qtpctwyphe@", "bounces@")))
                .orElseThrow();

        assertAll(
                () -> assertEquals("<sluice.42.1001@sluice.test>", report.originalMessageId()),
                () -> assertEquals(
                        "ann.smith@example.net", report.decisive().orElseThrow().finalRecipient()),
                () -> assertEquals(Optional.empty(), matcher.match(report)),
                () -> assertEquals(
                        Optional.of(new BounceMatch(new MessageRef(42, 1001), BounceMatch.MatchedBy.MESSAGE_ID)),
                        new BounceMatcher(null).match(report)));
    }

    @Test
    void aReportWithoutStatusFieldsOrWithGarbageIsNoBounce() throws Exception {
        String noStatusPart = """
                From: MAILER-DAEMON@example.net
                To: bounces@bounce.sluice.test
                Subject: Undelivered
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b"

                --b
                Content-Type: text/plain

                Your message could not be delivered.
                --b--
                """;
        String garbageStatus = noStatusPart.replace(
                "Content-Type: text/plain\n\nYour message could not be delivered.",
                "Content-Type: message/delivery-status\n\nthis is not\n a field list\n\n\n\n");
        String noBoundary = noStatusPart.replace("; boundary=\"b\"", "");

        assertEquals(Optional.empty(), parser.parse(message(noStatusPart)));
        assertEquals(Optional.empty(), parser.parse(message(garbageStatus)));
        assertEquals(
                Optional.empty(),
                parser.parse(message(
                        noStatusPart.replace("Content-Type: multipart/report;", "Content-Type: multipart/report;;;"))));
        assertEquals(Optional.empty(), parser.parse(message(noBoundary)));
    }

    @Test
    void theActionAndStatusDecideHardOrSoft() {
        assertAll(
                () -> assertEquals(BounceKind.HARD, BounceKind.of("failed", "5.1.1")),
                () -> assertEquals(BounceKind.HARD, BounceKind.of("Failed", "5.2.1")),
                () -> assertEquals(BounceKind.SOFT, BounceKind.of("failed", "4.2.2"), "gave up on a full mailbox"),
                () -> assertEquals(BounceKind.SOFT, BounceKind.of("failed", null), "no status: no proof"),
                () -> assertEquals(BounceKind.SOFT, BounceKind.of("delayed", "4.4.7")),
                () -> assertEquals(BounceKind.NONE, BounceKind.of("delivered", "2.0.0")),
                () -> assertEquals(BounceKind.NONE, BounceKind.of("relayed", "2.0.0")),
                () -> assertEquals(BounceKind.NONE, BounceKind.of(null, null)));
    }

    static MimeMessage sample(String name) throws Exception {
        try (InputStream in = DeliveryStatusParserTest.class.getResourceAsStream("/bounces/" + name)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }

    private static String read(String name) throws Exception {
        try (InputStream in = DeliveryStatusParserTest.class.getResourceAsStream("/bounces/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static MimeMessage message(String text) throws Exception {
        return new MimeMessage(
                Session.getInstance(new Properties()),
                new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
    }
}
