package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sluice.testing.RefusingGreenMail;

/**
 * A probe on another WildFly (its own process, ports +300, plain standalone-full), configured with the shipped
 * probe-war/wildfly/probe-remote.cli exactly as an admin would, answers Sluice's LoadManager through the Sluice
 * server's Artemis broker over the network (HTTP upgrade on loopback), logged in as a broker user.
 */
@ExtendWith(ArquillianExtension.class)
class RemoteProbeIT {

    private static final String PROBE_SERVER = "wildfly-probe";
    private static final int PROBE_MANAGEMENT_PORT = 10290;
    private static final int SMTP_PORT = 3034;

    private static final RefusingGreenMail smtp = new RefusingGreenMail(SMTP_PORT);

    @RegisterExtension
    static final SmtpServerExtension SMTP_SERVER = SmtpServerExtension.startAndStop(smtp);

    private final SluiceRest sluice = new SluiceRest(100);

    @ArquillianResource
    private ContainerController controller;

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = "sluice", testable = false)
    @TargetsContainer("wildfly")
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    @Deployment(name = "remote-probe", managed = false, testable = false)
    @TargetsContainer(PROBE_SERVER)
    static WebArchive probe() {
        return Deployments.probeWar(); // settings: the probe server's system properties
    }

    @Test
    void aProbeOnAnotherServerAnswersOverTheNetworkAndItsMtaTakesTheCampaign() throws Exception {
        controller.start(PROBE_SERVER);
        try {
            applyProbeRemoteCli();
            deployer.deploy("remote-probe");
            sluice.putMta(
                    "remote",
                    Json.createObjectBuilder()
                            .add("host", "127.0.0.1")
                            .add("port", SMTP_PORT)
                            .add("probeId", "remote1")
                            .add("maxConnections", 4)
                            .add("loadPerCpuStop", 1000.0)
                            .add("loadPerCpuResume", 900.0)
                            .add("memoryStopPercent", 0.0)
                            .add("memoryResumePercent", 0.0)
                            .add("spoolMinFreeMb", 0)
                            .build());

            JsonObject remote = awaitAdmitted("remote", Duration.ofSeconds(60));
            JsonObject status = remote.getJsonObject("status");
            assertEquals("remote1", status.getString("probeId"));
            assertEquals("none", status.getJsonObject("queue").getString("reader"));
            assertTrue(status.getInt("cpus") > 0, status.toString());

            long campaign = sluice.createCampaign("remote", 50, 2, List.of("remote"), 120);
            sluice.importCsv(campaign, SampleCsv.recipients(200));
            sluice.send(campaign);
            JsonObject done = sluice.awaitFinished(campaign, Duration.ofMinutes(2));

            assertEquals("COMPLETED", done.getString("status"), done.toString());
            assertEquals(200, smtp.getReceivedMessages().length);

            // The round trip over the network, as the LoadManager pays it (one ask per status older than 1 s).
            Instant until = Instant.now().plusSeconds(20);
            while (Instant.now().isBefore(until)) {
                Thread.sleep(300);
                sluice.mtaStatus();
            }
            JsonObject roundTrip = sluice.mtaStatus().get("remote").getJsonObject("probeRoundTrip");
            assertTrue(roundTrip.getInt("samples") >= 10, roundTrip.toString());
            System.out.printf(
                    "RemoteProbeIT: remote probe round trip p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d asks%n",
                    roundTrip.getJsonNumber("p50Millis").doubleValue(),
                    roundTrip.getJsonNumber("p99Millis").doubleValue(),
                    roundTrip.getJsonNumber("maxMillis").doubleValue(),
                    roundTrip.getInt("samples"));

            // Without credentials the broker refuses the probe: no answers, so its MTA is UNKNOWN and gets no mail.
            runCli(
                    "/subsystem=messaging-activemq/pooled-connection-factory=sluice-broker:undefine-attribute(name=user)",
                    "/subsystem=messaging-activemq/pooled-connection-factory=sluice-broker:undefine-attribute(name=password)",
                    "reload");
            JsonObject anonymous = awaitState("remote", "UNKNOWN", Duration.ofSeconds(60));
            assertTrue(anonymous.getString("reason").contains("no answer"), anonymous.toString());
        } finally {
            try {
                deployer.undeploy("remote-probe");
            } finally {
                controller.stop(PROBE_SERVER);
            }
        }
    }

    private JsonObject awaitAdmitted(String mta, Duration timeout) throws InterruptedException {
        return awaitState(mta, "ADMITTED", timeout);
    }

    private JsonObject awaitState(String mta, String state, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonObject last = sluice.mtaStatus().get(mta);
        while (!state.equals(last.getString("state"))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("MTA " + mta + " not " + state + " within " + timeout + ": " + last);
            }
            Thread.sleep(500);
            last = sluice.mtaStatus().get(mta);
        }
        return last;
    }

    /** Runs the shipped script against the probe server with WildFly's own CLI, as an admin would. */
    private static void applyProbeRemoteCli() throws Exception {
        jbossCli("--file=" + Path.of(System.getProperty("sluice.layout.probe-remote-cli")));
    }

    private static void runCli(String... commands) throws Exception {
        jbossCli("--commands=" + String.join(",", commands));
    }

    private static void jbossCli(String what) throws Exception {
        Path cli = Path.of(System.getProperty("jboss.home"), "bin", "jboss-cli.sh");
        Process p = new ProcessBuilder(
                        cli.toString(), "--connect", "--controller=127.0.0.1:" + PROBE_MANAGEMENT_PORT, what)
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("jboss-cli " + what + " failed: " + output);
        }
    }
}
