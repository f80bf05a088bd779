package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The send-rate chart's data while a campaign runs: {@code GET /campaigns/{id}/rates} has points above zero before the
 * campaign ends, within a sample or two of its start, and they agree with the rate the SMTP server saw.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LiveSendRateIT {

    private static final int PORT_OFFSET = 100;
    private static final int SMTP_PORT = 3197;
    private static final int RECIPIENTS = 400;

    private static final CountingGreenMail smtp = new CountingGreenMail(SMTP_PORT);

    @RegisterExtension
    static final SmtpServerExtension SMTP_SERVER = SmtpServerExtension.startAndStop(smtp);

    private final SluiceRest sluice = new SluiceRest(PORT_OFFSET);

    @Deployment(testable = false)
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    @Test
    void theRateHasPointsWhileTheCampaignRunsAndTheyMatchWhatTheServerAccepted() throws Exception {
        sluice.putMta(
                "live-rate",
                Json.createObjectBuilder()
                        .add("host", "127.0.0.1")
                        .add("port", SMTP_PORT)
                        .add("maxConnections", 1)
                        .add("probeId", "")
                        .build());
        smtp.delayEachMessage(50); // at most 20 messages a second on one connection: 20 s or more in all
        long campaign = sluice.createCampaign("live rate", 10, 1, List.of("live-rate"), 600);
        sluice.importCsv(campaign, SampleCsv.recipients(RECIPIENTS));

        Instant started = Instant.now();
        sluice.send(campaign);
        List<Double> whileRunning = new ArrayList<>();
        Duration firstPointAfter = null;
        while (true) {
            JsonObject progress = sluice.progress(campaign);
            if (!progress.getBoolean("running")) {
                break;
            }
            assertTrue(Duration.between(started, Instant.now()).toMinutes() < 3, "the campaign ends within 3 min");
            List<Double> points = rates(campaign);
            if (progress.getJsonObject("counts").getInt("pending") > 0
                    && points.stream().anyMatch(r -> r > 0)) {
                whileRunning = points;
                if (firstPointAfter == null) {
                    firstPointAfter = Duration.between(started, Instant.now());
                }
            }
            Thread.sleep(250);
        }
        Duration took = Duration.between(started, Instant.now());
        assertEquals(RECIPIENTS, smtp.accepted(), "everyone mailed");
        assertTrue(firstPointAfter != null, "a point above zero while recipients were still pending");
        assertTrue(
                firstPointAfter.toSeconds() <= 12,
                "the first point within two samples (5 s each) of the start: " + firstPointAfter);
        double peak =
                whileRunning.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double average = RECIPIENTS / (took.toMillis() / 1000.0);
        assertTrue(
                peak > average * 0.5 && peak < 25,
                "the points (" + whileRunning + ") are about the rate the server accepted: " + average + "/s over "
                        + took);
    }

    private List<Double> rates(long campaign) {
        HttpResponse<String> response = sluice.raw("GET", "campaigns/" + campaign + "/rates", null, null);
        assertEquals(200, response.statusCode(), response.body());
        JsonArray points = Json.createReader(new StringReader(response.body())).readArray();
        return points.getValuesAs(JsonObject.class).stream()
                .map(p -> p.getJsonNumber("perSecond"))
                .map(JsonNumber::doubleValue)
                .toList();
    }
}
