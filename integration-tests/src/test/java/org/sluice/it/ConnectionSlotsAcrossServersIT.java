package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sluice.testing.RefusingGreenMail;

/**
 * On PostgreSQL an MTA's connection slots are locks in the database, so the Sluice servers sharing it (a cluster's
 * nodes) count one another's SMTP connections. The other server here is a database session of the test's that holds
 * slot 0 of the MTA, as another node's session does while it keeps a connection open; closing the session is what a
 * node that dies does. On embedded H2 (one server only) the same campaign uses both connections at once.
 */
@ExtendWith(ArquillianExtension.class)
class ConnectionSlotsAcrossServersIT {

    private static final int PORT_OFFSET = 100;
    private static final int SMTP_PORT = 3290;
    private static final int RECIPIENTS = 600;
    /** AdvisorySlotLocks.SLOTS: the second key of slot 0. */
    private static final int FIRST_SLOT = 0x534C0000;

    private static final RefusingGreenMail smtp = new RefusingGreenMail(SMTP_PORT);

    @RegisterExtension
    static final SmtpServerExtension SMTP_SERVER = SmtpServerExtension.startAndStop(smtp);

    private final SluiceRest sluice = new SluiceRest(PORT_OFFSET);
    private final SluiceDatabase database = SluiceDatabase.suiteServer();

    @Deployment(name = "sluice", testable = false)
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    @Test
    void aConnectionAnotherServerHoldsCountsAgainstTheLimitUntilItsSessionEnds() throws Exception {
        long mtaId = sluice.putMta(
                        "slots",
                        Json.createObjectBuilder()
                                .add("host", "127.0.0.1")
                                .add("port", SMTP_PORT)
                                .add("maxConnections", 2)
                                .add("probeId", "")
                                .build())
                .getJsonNumber("id")
                .longValue();
        smtp.delayEachMessage(20); // 300 per partition: 6 s or more each
        long campaign = sluice.createCampaign("slots", 10, 2, List.of("slots"), 600);
        JsonObject imported = sluice.importCsv(campaign, SampleCsv.recipients(RECIPIENTS));
        assertEquals(RECIPIENTS, imported.getJsonObject("counts").getInt("imported"), imported.toString());

        if (database.isH2()) {
            // Embedded H2 serves this one server, which counts its own connections: nothing outside holds a slot, and
            // the campaign's two partitions connect at once.
            sluice.send(campaign);
            assertEquals(
                    "COMPLETED",
                    sluice.awaitFinished(campaign, Duration.ofMinutes(2)).getString("status"));
            assertEquals(2, smtp.maxConcurrentConnections(), "both partitions sent at once");
            SentMail.assertEveryRecipientExactlyOnce(campaign, RECIPIENTS, smtp);
            assertEquals(0, sluice.mtaStatus().get("slots").getInt("connectionsInUse"), "every slot given back");
            return;
        }
        int inUseWhileHeld = 0;
        int peakWhileHeld;
        try (Connection otherServer = database.openSession()) {
            assertTrue(lock(otherServer, mtaId, 0), "slot 0 was free");
            sluice.send(campaign);
            Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
            while (sent(campaign) < 60) {
                assertTrue(Instant.now().isBefore(deadline), "the campaign sends over the slot left to it");
                inUseWhileHeld =
                        Math.max(inUseWhileHeld, sluice.mtaStatus().get("slots").getInt("connectionsInUse"));
                Thread.sleep(100);
            }
            peakWhileHeld = smtp.maxConcurrentConnections();
        }

        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (sluice.progress(campaign).getBoolean("running")) {
            assertTrue(Instant.now().isBefore(deadline), "the campaign finishes within 2 minutes");
            Thread.sleep(100);
        }
        assertEquals("COMPLETED", sluice.progress(campaign).getString("status"));
        assertEquals(1, peakWhileHeld, "one connection while the other server held a slot");
        assertEquals(2, inUseWhileHeld, "GET /mtas/status counted the other server's connection");
        assertEquals(2, smtp.maxConcurrentConnections(), "both partitions sent once the other server's session ended");
        SentMail.assertEveryRecipientExactlyOnce(campaign, RECIPIENTS, smtp);
        assertEquals(0, sluice.mtaStatus().get("slots").getInt("connectionsInUse"), "every slot given back");
        try (Connection after = database.openSession()) {
            assertTrue(lock(after, mtaId, 0) && lock(after, mtaId, 1), "Sluice holds no slot once it is done");
        }
    }

    private static boolean lock(Connection session, long mtaId, int slot) throws Exception {
        try (PreparedStatement lock = session.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            lock.setInt(1, Math.toIntExact(mtaId));
            lock.setInt(2, FIRST_SLOT + slot);
            try (ResultSet rows = lock.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    private int sent(long campaign) {
        return sluice.progress(campaign).getJsonObject("counts").getInt("sent");
    }
}
