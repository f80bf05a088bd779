package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sluice.testing.RefusingGreenMail;

/**
 * A campaign sent end to end: REST API, import job, campaign-send job in WildFly, Jakarta Mail to a real SMTP
 * server in this JVM; assertions on the mail received and on Sluice's database rows.
 */
@ExtendWith(ArquillianExtension.class)
class CampaignSendIT {

    private static final int PORT_OFFSET = 100;
    private static final int SMTP_PORT = 3025;
    private static final String SUBJECT = "Hello {{first_name}}";
    private static final String TEXT = "Dear {{name}}, news for {{city}}.";
    private static final String HTML = "<p>Dear {{name}}, news for <b>{{city}}</b>.</p>";

    private static final RefusingGreenMail smtp = new RefusingGreenMail(SMTP_PORT);

    @RegisterExtension
    static final SmtpServerExtension SMTP_SERVER = SmtpServerExtension.startAndStop(smtp);

    private final SluiceRest sluice = new SluiceRest(PORT_OFFSET);
    private final SluiceDatabase database = SluiceDatabase.suiteServer();

    @Deployment(testable = false)
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    @BeforeEach
    void emptyMailboxes() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        smtp.delayEachMessage(0);
    }

    @Test
    void thousandRecipientsEachReceiveExactlyOnePersonalMessage() throws Exception {
        long campaign = sluice.createCampaign("thousand", SUBJECT, TEXT, HTML, 100, 2);
        String csv = SampleCsv.recipients(999) + "tom@example.org,Tom & <Jerry>,Tom,\"Paris, \"\"Rive Gauche\"\"\"\n";
        JsonObject imported = sluice.importCsv(campaign, csv);
        assertEquals(1000, imported.getJsonObject("counts").getInt("imported"), imported.toString());

        sluice.send(campaign);
        JsonObject done = sluice.awaitFinished(campaign, Duration.ofMinutes(3));

        assertEquals("COMPLETED", done.getString("batchStatus"), done.toString());
        assertEquals("COMPLETED", done.getString("status"));
        assertEquals(1000, done.getJsonObject("counts").getInt("sent"));
        Map<String, MimeMessage> byRecipient = receivedExactlyOnceEach(1000);
        Set<String> messageIds = new HashSet<>();
        for (int i = 0; i < 999; i += 37) {
            MimeMessage m = byRecipient.get(SampleCsv.address(i));
            int person = i;
            assertAll(
                    "message to " + SampleCsv.address(i),
                    () -> assertEquals("Hello First" + person, m.getSubject()),
                    () -> assertEquals(new InternetAddress("Sluice Tests <news@sluice.test>"), m.getFrom()[0]),
                    () -> assertEquals("replies@sluice.test", ((InternetAddress) m.getReplyTo()[0]).getAddress()),
                    () -> assertEquals(
                            "Person " + person,
                            ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getPersonal()),
                    () -> assertTrue(
                            m.getMessageID().matches("<sluice\\." + campaign + "\\.\\d+@sluice\\.test>"),
                            m.getMessageID()),
                    () -> assertTrue(m.isMimeType("multipart/alternative"), m.getContentType()),
                    () -> assertEquals(
                            "Dear Person " + person + ", news for City" + person + ".", part(m, 0, "text/plain")),
                    () -> assertEquals(
                            "<p>Dear Person " + person + ", news for <b>City" + person + "</b>.</p>",
                            part(m, 1, "text/html")));
        }
        for (MimeMessage m : byRecipient.values()) {
            assertTrue(messageIds.add(m.getMessageID()), "Message-ID reused: " + m.getMessageID());
        }
        MimeMessage tom = byRecipient.get("tom@example.org");
        assertEquals("Dear Tom & <Jerry>, news for Paris, \"Rive Gauche\".", part(tom, 0, "text/plain"));
        assertEquals(
                "<p>Dear Tom &amp; &lt;Jerry&gt;, news for <b>Paris, &quot;Rive Gauche&quot;</b>.</p>",
                part(tom, 1, "text/html"));

        Map<String, SluiceDatabase.RecipientRow> rows = database.recipients(campaign);
        assertEquals(1000, rows.size());
        assertTrue(
                rows.values().stream().allMatch(r -> r.state().equals("SENT") && r.attempts() == 1),
                "every row SENT once");
        assertEquals(Map.of(250, 1000L), database.deliveryRecordsByReplyCode(campaign));
        database.assertCountsEqualARecount(campaign);
    }

    @Test
    void recipientRefusedWith550IsFailedWithTheReplyAndTheOthersAreSent() throws Exception {
        String reply = "550 5.1.1 <refused@example.org>: Recipient address rejected: User unknown";
        smtp.refuse("refused@example.org", reply);
        smtp.refuse("policy-refused@example.org", "554 5.7.1 <policy-refused@example.org>: Relay access denied");
        long campaign = sluice.createCampaign("one refused", SUBJECT, TEXT, HTML, 10, 1);
        sluice.importCsv(
                campaign,
                SampleCsv.recipients(9) + "refused@example.org,Refused,R,Nowhere\n"
                        + "policy-refused@example.org,Policy,P,Nowhere\n"
                        + "after@example.org,After,A,Later\n");

        sluice.send(campaign);
        JsonObject done = sluice.awaitFinished(campaign, Duration.ofMinutes(2));

        assertEquals("COMPLETED", done.getString("batchStatus"), done.toString());
        JsonObject counts = done.getJsonObject("counts");
        assertEquals(10, counts.getInt("sent"));
        assertEquals(2, counts.getInt("failed"));
        receivedExactlyOnceEach(10);
        SluiceDatabase.RecipientRow refused = database.recipients(campaign).get("refused@example.org");
        assertEquals("FAILED", refused.state());
        assertTrue(refused.lastReply().contains(reply), refused.lastReply());
        assertEquals(Map.of(250, 10L, 550, 1L, 554, 1L), database.deliveryRecordsByReplyCode(campaign));
        database.assertCountsEqualARecount(campaign);

        // The unknown mailbox is suppressed like a hard bounce; the policy refusal says nothing about the mailbox.
        SluiceDatabase.SuppressionRow suppressed = database.suppression("refused@example.org");
        assertEquals("HARD_BOUNCE", suppressed.reason());
        assertEquals(campaign, suppressed.campaignId());
        assertTrue(
                suppressed.detail().startsWith("refused at send time: ")
                        && suppressed.detail().contains(reply),
                suppressed.detail());
        assertNull(database.suppression("policy-refused@example.org"));
        smtp.purgeEmailFromAllMailboxes();
        long next = sluice.createCampaign("after the refusal", SUBJECT, TEXT, HTML, 10, 1);
        sluice.importCsv(
                next,
                SampleCsv.HEADER
                        + "refused@example.org,Refused,R,Nowhere\npolicy-refused@example.org,Policy,P,Nowhere\n"
                        + "new@example.org,New,N,Somewhere\n");
        sluice.send(next);
        assertEquals(
                "COMPLETED", sluice.awaitFinished(next, Duration.ofMinutes(2)).getString("batchStatus"));
        assertEquals(
                "SUPPRESSED",
                database.recipients(next).get("refused@example.org").state());
        assertEquals(
                "FAILED",
                database.recipients(next).get("policy-refused@example.org").state(),
                "tried again");
        assertEquals(Map.of(250, 1L, 554, 1L), database.deliveryRecordsByReplyCode(next));
        database.assertCountsEqualARecount(next);

        // What an admin reads when the customer asks: both campaigns, the refused attempt and the suppression.
        JsonObject history = sluice.addressHistory("refused@example.org");
        assertEquals(
                List.of(next + " SUPPRESSED", campaign + " FAILED"),
                history.getJsonArray("campaigns").getValuesAs(JsonObject.class).stream()
                        .map(c -> c.getJsonNumber("campaignId") + " " + c.getString("state"))
                        .toList());
        List<String> events = history.getJsonArray("events").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("kind") + " " + e.getString("detail"))
                .toList();
        assertEquals(2, events.size(), events.toString());
        assertTrue(
                events.get(0).startsWith("SUPPRESSED HARD_BOUNCE: refused at send time: 550 5.1.1"), events.toString());
        assertTrue(events.get(1).startsWith("ATTEMPT attempt 1 via "), events.toString());
        assertTrue(events.get(1).contains(": 550 "), events.toString());
        assertEquals(
                400,
                sluice.raw("GET", "addresses/not%20an%20address/history", null, null)
                        .statusCode());
    }

    @Test
    void templateWithAnUnknownFieldIsRefusedBeforeAnythingIsSent() {
        long campaign = sluice.createCampaign("typo", "Hi {{frist_name}}", TEXT, HTML, 10, 1);
        sluice.importCsv(campaign, SampleCsv.recipients(3));

        String error = sluice.sendRefused(campaign);

        assertTrue(error.contains("subject uses unknown field frist_name"), error);
        assertEquals(0, smtp.getReceivedMessages().length);
        assertTrue(database.recipients(campaign).values().stream()
                .allMatch(r -> r.state().equals("PENDING")));
        database.assertCountsEqualARecount(campaign);
    }

    @Test
    void stopMidCampaignThenRestartMailsEveryRecipientExactlyOnce() throws Exception {
        smtp.delayEachMessage(5); // ~400 msg/s over 2 connections: time to stop it half way
        long campaign = sluice.createCampaign("stop and restart", SUBJECT, TEXT, HTML, 20, 2);
        sluice.importCsv(campaign, SampleCsv.recipients(2000));

        sluice.send(campaign);
        sluice.awaitSentAtLeast(campaign, 200, Duration.ofMinutes(1));
        sluice.stop(campaign);
        JsonObject stopped = sluice.awaitFinished(campaign, Duration.ofMinutes(1));

        assertEquals("STOPPED", stopped.getString("batchStatus"), stopped.toString());
        assertEquals("STOPPED", stopped.getString("status"));
        long sentBeforeRestart =
                stopped.getJsonObject("counts").getJsonNumber("sent").longValue();
        assertTrue(sentBeforeRestart < 2000, "stopped before the end: " + sentBeforeRestart);
        assertEquals(sentBeforeRestart, smtp.getReceivedMessages().length, "every SENT row was received, nothing more");
        database.assertCountsEqualARecount(campaign);
        for (int call = 1; call <= 2; call++) { // the second starts from what the first found
            JsonObject restartPoint = sluice.checkpoint(campaign);
            assertEquals(
                    database.firstOpenRecipientId(campaign),
                    restartPoint.getJsonNumber("nextRecipientId").longValue(),
                    "restart point (call " + call + ")");
        }

        sluice.restart(campaign);
        JsonObject done = sluice.awaitFinished(campaign, Duration.ofMinutes(2));

        assertEquals("COMPLETED", done.getString("batchStatus"), done.toString());
        assertEquals(2000, done.getJsonObject("counts").getInt("sent"));
        receivedExactlyOnceEach(2000);
        JsonObject finished = sluice.checkpoint(campaign);
        assertTrue(
                !finished.containsKey("nextRecipientId") || finished.isNull("nextRecipientId"),
                "nobody left to mail: " + finished);
        database.assertCountsEqualARecount(campaign);
    }

    /** Every received message keyed by its To address, asserting nobody got two. */
    static Map<String, MimeMessage> receivedExactlyOnceEach(int expected) throws Exception {
        return receivedExactlyOnceEach(smtp, expected);
    }

    static Map<String, MimeMessage> receivedExactlyOnceEach(RefusingGreenMail server, int expected) throws Exception {
        server.waitForIncomingEmail(30_000, expected);
        MimeMessage[] received = server.getReceivedMessages();
        Map<String, List<MimeMessage>> byTo = new HashMap<>();
        for (MimeMessage m : received) {
            String to = ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
            byTo.computeIfAbsent(to, k -> new java.util.ArrayList<>()).add(m);
        }
        List<String> twice = byTo.entrySet().stream()
                .filter(e -> e.getValue().size() > 1)
                .map(Map.Entry::getKey)
                .toList();
        assertEquals(List.of(), twice, "recipients mailed more than once");
        assertEquals(expected, received.length, "messages received");
        return byTo.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(0)));
    }

    private static String part(MimeMessage message, int index, String type) {
        try {
            var part = ((MimeMultipart) message.getContent()).getBodyPart(index);
            assertTrue(part.isMimeType(type), part.getContentType());
            return ((String) part.getContent()).strip();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
