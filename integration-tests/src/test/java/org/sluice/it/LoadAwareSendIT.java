package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sluice.testing.RefusingGreenMail;

/**
 * Load-aware sending against real parts: two SMTP servers in this JVM, two probe WARs in WildFly answering the
 * LoadManager over Artemis JMS. Each probe reads its MTA's queue depth with the "command" reader from a file this
 * test writes, so the test drives the readings; the host figures are the machine's own (thresholds set high).
 */
@ExtendWith(ArquillianExtension.class)
class LoadAwareSendIT {

    private static final int PORT_OFFSET = 100;
    private static final Path READINGS = Path.of("target", "probe-readings").toAbsolutePath();

    private static final RefusingGreenMail smtp1 = new RefusingGreenMail(3031);
    private static final RefusingGreenMail smtp2 = new RefusingGreenMail(3032);
    private static final RefusingGreenMail smtp3 = new RefusingGreenMail(3033);

    @RegisterExtension
    static final SmtpServerExtension SMTP_SERVERS = SmtpServerExtension.startAndStop(smtp1, smtp2, smtp3);

    private final SluiceRest sluice = new SluiceRest(PORT_OFFSET);

    @Deployment(name = "sluice", order = 1, testable = false)
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    @Deployment(name = "probe-mta1", order = 2, testable = false)
    static WebArchive probe1() {
        return probe("mta1");
    }

    @Deployment(name = "probe-mta2", order = 3, testable = false)
    static WebArchive probe2() {
        return probe("mta2");
    }

    private static WebArchive probe(String id) {
        return Deployments.probeWar(
                        id,
                        Map.of(
                                "sluice.probe.queue-reader",
                                "command",
                                "sluice.probe.queue-command",
                                "cat " + READINGS.resolve(id + ".queue"),
                                "sluice.probe.spool-path",
                                READINGS.toString(),
                                "sluice.probe.refresh-millis",
                                "100"))
                .as(WebArchive.class);
    }

    @BeforeAll
    static void probesReadEmptyQueues() throws Exception {
        Files.createDirectories(READINGS);
        queue("mta1", 0);
        queue("mta2", 0);
    }

    @BeforeEach
    void idleMtas() throws Exception {
        queue("mta1", 0);
        queue("mta2", 0);
        for (RefusingGreenMail smtp : List.of(smtp1, smtp2, smtp3)) {
            smtp.purgeEmailFromAllMailboxes();
            smtp.delayEachMessage(0);
        }
        // Host load is the machine's own: thresholds far above it, so only the queue readings decide.
        sluice.putMta("mta1", mta(3031, "mta1"));
        sluice.putMta("mta2", mta(3032, "mta2"));
        sluice.putMta("mta3", mta(3033, "ghost")); // no probe answers to "ghost"
        Thread.sleep(1200); // older readings expire (sluice.load.status-max-age-millis = 1000)
    }

    @Test
    void aCampaignIsSpreadOverBothMtasAndEveryRecipientIsMailedOnce() throws Exception {
        long campaign = campaign("spread", List.of("mta1", "mta2"), 900, 400);

        sluice.send(campaign);
        JsonObject done = sluice.awaitFinished(campaign, Duration.ofMinutes(2));

        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertTrue(received(smtp1, campaign) > 0, "mta1 took part");
        assertTrue(received(smtp2, campaign) > 0, "mta2 took part");
        SentMail.assertEveryRecipientExactlyOnce(campaign, 400, smtp1, smtp2, smtp3);
    }

    @Test
    void mailShiftsToTheOtherMtaWhenOneIsFull() throws Exception {
        queue("mta1", 5000);
        Thread.sleep(1200);
        JsonObject full = sluice.mtaStatus().get("mta1");
        assertEquals("FULL", full.getString("state"));
        // "queue 5,000 >= max 2,000" when it is stopped, "queue 5,000 > resume 1,500" while it waits to resume.
        assertTrue(full.getString("reason").startsWith("queue 5,000 "), full.toString());
        long campaign = campaign("shift", List.of("mta1", "mta2"), 900, 300);

        sluice.send(campaign);
        JsonObject done = sluice.awaitFinished(campaign, Duration.ofMinutes(2));

        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(0, received(smtp1, campaign), "nothing to the full MTA");
        assertEquals(300, received(smtp2, campaign));
        SentMail.assertEveryRecipientExactlyOnce(campaign, 300, smtp1, smtp2, smtp3);
    }

    @Test
    void withBothMtasFullTheJobWaitsAndResumesWhenTheirQueuesDrain() throws Exception {
        queue("mta1", 5000);
        queue("mta2", 2500);
        // The probes count in the background: wait until Sluice reads both queues, not a count from before.
        Instant readDeadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!sluice.mtaStatus().get("mta1").getString("state").equals("FULL")
                || !sluice.mtaStatus().get("mta2").getString("state").equals("FULL")) {
            assertTrue(Instant.now().isBefore(readDeadline), "both MTAs read as FULL: " + sluice.mtaStatus());
            Thread.sleep(200);
        }
        long campaign = campaign("wait", List.of("mta1", "mta2"), 900, 300);

        sluice.send(campaign);
        JsonObject waiting = sluice.awaitStatus(campaign, "WAITING_FOR_MTA", Duration.ofSeconds(30));
        String reason = waiting.getString("waitingReason");
        assertTrue(reason.contains("mta1: FULL (queue 5,000 "), reason);
        assertTrue(reason.contains("mta2: FULL (queue 2,500 "), reason);
        assertEquals(0, received(smtp1, campaign) + received(smtp2, campaign));

        queue("mta1", 100);
        queue("mta2", 1400); // below its resume threshold (1,500): hysteresis lets it back in
        JsonObject done = sluice.awaitFinished(campaign, Duration.ofMinutes(2));

