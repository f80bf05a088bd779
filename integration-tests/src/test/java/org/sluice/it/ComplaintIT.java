package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Complaints end to end: Sluice sends with VERP return paths; a mailbox provider's feedback loop reports one message
 * as spam (an ARF report, RFC 5965, returning the message with its Return-Path) into the bounce mailbox, next to a
 * forged report whose return path lost its MAC. The genuine one suppresses its address (COMPLAINT), is counted on the
 * campaign and shows in the address's history; the forged one changes nothing and stays in the mailbox.
 */
@ExtendWith(ArquillianExtension.class)
class ComplaintIT {

    private static final int PORT_OFFSET = 100;
    private static final ServerCli CLI = new ServerCli(PORT_OFFSET);
    private static final int SMTP_PORT = 3127;
    private static final int IMAP_PORT = 3128;
    private static final String BOUNCE_ADDRESS = "bounces@bounce.sluice.test";
    private static final Map<String, String> SETTINGS = Map.of(
            "sluice.bounce.fetch-interval-seconds", "0",
            "sluice.bounce.address", BOUNCE_ADDRESS,
            "sluice.bounce.protocol", "imap",
            "sluice.bounce.host", "127.0.0.1",
            "sluice.bounce.port", Integer.toString(IMAP_PORT),
            "sluice.bounce.user", "complaints",
            "sluice.bounce.password", "complaint-box-password");

    private static final GreenMail mail = new GreenMail(new ServerSetup[] {
        new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
        new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
    });

    @RegisterExtension
    static final SmtpServerExtension MAIL_SERVER = SmtpServerExtension.startAndStop(mail);

    private static GreenMailUser bounceBox;
    private final SluiceRest sluice = new SluiceRest(PORT_OFFSET);
    private final SluiceDatabase database = SluiceDatabase.suiteServer();

    @Deployment(testable = false)
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    @BeforeAll
    static void openTheBounceBoxAndPointSluiceAtIt() throws Exception {
        bounceBox = mail.setUser(BOUNCE_ADDRESS, "complaints", "complaint-box-password");
        CLI.setSystemProperties(SETTINGS);
    }

    @AfterAll
    static void forgetTheBounceBox() throws Exception {
        CLI.removeSystemProperties(SETTINGS.keySet());
    }

    @Test
    void aFeedbackLoopReportSuppressesItsRecipientAndIsCountedAndAForgedOneChangesNothing() throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        String fay = "fay." + run + "@example.com";
        String gus = "gus." + run + "@example.com";
        sluice.putMta(
                "complaint-mta",
                Json.createObjectBuilder()
                        .add("host", "127.0.0.1")
                        .add("port", SMTP_PORT)
                        .build());
        long campaign = sluice.createCampaign("complaints", 10, 1, List.of("complaint-mta"), 900);
        sluice.importCsv(campaign, "email,name\n" + fay + ",Fay\n" + gus + ",Gus\n");
        sluice.send(campaign);
        assertEquals(
                "COMPLETED",
                sluice.awaitFinished(campaign, Duration.ofMinutes(2)).getString("status"));
        Map<String, MimeMessage> received = ReturnedMail.receivedByRecipient(mail);
        assertEquals(2, received.size());

        bounceBox.deliver(arf(received.get(fay), ReturnedMail.returnPath(received.get(fay)), fay));
        // Gus's genuine return path with one character of its MAC changed: not Sluice's, whatever it names.
        String genuine = ReturnedMail.returnPath(received.get(gus));
        int mac = genuine.indexOf('@') - 1;
        String forged =
                genuine.substring(0, mac) + (genuine.charAt(mac) == 'a' ? 'b' : 'a') + genuine.substring(mac + 1);
        bounceBox.deliver(arf(received.get(gus), forged, gus));

        JsonObject fetch = sluice.fetchBounces();

