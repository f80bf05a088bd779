package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sluice.testing.RefusingGreenMail;

/**
 * The WildFly server is restarted while a campaign is being sent; after the restart the campaign is restarted
 * and every recipient has exactly one message. A second campaign's scheduled start comes due while the server is
 * down: it starts by itself once the server is back, and mails each of its recipients once. A third campaign waits
 * for its sending window over the restart, and the window opens while the server is down: it resumes once the server
 * is back, and mails each of its recipients once. Runs on its own server (manual mode) that the test stops and starts,
 * with the JDBC job repository and Sluice's database on disk in between.
 */
@ExtendWith(ArquillianExtension.class)
class ServerRestartIT {

    private static final String SERVER = "wildfly-restartable";
    private static final String DEPLOYMENT = "sluice";
    private static final int PORT_OFFSET = 200;
    private static final int SMTP_PORT = 3026;
    private static final int RECIPIENTS = 3000;

    @ArquillianResource
    private ContainerController server;

    @ArquillianResource
    private Deployer deployer;

    private final RefusingGreenMail smtp = new RefusingGreenMail(SMTP_PORT);

    @RegisterExtension
    final SmtpServerExtension smtpServer = SmtpServerExtension.startAndStop(smtp);

    private final SluiceRest sluice = new SluiceRest(PORT_OFFSET);
    private final SluiceDatabase database = SluiceDatabase.restartServer();

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(SERVER)
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    @BeforeEach
    void startServer() {
        smtp.delayEachMessage(5); // a few seconds of sending: time to restart the server mid-campaign
        server.start(SERVER);
        deployer.deploy(DEPLOYMENT);
    }

    @AfterEach
    void stopServer() {
        if (server.isStarted(SERVER)) {
            deployer.undeploy(DEPLOYMENT);
            server.stop(SERVER);
        }
    }

    /**
     * What an admin's graceful shutdown does ({@code shutdown --suspend-timeout=60}): suspend first, which
     * stops running batch jobs at the end of their current chunk, then stop the process.
     */
    private static void suspendGracefully() throws Exception {
        String cli = System.getProperty("jboss.home") + "/bin/jboss-cli.sh";
        Process process = new ProcessBuilder(
                        cli,
                        "--connect",
                        "--controller=127.0.0.1:" + (9990 + PORT_OFFSET),
                        "--command=:suspend(suspend-timeout=60)")
                .inheritIO()
                .start();
        assertEquals(0, process.waitFor(), "jboss-cli :suspend");
    }

    @Test
    void serverRestartedMidCampaignThenCampaignRestartedMailsEveryRecipientExactlyOnce() throws Exception {
        long campaign = sluice.createCampaign(
                "server restart", "Hello {{first_name}}", "Hi {{name}}", "<p>Hi {{name}}</p>", 20, 2);
        sluice.importCsv(campaign, SampleCsv.recipients(RECIPIENTS));
        // A draft whose scheduled start comes due while the server is down.
        long scheduled = sluice.createCampaign(
                "scheduled over a restart", "Hello {{first_name}}", "Hi {{name}}", "<p>Hi {{name}}</p>", 20, 1);
        sluice.importCsv(
                scheduled,
                "email,name,first_name\nrestart-1@scheduled.example.org,A,A\nrestart-2@scheduled.example.org,B,B\n"
                        + "restart-3@scheduled.example.org,C,C\n");
        // A campaign waiting for its sending window (every day, opening in two hours) when the server stops.
        long windowed = sluice.createCampaign(
                "window over a restart", "Hello {{first_name}}", "Hi {{name}}", "<p>Hi {{name}}</p>", 20, 1);
        sluice.importCsv(
                windowed,
                "email,name,first_name\nrestart-1@window.example.org,A,A\nrestart-2@window.example.org,B,B\n"
                        + "restart-3@window.example.org,C,C\n");
        java.time.LocalTime now = java.time.LocalTime.now(java.time.ZoneOffset.UTC);
        java.time.format.DateTimeFormatter hours = java.time.format.DateTimeFormatter.ofPattern("HH:mm");
        assertEquals(
                200,
                sluice.raw(
                                "PUT",
                                "campaigns/" + windowed + "/sending-window",
                                "application/json",
                                "{\"days\":[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\",\"SAT\",\"SUN\"],\"from\":\""
                                        + hours.format(now.plusHours(2)) + "\",\"until\":\""
                                        + hours.format(now.plusHours(3)) + "\",\"timeZone\":\"UTC\"}")
                        .statusCode());
        sluice.send(windowed);
        sluice.awaitStatus(windowed, "WAITING_FOR_WINDOW", Duration.ofSeconds(30));
        sluice.send(campaign);
        sluice.awaitSentAtLeast(campaign, 300, Duration.ofMinutes(1));

        suspendGracefully();
        server.stop(SERVER);
        long sentBeforeRestart = database.recipients(campaign).values().stream()
                .filter(r -> r.state().equals("SENT"))
                .count();
        assertTrue(
                sentBeforeRestart < RECIPIENTS, "the server stopped before the campaign ended: " + sentBeforeRestart);
        assertEquals(sentBeforeRestart, smtp.getReceivedMessages().length, "every SENT row was received, nothing more");

        // Scheduled for a moment that passes while the server is down (no latest start): it starts once it is back.
        database.update(
                "UPDATE campaign SET scheduled_start = ?, schedule_zone = 'UTC' WHERE id = ?",
                java.time.Instant.now().minusSeconds(1),
                scheduled);
        // The window opens while the server is down.
        database.update(
                "UPDATE campaign SET window_from = ?, window_until = ? WHERE id = ?",
                hours.format(java.time.LocalTime.now(java.time.ZoneOffset.UTC).minusHours(1)),
                hours.format(java.time.LocalTime.now(java.time.ZoneOffset.UTC).plusHours(1)),
                windowed);
        server.start(SERVER);
        sluice.restart(campaign);
        JsonObject done = sluice.awaitFinished(campaign, Duration.ofMinutes(3));

        assertEquals("COMPLETED", done.getString("batchStatus"), done.toString());
        assertEquals(RECIPIENTS, done.getJsonObject("counts").getInt("sent"));
        JsonObject scheduledDone = sluice.awaitStatus(scheduled, "COMPLETED", Duration.ofMinutes(1));
        assertEquals("COMPLETED", scheduledDone.getString("status"), "started by its schedule after the restart");
        assertEquals(3, scheduledDone.getJsonObject("counts").getInt("sent"));
        JsonObject windowedDone = sluice.awaitStatus(windowed, "COMPLETED", Duration.ofMinutes(1));
        assertEquals(3, windowedDone.getJsonObject("counts").getInt("sent"), "resumed in its window after the restart");
        CampaignSendIT.receivedExactlyOnceEach(smtp, RECIPIENTS + 6);
        assertTrue(
                database.recipients(campaign).values().stream()
                                .allMatch(r -> r.state().equals("SENT") && r.attempts() == 1)
                        && database.recipients(scheduled).values().stream()
                                .allMatch(r -> r.state().equals("SENT") && r.attempts() == 1)
                        && database.recipients(windowed).values().stream()
                                .allMatch(r -> r.state().equals("SENT") && r.attempts() == 1),
                "every recipient SENT with one attempt");
    }
}