        assertEquals("COMPLETED", done.getString("status"), done.toString());
        SentMail.assertEveryRecipientExactlyOnce(campaign, 300, smtp1, smtp2, smtp3);
    }

    @Test
    void pastTheDeadlineTheJobStopsWithAnIncidentAndARestartMailsTheRestExactlyOnce() throws Exception {
        smtp1.delayEachMessage(10);
        smtp2.delayEachMessage(10);
        long campaign = campaign("deadline", List.of("mta1", "mta2"), 4, 1000);
        sluice.send(campaign);
        sluice.awaitSentAtLeast(campaign, 100, Duration.ofMinutes(1));

        queue("mta1", 9000);
        queue("mta2", 9000);
        JsonObject failed = sluice.awaitFinished(campaign, Duration.ofMinutes(1));

        assertEquals("FAILED", failed.getString("status"), failed.toString());
        assertEquals("MTA_OVERLOADED", failed.getString("exitStatus"));
        long sent = failed.getJsonObject("counts").getJsonNumber("sent").longValue();
        assertTrue(sent >= 100 && sent < 1000, "sent before the overload: " + sent);
        JsonArray incidents = sluice.incidents(campaign);
        assertEquals(1, incidents.size(), incidents.toString());
        JsonObject incident = incidents.getJsonObject(0);
        assertAll(
                () -> assertEquals("MTA_OVERLOADED", incident.getString("kind")),
                () -> assertEquals(
                        1000 - sent, incident.getJsonNumber("remaining").longValue()),
                () -> assertTrue(
                        incident.getString("reason").contains("mta1: FULL (queue 9,000 "),
                        incident.getString("reason")),
                () -> assertTrue(
                        incident.getString("mtaStatuses").contains("mta2: FULL"), incident.getString("mtaStatuses")),
                () -> assertTrue(
                        incident.getString("restartPoint").contains("resumes at recipient id"),
                        incident.getString("restartPoint")));

        queue("mta1", 0);
        queue("mta2", 0);
        smtp1.delayEachMessage(0);
        smtp2.delayEachMessage(0);
        sluice.restart(campaign);
        JsonObject done = sluice.awaitFinished(campaign, Duration.ofMinutes(2));

        assertEquals("COMPLETED", done.getString("status"), done.toString());
        SentMail.assertEveryRecipientExactlyOnce(campaign, 1000, smtp1, smtp2, smtp3);
    }

    @Test
    void anMtaWhoseProbeNeverAnswersIsNotUsed() throws Exception {
        long campaign = campaign("ghost", List.of("mta1", "mta3"), 900, 200);

        sluice.send(campaign);
        JsonObject done = sluice.awaitFinished(campaign, Duration.ofMinutes(2));

        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(0, received(smtp3, campaign), "nothing to the MTA whose probe is silent");
        assertEquals(200, received(smtp1, campaign));
        JsonObject ghost = sluice.mtaStatus().get("mta3");
        assertEquals("UNKNOWN", ghost.getString("state"));
        assertTrue(ghost.getString("reason").startsWith("probe 'ghost': no answer within"), ghost.toString());
    }

    @Test
    void anMtaThatRefusesConnectionsLeavesThePoolAndTheOthersTakeTheMail() throws Exception {
        // mta4 has no probe (used without load control) and nothing listens on its port.
        sluice.putMta(
                "mta4",
                Json.createObjectBuilder()
                        .add("host", "127.0.0.1")
                        .add("port", 3039)
                        .add("maxConnections", 4)
                        .add("probeId", "")
                        .build());
        long campaign = campaign("failover", List.of("mta1", "mta4"), 900, 300);

        sluice.send(campaign);
        JsonObject done = sluice.awaitFinished(campaign, Duration.ofMinutes(2));

        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(300, received(smtp1, campaign));
        SentMail.assertEveryRecipientExactlyOnce(campaign, 300, smtp1, smtp2, smtp3);
        JsonObject mta4 = sluice.mtaStatus().get("mta4");
        assertEquals("UNREACHABLE", mta4.getString("state"), mta4.toString());
        assertTrue(mta4.getString("reason").contains("retried after"), mta4.toString());
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private long campaign(String name, List<String> mtas, int waitDeadlineSeconds, int recipients) {
        long campaign = sluice.createCampaign(name, 50, 2, mtas, waitDeadlineSeconds);
        JsonObject imported = sluice.importCsv(campaign, SampleCsv.recipients(recipients));
        assertEquals(recipients, imported.getJsonObject("counts").getInt("imported"), imported.toString());
        return campaign;
    }

    private static JsonObject mta(int port, String probeId) {
        return Json.createObjectBuilder()
                .add("host", "127.0.0.1")
                .add("port", port)
                .add("probeId", probeId)
                .add("maxConnections", 4)
                .add("maxQueueDepth", 2000)
                .add("queueResumeDepth", 1500)
                .add("loadPerCpuStop", 1000.0)
                .add("loadPerCpuResume", 900.0)
                .add("memoryStopPercent", 0.0)
                .add("memoryResumePercent", 0.0)
                .add("spoolMinFreeMb", 0)
                .build();
    }

    private static void queue(String probeId, int depth) throws Exception {
        Path file = READINGS.resolve(probeId + ".queue");
        Path tmp = READINGS.resolve(probeId + ".queue.tmp");
        Files.writeString(tmp, depth + "\n");
        Files.move(
                tmp,
                file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Messages of this campaign an SMTP server received (a test's leftovers never count for the next). */
    private static long received(RefusingGreenMail smtp, long campaign) throws Exception {
        long n = 0;
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getMessageID().startsWith("<sluice." + campaign + ".")) {
                n++;
            }
        }
        return n;
    }
}