        assertAll(
                () -> assertEquals(2, fetch.getInt("read"), fetch.toString()),
                () -> assertEquals(1, fetch.getInt("complaints"), fetch.toString()),
                () -> assertEquals(0, fetch.getInt("hard"), fetch.toString()),
                () -> assertEquals(1, fetch.getInt("unmatched"), fetch.toString()),
                () -> assertEquals(1, fetch.getInt("removed"), fetch.toString()));
        SluiceDatabase.SuppressionRow suppressed = database.suppression(fay);
        assertAll(
                () -> assertEquals("COMPLAINT", suppressed.reason()),
                () -> assertEquals("complaint (abuse) from a feedback loop", suppressed.detail()),
                () -> assertEquals(campaign, suppressed.campaignId()),
                () -> assertEquals(null, database.suppression(gus), "the forged report suppresses nobody"),
                // Delivered all the same: the recipients keep their state.
                () -> assertEquals(
                        "SENT", database.recipients(campaign).get(fay).state()),
                () -> assertEquals(
                        "SENT", database.recipients(campaign).get(gus).state()),
                () -> assertEquals(
                        1, sluice.progress(campaign).getJsonObject("counts").getInt("complaints")),
                () -> assertEquals(
                        "COMPLAINT", sluice.bounces(campaign).getJsonObject(0).getString("kind")),
                () -> assertEquals(1, sluice.bounces(campaign).size()));
        List<String> history = sluice.addressHistory(fay).getJsonArray("events").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("kind"))
                .toList();
        assertTrue(history.containsAll(List.of("COMPLAINT", "SUPPRESSED", "ATTEMPT")), history.toString());

        // Read again (the same report delivered twice): recorded and counted once.
        bounceBox.deliver(arf(received.get(fay), ReturnedMail.returnPath(received.get(fay)), fay));
        assertEquals(1, sluice.fetchBounces().getInt("complaints"));
        assertEquals(1, sluice.progress(campaign).getJsonObject("counts").getInt("complaints"));
        assertEquals(1, sluice.bounces(campaign).size());
        database.assertCountsEqualARecount(campaign);

        // The next campaign does not mail the person who complained.
        long next = sluice.createCampaign("after the complaint", 10, 1, List.of("complaint-mta"), 900);
        sluice.importCsv(next, "email,name\n" + fay + ",Fay\n" + gus + ",Gus\n");
        assertEquals("SUPPRESSED", database.recipients(next).get(fay).state());
        assertEquals("PENDING", database.recipients(next).get(gus).state());
    }

    /** An abuse report as AOL, Yahoo and others send it (RFC 5965 appendix B), returning the whole message. */
    private static MimeMessage arf(MimeMessage original, String returnPath, String recipient) throws Exception {
        return ReturnedMail.message("""
                Return-Path: <>
                Delivered-To: %1$s
                From: Feedback Loop <fbl@feedback.example.com>
                To: %1$s
                Subject: Abuse report for %2$s
                Message-ID: <arf.%3$s@feedback.example.com>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="ARF"

                --ARF
                Content-Type: text/plain; charset=us-ascii

                This is an email abuse report for an email message received from IP 192.0.2.1.

                --ARF
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                User-Agent: SomeGenerator/1.0
                Version: 1
                Original-Mail-From: %4$s
                Original-Rcpt-To: <%5$s>
                Arrival-Date: Thu, 8 Mar 2005 14:00:00 EDT
                Reported-Domain: sluice.test
                Source-IP: 192.0.2.1

                --ARF
                Content-Type: message/rfc822
                Content-Disposition: inline

                Return-Path: %4$s
                Message-ID: %6$s
                From: %7$s
                To: %5$s
                Subject: %2$s

                The message body.

                --ARF--
                """.formatted(
                        BOUNCE_ADDRESS,
                        original.getSubject(),
                        Long.toHexString(original.getMessageID().hashCode() & 0xffffffffL),
                        returnPath,
                        recipient,
                        original.getMessageID(),
                        original.getHeader("From", ",")));
    }
}
