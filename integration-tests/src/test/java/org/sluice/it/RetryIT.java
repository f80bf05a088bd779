package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sluice.testing.RefusingGreenMail;

/**
 * SMTP reply semantics (RFC 5321 4.2, RFC 3463): a 4xx defers the recipient, which is tried again after a backoff
 * until accepted or until the retry policy gives up; a 5xx fails it at once and is never retried; the others in the
 * same connection go on. The campaign reports finished only when no recipient is deferred any more.
 */
@ExtendWith(ArquillianExtension.class)
class RetryIT {

    private static final int PORT_OFFSET = 100;
    private static final int SMTP_PORT = 3170;
    private static final String MTA = "retry-mta";
    private static final String GREYLISTED = "451 4.7.1 <%s>: Recipient address rejected: Greylisted, try again later";
    /** Its own address: one refused with 5.1.1 is suppressed on the whole suite server. */
    private static final String UNKNOWN_USER =
            "550 5.1.1 <retry-gone@example.org>: Recipient address rejected: User unknown";
    /** Short waits for the test; the defaults are 60 s doubling to 30 min, 5 attempts, 4 h. */
    private static final Map<String, String> RETRY_SETTINGS = Map.of(
            "sluice.retry.first-backoff-seconds", "1",
            "sluice.retry.max-backoff-seconds", "2",
            "sluice.retry.max-attempts", "4",
            "sluice.retry.max-age-seconds", "600");

    private static final ServerCli CLI = new ServerCli(PORT_OFFSET);
    private static final RefusingGreenMail smtp = new RefusingGreenMail(SMTP_PORT);

    @RegisterExtension
    static final SmtpServerExtension SMTP_SERVER = SmtpServerExtension.startAndStop(smtp);

    private final SluiceRest sluice = new SluiceRest(PORT_OFFSET);
    private final SluiceDatabase database = SluiceDatabase.suiteServer();

    @Deployment(testable = false)
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    @BeforeAll
    static void shortenTheBackoff() throws Exception {
        CLI.setSystemProperties(RETRY_SETTINGS);
    }

    @AfterAll
    static void restoreTheBackoff() throws Exception {
        CLI.removeSystemProperties(RETRY_SETTINGS.keySet());
    }

    @BeforeEach
    void mtaOnThisServer() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        sluice.putUnprobedMta(MTA, SMTP_PORT, 2);
    }

    @Test
    void aDeferredRecipientIsDeliveredOnALaterAttemptAndA5xxIsNeverRetried() throws Exception {
        smtp.refuse("late@example.org", GREYLISTED.formatted("late@example.org"), 2);
        smtp.refuse("retry-gone@example.org", UNKNOWN_USER);
        long campaign = sluice.createCampaign("retry", 10, 2, List.of(MTA), 900);
        sluice.importCsv(
                campaign,
                SampleCsv.recipients(20) + "late@example.org,Late,L,Later\n" + "retry-gone@example.org,Gone,G,Nowhere\n"
                        + "after@example.org,After,A,After\n");

        sluice.send(campaign);
        JsonObject done = sluice.awaitFinished(campaign, Duration.ofMinutes(2));

        assertEquals("COMPLETED", done.getString("status"), done.toString());
        JsonObject counts = done.getJsonObject("counts");
        assertEquals(22, counts.getInt("sent"), counts.toString());
        assertEquals(1, counts.getInt("deferredThenSent"), counts.toString());
        assertEquals(1, counts.getInt("failed"), counts.toString());
        assertEquals(0, counts.getInt("deferred"), counts.toString());
        assertEquals(0, counts.getInt("pending"), counts.toString());

        assertEquals(3, smtp.rcptAttempts("late@example.org"), "deferred twice, accepted on the third attempt");
        assertEquals(1, smtp.getReceivedMessagesForDomain("late@example.org").length);
        assertEquals(1, smtp.rcptAttempts("retry-gone@example.org"), "a 5xx is never retried");
        assertEquals(0, smtp.getReceivedMessagesForDomain("retry-gone@example.org").length);
        assertEquals(
                1,
                smtp.getReceivedMessagesForDomain("after@example.org").length,
                "the recipient after the refused one in the same connection is mailed");
        assertEquals(22, smtp.getReceivedMessages().length);

        var rows = database.recipients(campaign);
        assertEquals(
                new SluiceDatabase.RecipientRow(
                        "SENT", rows.get("late@example.org").lastReply(), 3),
                rows.get("late@example.org"));
        assertEquals("FAILED", rows.get("retry-gone@example.org").state());
        assertTrue(
                rows.get("retry-gone@example.org").lastReply().contains(UNKNOWN_USER),
                rows.get("retry-gone@example.org").lastReply());
        List<SluiceDatabase.DeliveryRecordRow> late =
                database.deliveryRecords(campaign).get("late@example.org");
        assertEquals(
                List.of(451, 451, 250),
                late.stream().map(SluiceDatabase.DeliveryRecordRow::replyCode).toList());
        assertEquals(
                List.of(1, 2, 3),
                late.stream().map(SluiceDatabase.DeliveryRecordRow::attempt).toList());
        database.assertCountsEqualARecount(campaign);
    }

    @Test
    void aRecipientStillDeferredAtTheLastAttemptFailsWithWhySluiceGaveUp() throws Exception {
        smtp.refuse("never@example.org", GREYLISTED.formatted("never@example.org"));
        long campaign = sluice.createCampaign("gives up", 10, 1, List.of(MTA), 900);
        sluice.importCsv(campaign, SampleCsv.recipients(5) + "never@example.org,Never,N,Never\n");

        sluice.send(campaign);
        JsonObject done = sluice.awaitFinished(campaign, Duration.ofMinutes(2));

        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(4, smtp.rcptAttempts("never@example.org"), "sluice.retry.max-attempts");
        SluiceDatabase.RecipientRow never = database.recipients(campaign).get("never@example.org");
        assertEquals("FAILED", never.state());
        assertTrue(
                never.lastReply().startsWith("gave up after 4 attempts; last reply: 451 4.7.1 <never@example.org>"),
                never.lastReply());
        assertEquals(5, done.getJsonObject("counts").getInt("sent"));
        assertEquals(1, done.getJsonObject("counts").getInt("failed"));
        database.assertCountsEqualARecount(campaign);
    }
}
