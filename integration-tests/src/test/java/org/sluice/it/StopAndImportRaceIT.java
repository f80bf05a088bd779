package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stop stops within about a second, and an import and a send of one campaign never overlap: what the operator sees
 * at the SMTP server (messages per address, and when they arrived) and in the database (rows and their states).
 */
@ExtendWith(ArquillianExtension.class)
class StopAndImportRaceIT {

    private static final int PORT_OFFSET = 100;
    private static final int SMTP_PORT = 3150;
    private static final String MTA = "stop-race-sink";
    /** Two partitions, each with one connection to the one MTA. */
    private static final int CONNECTIONS = 2;

    private static final CountingGreenMail smtp = new CountingGreenMail(SMTP_PORT);

    @RegisterExtension
    static final SmtpServerExtension SMTP_SERVER = SmtpServerExtension.startAndStop(smtp);

    private final SluiceRest sluice = new SluiceRest(PORT_OFFSET);
    private final SluiceDatabase database = SluiceDatabase.suiteServer();

    @Deployment(testable = false)
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    @BeforeEach
    void forgetMessages() {
        smtp.forget();
        smtp.delayEachMessage(0);
        sluice.putMta(
                MTA,
                Json.createObjectBuilder()
                        .add("host", "127.0.0.1")
                        .add("port", SMTP_PORT)
                        .add("maxConnections", 4)
                        .build());
    }

    @Test
    void noSmtpTransactionStartsMoreThanASecondAfterStopAndRestartMailsEveryoneOnce() throws Exception {
        int recipients = 3000;
        smtp.delayEachMessage(20); // a slow MTA: 2 connections, about 100 messages a second
        long campaign = sluice.createCampaign("stop within a second", 500, CONNECTIONS, List.of(MTA), 900);
        assertEquals(
                recipients,
                sluice.importCsv(campaign, SampleCsv.recipients(recipients))
                        .getJsonObject("counts")
                        .getInt("imported"));

        sluice.send(campaign);
        awaitAccepted(700, Duration.ofMinutes(1));
        sluice.stop(campaign);
        long stopAnswered = System.nanoTime();
        JsonObject stopped = sluice.awaitFinished(campaign, Duration.ofSeconds(30));
        double secondsToStopped = (System.nanoTime() - stopAnswered) / 1e9;

        assertEquals("STOPPED", stopped.getString("batchStatus"), stopped.toString());
        assertEquals("STOPPED", stopped.getString("status"));
        Thread.sleep(500); // anything still on its way would land now
        List<CountingGreenMail.Delivery> beforeRestart = smtp.deliveries();
        long late = beforeRestart.stream()
                .filter(d -> d.acceptedNanos() - stopAnswered > TimeUnit.MILLISECONDS.toNanos(1500))
                .count();
        System.out.printf(
                "StopAndImportRaceIT: %d messages when stopped (%.2f s after the stop answer), %d of them "
                        + "more than 1.5 s after it%n",
                beforeRestart.size(), secondsToStopped, late);
        assertTrue(late <= CONNECTIONS, late + " messages arrived more than 1.5 s after the stop was answered");
        JsonObject counts = stopped.getJsonObject("counts");
        assertEquals(
                beforeRestart.size(), counts.getInt("sent"), "every message received has its outcome, nothing more");
        assertEquals(recipients - beforeRestart.size(), counts.getInt("pending"), "the unsent rest stays PENDING");
        database.assertCountsEqualARecount(campaign);

        smtp.delayEachMessage(0);
        sluice.restart(campaign);
        JsonObject done = sluice.awaitFinished(campaign, Duration.ofMinutes(2));

        assertEquals("COMPLETED", done.getString("batchStatus"), done.toString());
        assertEveryoneMailedExactlyOnce(campaign, recipients);
    }

