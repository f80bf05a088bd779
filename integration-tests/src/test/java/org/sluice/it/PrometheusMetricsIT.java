package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sluice.testing.RefusingGreenMail;

/**
 * Sluice's metrics as Prometheus scrapes them: WildFly's micrometer subsystem on the management port
 * ({@code /prometheus}, configured by server/wildfly/configure-sluice.cli).
 */
@ExtendWith(ArquillianExtension.class)
class PrometheusMetricsIT {

    private static final int PORT_OFFSET = 100;
    private static final int SMTP_PORT = 3191;
    private static final String MTA = "metrics-mta";
    private static final URI SCRAPE = URI.create("http://127.0.0.1:10090/prometheus");

    private static final RefusingGreenMail smtp = new RefusingGreenMail(SMTP_PORT);

    @RegisterExtension
    static final SmtpServerExtension SMTP_SERVER = SmtpServerExtension.startAndStop(smtp);

    private final SluiceRest sluice = new SluiceRest(PORT_OFFSET);
    private final HttpClient http = HttpClient.newHttpClient();

    @Deployment(testable = false)
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    @Test
    void theScrapeCountsEachMtasSentAndFailedMessagesAndShowsItsAdmission() throws Exception {
        sluice.putUnprobedMta(MTA, SMTP_PORT, 2);
        // An address refused with 5.1.1 is suppressed on the whole suite server: one of this test's own.
        smtp.refuse(
                "metrics-gone@example.org",
                "550 5.1.1 <metrics-gone@example.org>: Recipient address rejected: User unknown");
        long campaign = sluice.createCampaign("metrics", 10, 2, List.of(MTA), 900);
        sluice.importCsv(campaign, SampleCsv.recipients(30) + "metrics-gone@example.org,Gone,G,Nowhere\n");
        sluice.send(campaign);
        JsonObject done = sluice.awaitFinished(campaign, Duration.ofMinutes(2));
        assertEquals("COMPLETED", done.getString("status"), done.toString());

        // Counted from the delivery records within two refreshes (5 s each).
        Map<String, Double> scrape = awaitSample("sluice_messages_total", Map.of("mta", MTA, "outcome", "sent"), 30.0);
        assertEquals(30.0, scrape.get(series("sluice_messages_total", Map.of("mta", MTA, "outcome", "sent"), scrape)));
        assertEquals(1.0, scrape.get(series("sluice_messages_total", Map.of("mta", MTA, "outcome", "failed"), scrape)));
        assertEquals(
                1.0, scrape.get(series("sluice_mta_admitted", Map.of("mta", MTA), scrape)), "unprobed: takes mail");
        // Other tests' campaigns share this server: the gauges agree with the API's list (refreshed every 5 s).
        gaugeAgreesWithTheList("sluice_campaigns_waiting_for_mta", "WAITING_FOR_MTA");
        gaugeAgreesWithTheList("sluice_campaigns_waiting_for_window", "WAITING_FOR_WINDOW");
        assertNotEquals("WAITING_FOR_MTA", sluice.campaign(campaign).getString("status"));
    }

    private void gaugeAgreesWithTheList(String gauge, String status) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        double waiting = sample(gauge);
        long listed = sluice.campaignsIn(status);
        while (waiting != listed && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            waiting = sample(gauge);
            listed = sluice.campaignsIn(status);
        }
        assertEquals(listed, waiting, gauge + ": the scrape and the API's list of " + status);
    }

    private double sample(String metric) throws Exception {
        Map<String, Double> scrape = scrape();
        return scrape.get(series(metric, Map.of(), scrape));
    }

    private Map<String, Double> awaitSample(String metric, Map<String, String> labels, double expected)
            throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        Map<String, Double> scrape = scrape();
        while (!Double.valueOf(expected).equals(find(metric, labels, scrape))
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            scrape = scrape();
        }
        return scrape;
    }

    /** The Prometheus text format: {@code name{label="value",...} number}, one series per line. */
    private Map<String, Double> scrape() throws Exception {
        HttpResponse<String> response =
                http.send(HttpRequest.newBuilder(SCRAPE).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body()
                .lines()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .collect(Collectors.toMap(
                        l -> l.substring(0, l.lastIndexOf(' ')),
                        l -> Double.valueOf(l.substring(l.lastIndexOf(' ') + 1)),
                        (a, b) -> b));
    }

    private static Double find(String metric, Map<String, String> labels, Map<String, Double> scrape) {
        String key = seriesOrNull(metric, labels, scrape);
        return key == null ? null : scrape.get(key);
    }

    private static String series(String metric, Map<String, String> labels, Map<String, Double> scrape) {
        String key = seriesOrNull(metric, labels, scrape);
        if (key == null) {
            throw new AssertionError("no " + metric + " " + labels + " in the scrape; sluice series: "
                    + scrape.keySet().stream()
                            .filter(k -> k.startsWith("sluice_"))
                            .toList());
        }
        return key;
    }

    private static String seriesOrNull(String metric, Map<String, String> labels, Map<String, Double> scrape) {
        return scrape.keySet().stream()
                .filter(k -> k.equals(metric) || k.startsWith(metric + "{"))
                .filter(k ->
                        labels.entrySet().stream().allMatch(l -> k.contains(l.getKey() + "=\"" + l.getValue() + "\"")))
                .findFirst()
                .orElse(null);
    }
}
