package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sluice.testing.RefusingGreenMail;

/**
 * An MTA's maxConnections holds across campaigns: two campaigns that may each open two connections share one MTA
 * that allows two, at the same time, with every message slow enough that they overlap.
 */
@ExtendWith(ArquillianExtension.class)
class ConnectionLimitAcrossCampaignsIT {

    private static final int PORT_OFFSET = 100;
    private static final int SMTP_PORT = 3180;
    private static final int RECIPIENTS = 300;

    private static final RefusingGreenMail smtp = new RefusingGreenMail(SMTP_PORT);

    @RegisterExtension
    static final SmtpServerExtension SMTP_SERVER = SmtpServerExtension.startAndStop(smtp);

    private final SluiceRest sluice = new SluiceRest(PORT_OFFSET);

    @Deployment(name = "sluice", testable = false)
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    @Test
    void twoCampaignsOnOneMtaNeverOpenMoreConnectionsThanItAllowsAndBothMailEveryoneOnce() throws Exception {
        // No probe: used without load control, so only the connection limit holds the campaigns back.
        sluice.putMta(
                "shared",
                Json.createObjectBuilder()
                        .add("host", "127.0.0.1")
                        .add("port", SMTP_PORT)
                        .add("maxConnections", 2)
                        .add("probeId", "")
                        .build());
        smtp.delayEachMessage(20); // 150 per partition: 3 s or more each
        long first = campaign("shared-1");
        long second = campaign("shared-2");

        sluice.send(first);
        sluice.send(second);
        List<String> waitingReasons = new ArrayList<>();
        int mostInUse = 0;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (running(first) || running(second)) {
            assertTrue(Instant.now().isBefore(deadline), "both campaigns finish within 3 minutes");
            for (long campaign : List.of(first, second)) {
                JsonObject p = sluice.progress(campaign);
                if (p.getString("status").equals("WAITING_FOR_MTA") && p.get("waitingReason") instanceof JsonString r) {
                    waitingReasons.add(r.getString());
                }
            }
            JsonObject status = sluice.mtaStatus().get("shared");
            assertEquals(2, status.getInt("maxConnections"), status.toString());
            mostInUse = Math.max(mostInUse, status.getInt("connectionsInUse"));
            Thread.sleep(100);
        }

        assertEquals("COMPLETED", sluice.progress(first).getString("status"));
        assertEquals("COMPLETED", sluice.progress(second).getString("status"));
        assertEquals(2, smtp.maxConcurrentConnections(), "the MTA never saw more than its 2 connections at once");
        assertEquals(2, mostInUse, "GET /mtas/status showed the connections in use");
        String why = "shared: AT_CONNECTION_LIMIT (2 of 2 connections in use by other campaigns)";
        assertTrue(
                waitingReasons.stream().anyMatch(r -> r.contains(why)),
                "a partition waited for a connection, saying why: " + waitingReasons);
        SentMail.assertEveryRecipientExactlyOnce(first, RECIPIENTS, smtp);
        SentMail.assertEveryRecipientExactlyOnce(second, RECIPIENTS, smtp);
        assertEquals(0, sluice.mtaStatus().get("shared").getInt("connectionsInUse"), "every permit given back");
    }

    private long campaign(String name) {
        long campaign = sluice.createCampaign(name, 10, 2, List.of("shared"), 600);
        JsonObject imported = sluice.importCsv(campaign, SampleCsv.recipients(RECIPIENTS));
        assertEquals(RECIPIENTS, imported.getJsonObject("counts").getInt("imported"), imported.toString());
        return campaign;
    }

    private boolean running(long campaign) {
        return sluice.progress(campaign).getBoolean("running");
    }
}
