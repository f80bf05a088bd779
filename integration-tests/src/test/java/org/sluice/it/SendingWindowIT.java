package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sending windows through the API, against a real SMTP server: a campaign started outside its window sends nothing
 * and waits, then mails everyone once when its window opens; a send under way stops at its checkpoints when the
 * window closes and resumes, with no one mailed twice, when the window is removed; a campaign stopped while waiting
 * stays stopped; bad windows are refused with their reason and change nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SendingWindowIT {

    private static final int PORT_OFFSET = 100;
    private static final int SMTP_PORT = 3201;
    private static final String MTA = "window-mta";
    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm");
    private static final String ALL_DAYS = "[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\",\"SAT\",\"SUN\"]";

    private static final CountingGreenMail smtp = new CountingGreenMail(SMTP_PORT);

    @RegisterExtension
    static final SmtpServerExtension SMTP_SERVER = SmtpServerExtension.startAndStop(smtp);

    private final SluiceRest operator = new SluiceRest(PORT_OFFSET, SluiceUsers.OPERATOR);
    private final SluiceRest viewer = new SluiceRest(PORT_OFFSET, SluiceUsers.VIEWER);
    private final SluiceRest admin = new SluiceRest(PORT_OFFSET, SluiceUsers.ADMIN);

    @Deployment(testable = false)
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    @Test
    void aCampaignStartedOutsideItsWindowWaitsThenMailsEveryoneOnceWhenItOpens() {
        admin.putUnprobedMta(MTA, SMTP_PORT, 2);
        long campaign = campaign("window closed at start", "closed", 20, 10, 1);
        JsonObject set = window(campaign, closedNow());
        assertAll(
                () -> assertEquals(200, set.getInt("status", 200)),
                () -> assertFalse(set.getJsonObject("sendingWindow").getBoolean("open"), set.toString()),
                () -> assertTrue(set.getJsonObject("sendingWindow").containsKey("opensAt"), set.toString()));

        operator.send(campaign);
        JsonObject waiting = operator.awaitStatus(campaign, "WAITING_FOR_WINDOW", Duration.ofSeconds(30));
        assertAll(
                () -> assertEquals("STOPPED", waiting.getString("batchStatus")),
                () -> assertEquals("OUTSIDE_SENDING_WINDOW", waiting.getString("exitStatus")),
                () -> assertTrue(waiting.getString("waitingReason").contains("sending resumes at"), waiting.toString()),
                () -> assertFalse(waiting.getBoolean("running")),
                () -> assertEquals(0, received("closed-").size(), "nothing is sent outside the window"));

        window(campaign, openNow());
        JsonObject done = operator.awaitStatus(campaign, "COMPLETED", Duration.ofSeconds(90));
        assertEquals(20, done.getJsonObject("counts").getInt("sent"));
        Map<String, Long> received = received("closed-");
        assertEquals(20, received.size(), "everyone mailed: " + received.keySet());
        assertTrue(received.values().stream().allMatch(n -> n == 1), "no one twice: " + received);
        List<String> actions = admin.auditActions(campaign);
        assertTrue(
                actions.containsAll(List.of("SENDING_WINDOW", "START", "WINDOW_OPENED", "RESTART")),
                actions.toString());
    }

    @Test
    void aSendUnderWayStopsWhenItsWindowClosesAndResumesWithNoOneMailedTwice() {
        admin.putUnprobedMta(MTA, SMTP_PORT, 2);
        int recipients = 400;
        long campaign = campaign("window closes mid-send", "midsend", recipients, 10, 1);
        smtp.delayEachMessage(40); // about 25 messages a second: the run lasts long enough to be cut
        try {
            operator.send(campaign);
            operator.awaitSentAtLeast(campaign, 30, Duration.ofSeconds(60));
            window(campaign, closedNow());
            JsonObject waiting = operator.awaitStatus(campaign, "WAITING_FOR_WINDOW", Duration.ofSeconds(40));
            long sentWhenStopped = waiting.getJsonObject("counts").getInt("sent");
            int acceptedWhenStopped = received("midsend-").size();
            assertAll(
                    () -> assertEquals("STOPPED", waiting.getString("batchStatus")),
                    () -> assertTrue(sentWhenStopped < recipients, "stopped before the end: " + waiting),
                    () -> assertEquals(sentWhenStopped, acceptedWhenStopped, "the counts are the SMTP server's"));

            sleep(Duration.ofSeconds(12)); // the watch looks every 10 s: it must not resume a closed window
            JsonObject stillWaiting = operator.progress(campaign);
            assertEquals("WAITING_FOR_WINDOW", stillWaiting.getString("status"));
            assertEquals(acceptedWhenStopped, received("midsend-").size(), "nothing sent while the window is closed");

            smtp.delayEachMessage(0);
            assertEquals(
                    204,
                    operator.raw("DELETE", "campaigns/" + campaign + "/sending-window", null, null)
                            .statusCode());
            JsonObject done = operator.awaitStatus(campaign, "COMPLETED", Duration.ofSeconds(120));
            assertFalse(done.containsKey("sendingWindow"), done.toString());
            Map<String, Long> received = received("midsend-");
            assertEquals(recipients, received.size(), "everyone mailed");
            assertTrue(received.values().stream().allMatch(n -> n == 1), "no one twice");
            assertEquals(recipients, done.getJsonObject("counts").getInt("sent"));
            List<String> actions = admin.auditActions(campaign);
            assertTrue(actions.containsAll(List.of("WINDOW_CLOSED", "WINDOW_OPENED")), actions.toString());
        } finally {
            smtp.delayEachMessage(0);
        }
    }

    @Test
    void aCampaignStoppedWhileWaitingStaysStoppedAndBadWindowsChangeNothing() {
        admin.putUnprobedMta(MTA, SMTP_PORT, 2);
        long campaign = campaign("window stopped while waiting", "stopped", 5, 10, 1);
        String closed = closedNow();
        window(campaign, closed);
        operator.send(campaign);
        operator.awaitStatus(campaign, "WAITING_FOR_WINDOW", Duration.ofSeconds(30));
        operator.stop(campaign);
        assertEquals("STOPPED", operator.progress(campaign).getString("status"));
        window(campaign, openNow());
        sleep(Duration.ofSeconds(12));
        JsonObject stopped = operator.progress(campaign);
        assertEquals("STOPPED", stopped.getString("status"), "an operator's stop outlasts the window");
        assertEquals(0, received("stopped-").size());

        JsonObject before = operator.progress(campaign).getJsonObject("sendingWindow");
        record Bad(SluiceRest caller, String body, int status, String detail) {}
        for (Bad bad : List.of(
                new Bad(operator, body("[\"MON\",\"Funday\\r\\nX: y\"]", "08:00", "20:00", "UTC"), 422, "Funday??X: y"),
                new Bad(operator, body(ALL_DAYS, "25:00", "20:00", "UTC"), 422, "from '25:00'"),
                new Bad(operator, body(ALL_DAYS, "08:00", "20:00", "../../etc/passwd"), 422, "not a time zone"),
                new Bad(operator, body("[]", "08:00", "20:00", "UTC"), 422, "give the days"),
                new Bad(operator, "{\"days\": [\"MON\"", 400, ""),
                new Bad(viewer, body(ALL_DAYS, "08:00", "20:00", "UTC"), 403, ""))) {
            HttpResponse<String> response = bad.caller()
                    .raw("PUT", "campaigns/" + campaign + "/sending-window", "application/json", bad.body());
            assertEquals(bad.status(), response.statusCode(), bad + ": " + response.body());
            assertTrue(response.body().contains(bad.detail()), bad + ": " + response.body());
        }
        assertEquals(before, operator.progress(campaign).getJsonObject("sendingWindow"), "no bad window was kept");
        assertEquals(
                404,
                operator.raw("DELETE", "campaigns/999999/sending-window", null, null)
                        .statusCode());
    }

    /** A window over every day that is open now (an hour either side; overnight when that crosses midnight). */
    private static String openNow() {
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        return body(ALL_DAYS, HOURS.format(now.minusHours(1)), HOURS.format(now.plusHours(1)), "UTC");
    }

    /** A window over every day that opens in two hours. */
    private static String closedNow() {
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        return body(ALL_DAYS, HOURS.format(now.plusHours(2)), HOURS.format(now.plusHours(3)), "UTC");
    }

    private static String body(String days, String from, String until, String zone) {
        return "{\"days\":" + days + ",\"from\":\"" + from + "\",\"until\":\"" + until + "\",\"timeZone\":\"" + zone
                + "\"}";
    }

    private JsonObject window(long campaign, String body) {
        HttpResponse<String> response =
                operator.raw("PUT", "campaigns/" + campaign + "/sending-window", "application/json", body);
        assertEquals(200, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private long campaign(String name, String prefix, int recipients, int chunkSize, int connections) {
        long campaign = operator.createCampaign(name, chunkSize, connections, List.of(MTA), 60);
        String rows = IntStream.rangeClosed(1, recipients)
                .mapToObj(i -> prefix + "-" + i + "@example.org,Reader " + i)
                .collect(Collectors.joining("\n"));
        operator.importCsv(campaign, "email,name\n" + rows + "\n");
        return campaign;
    }

    /** Messages accepted per envelope recipient whose address starts with {@code prefix}. */
    private static Map<String, Long> received(String prefix) {
        return smtp.deliveries().stream()
                .map(CountingGreenMail.Delivery::recipient)
                .filter(r -> r.startsWith(prefix))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
