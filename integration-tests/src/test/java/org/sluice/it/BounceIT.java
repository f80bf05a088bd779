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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bounces end to end: Sluice sends with VERP return paths to an SMTP server in this JVM; the test bounces two of the
 * messages as a remote MTA would (DSNs to their return paths, in an IMAP mailbox in this JVM) and adds an
 * auto-reply and two forged DSNs; Sluice's bounce reader, configured through the management CLI as an admin would,
 * records them on POST /bounces/fetch.
 */
@ExtendWith(ArquillianExtension.class)
class BounceIT {

    private static final int PORT_OFFSET = 100;
    private static final ServerCli CLI = new ServerCli(PORT_OFFSET);
    private static final int SMTP_PORT = 3125;
    private static final int IMAP_PORT = 3126;
    private static final String BOUNCE_ADDRESS = "bounces@bounce.sluice.test";
    private static final Pattern VERP =
            Pattern.compile("<bounces\\+c(\\d+)-r(\\d+)-[a-z2-7]{10}@bounce\\.sluice\\.test>");
    private static final Map<String, String> SETTINGS = Map.of(
            // Ticks off: only the test's POST fetches, so its counts are the whole story.
            "sluice.bounce.fetch-interval-seconds", "0",
            "sluice.bounce.address", BOUNCE_ADDRESS,
            // Unsubscribe mails (the List-Unsubscribe mailto URL) go to the same mailbox.
            "sluice.unsubscribe.mailto", BOUNCE_ADDRESS,
            "sluice.bounce.protocol", "imap",
            "sluice.bounce.host", "127.0.0.1",
            "sluice.bounce.port", Integer.toString(IMAP_PORT),
            "sluice.bounce.user", "bounces",
            "sluice.bounce.password", "bounce-box-password");

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
        bounceBox = mail.setUser(BOUNCE_ADDRESS, "bounces", "bounce-box-password");
        CLI.setSystemProperties(SETTINGS);
    }

    @AfterAll
    static void forgetTheBounceBox() throws Exception {
        CLI.removeSystemProperties(SETTINGS.keySet());
    }

    @Test
    void aHardBounceFailsAndSuppressesItsRecipientAndASoftOneIsOnlyNoted() throws Exception {
        // Addresses of their own per run: the suppression list is global and outlives the test's campaign.
        String run = Long.toString(System.currentTimeMillis(), 36);
        String ann = "ann." + run + "@example.net";
        String bob = "bob." + run + "@example.net";
        String carol = "carol." + run + "@example.net";
        String dave = "dave." + run + "@example.net";
        sluice.putMta(
                "bounce-mta",
                Json.createObjectBuilder()
                        .add("host", "127.0.0.1")
                        .add("port", SMTP_PORT)
                        .build());
        long campaign = sluice.createCampaign("bounces", 10, 1, List.of("bounce-mta"), 900);
        sluice.importCsv(
                campaign, "email,name\n" + ann + ",Ann\n" + bob + ",Bob\n" + carol + ",Carol\n" + dave + ",Dave\n");
        sluice.send(campaign);
        assertEquals(
                "COMPLETED",
                sluice.awaitFinished(campaign, Duration.ofMinutes(2)).getString("status"));

        // Every message left with its own return path, naming its campaign and recipient.
        Map<String, MimeMessage> received = ReturnedMail.receivedByRecipient(mail);
        Map<String, Long> ids = recipientIds(campaign);
        for (Map.Entry<String, MimeMessage> message : received.entrySet()) {
            Matcher verp = VERP.matcher(message.getValue().getHeader("Return-Path", ","));
            assertTrue(verp.matches(), message.getValue().getHeader("Return-Path", ","));
            assertEquals(campaign, Long.parseLong(verp.group(1)));
            assertEquals(ids.get(message.getKey()), Long.parseLong(verp.group(2)), message.getKey());
        }
        assertEquals(4, received.size());

        MimeMessage toAnn = received.get(ann);
        MimeMessage toBob = received.get(bob);
        bounceBox.deliver(dsn(
                toAnn,
                ReturnedMail.returnPath(toAnn),
                ann,
                "failed",
                "5.1.1",
                "smtp; 550 5.1.1 <" + ann + ">: Recipient address rejected: User unknown"));
        bounceBox.deliver(dsn(
                toBob,
                ReturnedMail.returnPath(toBob),
                bob,
                "delayed",
                "4.4.1",
                "X-Postfix; connect to mx.example.net[192.0.2.40]:25: Connection timed out"));
        bounceBox.deliver(ReturnedMail.message("""
                From: Carol <%s>
                To: news@sluice.test
                Subject: Automatic reply: News for Carol
                Auto-Submitted: auto-replied

                I am away until Monday.
                """.formatted(carol)));
        // A forger edits Carol's genuine return path to Dave's id: the MAC no longer fits; the returned Message-ID is
        // Carol's, and that fallback needs the report to name Carol's address, but it names Dave's.
        MimeMessage toCarol = received.get(carol);
        String forgedPath =
                ReturnedMail.returnPath(toCarol).replace("-r" + ids.get(carol) + "-", "-r" + ids.get(dave) + "-");
        bounceBox.deliver(dsn(toCarol, forgedPath, dave, "failed", "5.1.1", "smtp; 550 no such user"));
        // A forger with no MAC at all: Dave's returned Message-ID (sequential, guessable) and Dave's address as
        // Final-Recipient, mailed to the plain bounce address. With VERP on only a verified return path counts.
        bounceBox.deliver(dsn(
                received.get(dave),
                "<" + BOUNCE_ADDRESS + ">",
                dave,
                "failed",
                "5.1.1",
                "smtp; 550 5.1.1 <" + dave + ">: forged"));

        JsonObject fetch = sluice.fetchBounces();

        assertAll(
                () -> assertEquals(5, fetch.getInt("read"), fetch.toString()),
                () -> assertEquals(1, fetch.getInt("hard"), fetch.toString()),
                () -> assertEquals(1, fetch.getInt("soft"), fetch.toString()),
                () -> assertEquals(1, fetch.getInt("ignored"), fetch.toString()),
                () -> assertEquals(2, fetch.getInt("unmatched"), fetch.toString()),
                () -> assertEquals(0, fetch.getInt("failed"), fetch.toString()),
                () -> assertEquals(2, fetch.getInt("removed"), fetch.toString()));
        Map<String, SluiceDatabase.RecipientRow> rows = database.recipients(campaign);
        assertAll(
                () -> assertEquals("FAILED", rows.get(ann).state()),
                () -> assertEquals(
                        "bounced: 5.1.1 smtp; 550 5.1.1 <" + ann + ">: Recipient address rejected: User unknown",
                        rows.get(ann).lastReply()),
                () -> assertEquals("SENT", rows.get(bob).state()),
                () -> assertEquals(
                        "soft bounce (delayed): 4.4.1 X-Postfix; connect to mx.example.net[192.0.2.40]:25:"
                                + " Connection timed out",
                        rows.get(bob).lastReply()),
                () -> assertEquals("SENT", rows.get(carol).state()),
                () -> assertEquals("SENT", rows.get(dave).state()),
                () -> assertEquals(
                        List.of(ann + "|HARD_BOUNCE|5.1.1 smtp; 550 5.1.1 <" + ann + ">: Recipient address"
                                + " rejected: User unknown|" + campaign),
                        suppressions("%." + run + "@example.net")),
                () -> assertEquals(2, sluice.bounces(campaign).size()));
        // Processed DSNs are gone; what Sluice could not use stays for a person to read.
        assertEquals(
                List.of(
                        "Automatic reply: News for Carol",
                        "Undelivered Mail Returned to Sender",
                        "Undelivered Mail Returned to Sender"),
                mailboxSubjects());

        // Fetching again reads what was left and changes nothing.
        JsonObject again = sluice.fetchBounces();
        assertEquals(3, again.getInt("read"), again.toString());
        assertEquals(0, again.getInt("removed"), again.toString());
        assertEquals(rows, database.recipients(campaign));
        // The hard bounce moved ann from SENT to FAILED in the counts the API shows.
        JsonObject counts = sluice.progress(campaign).getJsonObject("counts");
        assertEquals(1, counts.getInt("failed"), counts.toString());
        database.assertCountsEqualARecount(campaign);
    }

    @Test
    void aMailToTheListUnsubscribeAddressUnsubscribesItsSenderAndAForgedOneIsLeft() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        String erin = "erin." + run + "@example.net";
        sluice.putMta(
                "bounce-mta",
                Json.createObjectBuilder()
                        .add("host", "127.0.0.1")
                        .add("port", SMTP_PORT)
                        .build());
        long campaign = sluice.createCampaign("unsubscribe by mail", 10, 1, List.of("bounce-mta"), 900);
        sluice.importCsv(campaign, "email,name\n" + erin + ",Erin\n");
        sluice.send(campaign);
        assertEquals(
                "COMPLETED",
                sluice.awaitFinished(campaign, Duration.ofMinutes(2)).getString("status"));
        // What a mail client does with <mailto:ADDRESS?subject=unsubscribe%20TOKEN> (RFC 6068).
        Matcher mailto =
                MAILTO.matcher(ReturnedMail.receivedByRecipient(mail).get(erin).getHeader("List-Unsubscribe", ","));
        assertTrue(
                mailto.find(), ReturnedMail.receivedByRecipient(mail).get(erin).getHeader("List-Unsubscribe", ","));
        assertEquals(BOUNCE_ADDRESS, mailto.group(1));
        String subject = URLDecoder.decode(mailto.group(2), StandardCharsets.UTF_8);
        try {
            bounceBox.deliver(ReturnedMail.message("""
                    From: Erin <%s>
                    To: %s
                    Subject: %s

                    Please take me off the list.
                    """.formatted(erin, mailto.group(1), subject)));
            bounceBox.deliver(ReturnedMail.message("""
                    From: Mallory <mallory@example.net>
                    To: %s
                    Subject: unsubscribe %s.1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA

                    A forged token.
                    """.formatted(mailto.group(1), campaign)));

            JsonObject fetch = sluice.fetchBounces();

            assertEquals(1, fetch.getInt("unsubscribed"), fetch.toString());
            assertEquals(
                    List.of(erin + "|UNSUBSCRIBED|unsubscribe mail from Erin <" + erin + ">|" + campaign),
                    suppressions("erin." + run + "@example.net"));
            assertTrue(mailboxSubjects().stream().noneMatch(s -> s.equals(subject)), "the request was removed");
            assertTrue(mailboxSubjects().stream().anyMatch(s -> s.contains("AAAAAAAA")), "the forged one was left");
            database.assertCountsEqualARecount(campaign);
        } finally {
            // The other test counts what a fetch reads: leave the mailbox as this test found it.
            mail.purgeEmailFromAllMailboxes();
        }
    }

    private static final Pattern MAILTO = Pattern.compile("<mailto:([^?>]+)\\?subject=([^>]+)>");

    /** A Postfix-shaped DSN (RFC 3464) about one message, delivered to a return path (the message's, unless forged). */
    private static MimeMessage dsn(
            MimeMessage original, String returnPath, String recipient, String action, String status, String diagnostic)
            throws Exception {
        String bare = returnPath.substring(1, returnPath.length() - 1);
        return ReturnedMail.message("""
                Return-Path: <>
                Delivered-To: %1$s
                From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
                To: %1$s
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <%2$s.dsn@mx.example.net>
                Auto-Submitted: auto-replied
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B0UND"

                --B0UND
                Content-Type: text/plain; charset=us-ascii

                This is the mail system at host mx.example.net. Your message could not be delivered.

                --B0UND
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.net

                Final-Recipient: rfc822; %3$s
                Original-Recipient: rfc822;%3$s
                Action: %4$s
                Status: %5$s
                Diagnostic-Code: %6$s

                --B0UND
                Content-Type: text/rfc822-headers

                Return-Path: %7$s
                Message-ID: %8$s
                From: %9$s
                To: %3$s
                Subject: %10$s

                --B0UND--
                """.formatted(
                        bare,
                        Long.toHexString(System.nanoTime()),
                        recipient,
                        action,
                        status,
                        diagnostic,
                        returnPath,
                        original.getMessageID(),
                        original.getHeader("From", ","),
                        original.getSubject()));
    }

    private static List<String> mailboxSubjects() throws Exception {
        List<String> subjects = new ArrayList<>();
        for (var stored :
                mail.getManagers().getImapHostManager().getInbox(bounceBox).getMessages()) {
            subjects.add(stored.getMimeMessage().getSubject());
        }
        subjects.sort(null);
        return subjects;
    }

    private Map<String, Long> recipientIds(long campaign) {
        Map<String, Long> ids = new HashMap<>();
        for (List<Object> row : database.rows("SELECT address, id FROM recipient WHERE campaign_id = ?", campaign)) {
            ids.put((String) row.get(0), ((Number) row.get(1)).longValue());
        }
        return ids;
    }

    private List<String> suppressions(String addressPattern) {
        List<String> rows = new ArrayList<>();
        for (List<Object> row : database.rows(
                "SELECT address, reason, detail, COALESCE(campaign_id, 0) FROM suppression WHERE address LIKE ?"
                        + " ORDER BY address",
                addressPattern)) {
            rows.add(row.get(0) + "|" + row.get(1) + "|" + row.get(2) + "|" + ((Number) row.get(3)).longValue());
        }
        return rows;
    }
}