    @Test
    void sendStartedWhileALargeImportRunsIsRefusedAndEveryoneImportedIsMailedOnce() throws Exception {
        int recipients = 30_000;
        long campaign = sluice.createCampaign("import and send race", 500, CONNECTIONS, List.of(MTA), 900);
        String csv = SampleCsv.recipients(recipients);

        CompletableFuture<HttpResponse<String>> upload = CompletableFuture.supplyAsync(
                () -> sluice.raw("POST", "campaigns/" + campaign + "/recipients", "text/csv", csv));
        Thread.sleep(250);
        HttpResponse<String> early = sluice.raw("POST", "campaigns/" + campaign + "/send", null, null);
        HttpResponse<String> uploaded = upload.get(60, TimeUnit.SECONDS);
        assertEquals(202, uploaded.statusCode(), uploaded.body());
        long importExecution = json(uploaded).getJsonNumber("executionId").longValue();
        HttpResponse<String> afterUpload = sluice.raw("POST", "campaigns/" + campaign + "/send", null, null);

        // Before the upload reached the server the campaign had nobody to mail; after it, an import was running.
        assertEquals(409, early.statusCode(), early.body());
        assertTrue(
                error(early).contains("importing recipients") || error(early).contains("has no recipients"),
                error(early));
        assertEquals(409, afterUpload.statusCode(), afterUpload.body());
        assertEquals(
                "campaign " + campaign + " is importing recipients (job execution " + importExecution
                        + "): start it once the import has ended",
                error(afterUpload));
        JsonObject imported = awaitImport(campaign, importExecution);
        assertEquals("COMPLETED", imported.getString("batchStatus"), imported.toString());
        assertEquals(recipients, imported.getJsonObject("counts").getInt("imported"));
        assertEquals(0, smtp.accepted(), "nothing was sent while importing");
        assertEquals(
                recipients, sluice.progress(campaign).getJsonObject("counts").getInt("pending"));
        database.assertCountsEqualARecount(campaign);

        sluice.send(campaign);
        HttpResponse<String> lateImport = sluice.raw(
                "POST",
                "campaigns/" + campaign + "/recipients",
                "text/csv",
                SampleCsv.HEADER + "late@example.org,Late,L,Later\n");
        assertEquals(409, lateImport.statusCode(), lateImport.body());
        assertTrue(error(lateImport).contains("recipients can only be imported before it is sent"), error(lateImport));
        sluice.awaitSentAtLeast(campaign, 5000, Duration.ofMinutes(2));
        sluice.stop(campaign);
        assertEquals(
                "STOPPED",
                sluice.awaitFinished(campaign, Duration.ofSeconds(30)).getString("batchStatus"));
        sluice.restart(campaign);
        JsonObject done = sluice.awaitFinished(campaign, Duration.ofMinutes(5));

        assertEquals("COMPLETED", done.getString("batchStatus"), done.toString());
        assertEquals("COMPLETED", done.getString("status"));
        assertEveryoneMailedExactlyOnce(campaign, recipients);
        assertEquals(null, database.recipients(campaign).get("late@example.org"), "the refused import stored nobody");
    }

    private void assertEveryoneMailedExactlyOnce(long campaign, int recipients) {
        Map<String, Long> received = smtp.deliveries().stream()
                .collect(Collectors.groupingBy(CountingGreenMail.Delivery::recipient, Collectors.counting()));
        List<String> twice = received.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey)
                .toList();
        assertEquals(List.of(), twice, "recipients mailed more than once");
        Map<String, Long> expected = IntStream.range(0, recipients)
                .mapToObj(SampleCsv::address)
                .collect(Collectors.toMap(Function.identity(), a -> 1L));
        assertEquals(expected.keySet(), received.keySet(), "everyone imported was mailed");
        Map<String, SluiceDatabase.RecipientRow> rows = database.recipients(campaign);
        assertEquals(recipients, rows.size(), "recipient rows");
        Map<String, Long> states = rows.values().stream()
                .collect(Collectors.groupingBy(SluiceDatabase.RecipientRow::state, Collectors.counting()));
        assertEquals(Map.of("SENT", (long) recipients), states);
        database.assertCountsEqualARecount(campaign);
    }

    private void awaitAccepted(int messages, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (smtp.accepted() < messages) {
            assertTrue(System.nanoTime() < deadline, "only " + smtp.accepted() + " messages after " + timeout);
            Thread.sleep(20);
        }
    }

    private JsonObject awaitImport(long campaign, long execution) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (true) {
            JsonObject progress =
                    json(sluice.raw("GET", "campaigns/" + campaign + "/imports/" + execution, null, null));
            String status = progress.getString("batchStatus");
            if (!status.equals("STARTING") && !status.equals("STARTED") && !status.equals("STOPPING")) {
                return progress;
            }
            assertTrue(System.nanoTime() < deadline, "import still running: " + progress);
            Thread.sleep(200);
        }
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static String error(HttpResponse<String> response) {
        return json(response).getString("detail");
    }
}
