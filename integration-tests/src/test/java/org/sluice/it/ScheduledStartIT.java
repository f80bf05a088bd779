package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scheduled starts through the API: a draft scheduled a few seconds ahead in a time zone starts by itself, once, and
 * mails everyone; a schedule that comes due after its latest start (as after an outage) is dropped with a note and
 * sends nothing; one whose start is refused (no recipients) says why; bad schedules are refused and change nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ScheduledStartIT {

    private static final int PORT_OFFSET = 100;
    private static final int SMTP_PORT = 3198;
    private static final String MTA = "scheduled-mta";
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    private static final GreenMail smtp = SmtpServerExtension.plainSmtp(SMTP_PORT);

    @RegisterExtension
    static final SmtpServerExtension SMTP_SERVER = SmtpServerExtension.startAndStop(smtp);

    private final SluiceRest operator = new SluiceRest(PORT_OFFSET, SluiceUsers.OPERATOR);
    private final SluiceRest admin = new SluiceRest(PORT_OFFSET, SluiceUsers.ADMIN);
    private final SluiceDatabase database = SluiceDatabase.suiteServer();

    @Deployment(testable = false)
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    @Test
    void aScheduledDraftStartsByItselfOnceAndAStaleRefusedOrBadScheduleSendsNothing() throws Exception {
        admin.putUnprobedMta(MTA, SMTP_PORT, 1);
        long due = campaign("scheduled", "scheduled-1@example.org", "scheduled-2@example.org");
        LocalDateTime startAt = LocalDateTime.now(SEOUL).plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
        JsonObject scheduled = json(schedule(due, "{\"startAt\":\"" + startAt + "\",\"timeZone\":\"Asia/Seoul\"}"));
        assertAll(
                () -> assertEquals("DRAFT", scheduled.getString("status")),
                () -> assertEquals("Asia/Seoul", scheduled.getString("scheduleZone")),
                () -> assertEquals(
                        startAt.atZone(SEOUL).toInstant(), Instant.parse(scheduled.getString("scheduledStart"))));

        // Stale: due a minute ago with a latest start half a minute ago, as if the server had been down.
        long stale = campaign("stale schedule", "stale-1@example.org");
        Instant now = Instant.now();
        database.update(
                "UPDATE campaign SET scheduled_start = ?, schedule_zone = 'UTC', schedule_not_after = ? WHERE id = ?",
                now.minusSeconds(60),
                now.minusSeconds(30),
                stale);
        // Refused when it comes due: no recipients.
        long empty = operator.createCampaign("scheduled empty", 10, 1, List.of(MTA), 60);
        assertEquals(
                200,
                schedule(empty, "{\"startAt\":\"" + startAt + "\",\"timeZone\":\"Asia/Seoul\"}")
                        .statusCode());

        // A draft is not running: wait for the schedule to start it and the run to end.
        JsonObject done = operator.awaitStatus(due, "COMPLETED", Duration.ofSeconds(60));
        assertEquals("COMPLETED", done.getString("status"));
        assertFalse(done.containsKey("scheduledStart"), "the schedule is used up: " + done);
        JsonObject staleNow = operator.awaitProgress(stale, p -> p.containsKey("scheduleNote"), Duration.ofSeconds(30));
        JsonObject emptyNow = operator.awaitProgress(empty, p -> p.containsKey("scheduleNote"), Duration.ofSeconds(30));
        assertAll(
                () -> assertEquals(2, received("scheduled-"), "each recipient mailed once"),
                () -> assertEquals("DRAFT", staleNow.getString("status")),
                () -> assertTrue(
                        staleNow.getString("scheduleNote").contains("latest start had passed"), staleNow.toString()),
                () -> assertEquals(0, received("stale-"), "a stale schedule sends nothing"),
                () -> assertEquals("DRAFT", emptyNow.getString("status")),
                () -> assertTrue(
                        emptyNow.getString("scheduleNote").contains("has no recipients"), emptyNow.toString()));
        List<String> actions = admin.auditActions(due);
        assertTrue(actions.containsAll(List.of("SCHEDULE", "START")), actions.toString());
        assertEquals(1, actions.stream().filter("START"::equals).count(), "started once: " + actions);

        // Refused, nothing changed: past start, unknown zone, latest before the start, not a date, a started campaign.
        long later = campaign("scheduled later", "later-1@example.org");
        String tomorrow = LocalDateTime.now(SEOUL)
                .plusDays(1)
                .truncatedTo(ChronoUnit.MINUTES)
                .toString();
        record Bad(long campaign, String body, int status, String detail) {}
        for (Bad bad : List.of(
                new Bad(later, "{\"startAt\":\"2020-01-01T09:00\",\"timeZone\":\"Asia/Seoul\"}", 422, "has passed"),
                new Bad(
                        later,
                        "{\"startAt\":\"" + tomorrow + "\",\"timeZone\":\"Mars/Olympus\"}",
                        422,
                        "not a time zone"),
                new Bad(
                        later,
                        "{\"startAt\":\"" + tomorrow + "\",\"timeZone\":\"UTC\",\"notAfter\":\"2020-01-01T00:00\"}",
                        422,
                        "must come after startAt"),
                new Bad(later, "{\"startAt\":\"tomorrow 9am\",\"timeZone\":\"UTC\"}", 400, "'startAt'"),
                new Bad(due, "{\"startAt\":\"" + tomorrow + "\",\"timeZone\":\"UTC\"}", 409, "never started"))) {
            HttpResponse<String> response = schedule(bad.campaign(), bad.body());
            assertEquals(bad.status(), response.statusCode(), bad + ": " + response.body());
            assertTrue(json(response).getString("detail").contains(bad.detail()), bad + ": " + response.body());
        }
        assertFalse(operator.progress(later).containsKey("scheduledStart"), "no bad schedule was kept");

        // Cancelled: the schedule is gone; cancelling again finds none.
        assertEquals(
                200,
                schedule(later, "{\"startAt\":\"" + tomorrow + "\",\"timeZone\":\"UTC\"}")
                        .statusCode());
        assertTrue(operator.progress(later).containsKey("scheduledStart"));
        assertEquals(
                204,
                operator.raw("DELETE", "campaigns/" + later + "/schedule", null, null)
                        .statusCode());
        assertFalse(operator.progress(later).containsKey("scheduledStart"));
        assertEquals(
                404,
                operator.raw("DELETE", "campaigns/" + later + "/schedule", null, null)
                        .statusCode());
    }

    private long campaign(String name, String... addresses) {
        long campaign = operator.createCampaign(name, 10, 1, List.of(MTA), 60);
        operator.importCsv(campaign, "email\n" + String.join("\n", addresses) + "\n");
        return campaign;
    }

    private HttpResponse<String> schedule(long campaign, String body) {
        return operator.raw("PUT", "campaigns/" + campaign + "/schedule", "application/json", body);
    }

    private static long received(String prefix) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().startsWith(prefix);
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                })
                .count();
    }

    private static JsonObject json(HttpResponse<String> response) {
        assertTrue(response.statusCode() < 500, response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
