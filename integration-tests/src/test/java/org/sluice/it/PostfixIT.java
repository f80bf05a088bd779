package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sluice.testing.PrivatePostfix;
import org.sluice.testing.RefusingGreenMail;

/**
 * Sluice against a real Postfix (Debian's package, a private instance on loopback) relaying to a sink this test
 * starts and stops, with the probe reading Postfix's real spool. With the sink down Postfix's queue grows until
 * Sluice stops admitting; with the sink back the queue drains, sending resumes, and every recipient arrives once.
 */
@ExtendWith(ArquillianExtension.class)
class PostfixIT {

    private static final int POSTFIX_PORT = 2597;
    private static final int SINK_PORT = 3037;
    private static final Path POSTFIX_DIR = Path.of("target", "postfix-it").toAbsolutePath();
    private static final int MAX_QUEUE = 100;
    private static final int CHUNK = 20;
    private static final int RECIPIENTS = 500;

    private final SluiceRest sluice = new SluiceRest(100);

    @Deployment(name = "sluice", order = 1, testable = false)
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    @Deployment(name = "probe-postfix", order = 2, testable = false)
    static WebArchive probe() {
        return Deployments.probeWar(
                "postfix-it",
                Map.of(
                        "sluice.probe.queue-reader", "postfix",
                        "sluice.probe.postfix-queue-directory",
                                POSTFIX_DIR.resolve("queue").toString(),
                        "sluice.probe.refresh-millis", "200"));
    }

    @Test
    void postfixsQueueStopsAdmissionWhileItsRelayIsDownAndTheCampaignCompletesWhenItIsBack() throws Exception {
        try (PrivatePostfix postfix = PrivatePostfix.start(POSTFIX_DIR, POSTFIX_PORT, SINK_PORT)) {
            sluice.putMta(
                    "postfix",
                    Json.createObjectBuilder()
                            .add("host", "127.0.0.1")
                            .add("port", POSTFIX_PORT)
                            .add("probeId", "postfix-it")
                            .add("maxConnections", 4)
                            .add("maxQueueDepth", MAX_QUEUE)
                            .add("queueResumeDepth", MAX_QUEUE / 2)
                            .add("loadPerCpuStop", 1000.0)
                            .add("loadPerCpuResume", 900.0)
                            .add("memoryStopPercent", 0.0)
                            .add("memoryResumePercent", 0.0)
                            .add("spoolMinFreeMb", 0)
                            .build());
            long campaign = sluice.createCampaign("postfix", CHUNK, 1, List.of("postfix"), 600);
            sluice.importCsv(campaign, SampleCsv.recipients(RECIPIENTS));

            // The relay is down: Postfix accepts and queues (deferred), the queue grows.
            AtomicLong peak = new AtomicLong();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(
                    () -> {
                        try {
                            peak.accumulateAndGet(postfix.queueDepth(), Math::max);
                        } catch (Exception e) {
                            // a sample lost to a file moving under the walk; the next one counts
                        }
                    },
                    0,
                    50,
                    TimeUnit.MILLISECONDS);
            RefusingGreenMail sink = null;
            try {
                sluice.send(campaign);
                // (Between readings the job may also wait because the last reading's headroom is handed out.)
                JsonObject waiting = sluice.awaitProgress(
                        campaign,
                        p -> p.getString("status").equals("WAITING_FOR_MTA")
                                && p.getString("waitingReason", "").startsWith("postfix: FULL (queue "),
                        Duration.ofMinutes(1));
                assertTrue(waiting.getString("waitingReason").contains("queue"), waiting.toString());
                Thread.sleep(3000); // Sluice holds back while the queue stays full
                long sentWhileDown = sluice.progress(campaign)
                        .getJsonObject("counts")
                        .getJsonNumber("sent")
                        .longValue();
                assertTrue(
                        sentWhileDown >= MAX_QUEUE - CHUNK && sentWhileDown < RECIPIENTS,
                        "accepted by Postfix while its relay was down: " + sentWhileDown);
                assertTrue(
                        peak.get() <= MAX_QUEUE + CHUNK,
                        "Postfix's queue peaked at " + peak.get() + ", above the threshold " + MAX_QUEUE
                                + " + one chunk");

                // The relay is back: Postfix drains its queue, Sluice sends the rest.
                sink = new RefusingGreenMail(SINK_PORT);
                sink.start();
                postfix.flush();
                JsonObject done = sluice.awaitFinished(campaign, Duration.ofMinutes(3));
                assertEquals("COMPLETED", done.getString("status"), done.toString());
                assertTrue(sink.waitForIncomingEmail(60_000, RECIPIENTS), "the sink received every message");

                Set<String> ids = new HashSet<>();
                int received = 0;
                for (MimeMessage m : sink.getReceivedMessages()) {
                    ids.add(m.getMessageID());
                    received++;
                }
                assertEquals(RECIPIENTS, received, "messages at the sink");
                assertEquals(RECIPIENTS, ids.size(), "every recipient exactly once");
                System.out.printf(
                        "PostfixIT: queue threshold %d, peak Postfix queue %d, %d accepted while the relay was down%n",
                        MAX_QUEUE, peak.get(), sentWhileDown);
            } finally {
                sampler.shutdownNow();
                if (sink != null) {
                    sink.stop();
                }
            }
        }
    }
}
