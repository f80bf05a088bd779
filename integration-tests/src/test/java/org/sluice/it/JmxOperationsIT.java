package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sluice's MBeans as an operator reaches them with jconsole: WildFly's JMX remoting on the management port, logged
 * in as a management user (created for the test server by add-user.sh, see integration-tests/pom.xml).
 */
@ExtendWith(ArquillianExtension.class)
class JmxOperationsIT {

    private static final int PORT_OFFSET = 100;
    private static final int SMTP_PORT = 3190;
    private static final String MTA = "jmx-mta";
    private static final String JMX_URL = "service:jmx:remote+http://127.0.0.1:10090";

    private static final GreenMail smtp = SmtpServerExtension.plainSmtp(SMTP_PORT);

    @RegisterExtension
    static final SmtpServerExtension SMTP_SERVER = SmtpServerExtension.startAndStop(smtp);

    private final SluiceRest sluice = new SluiceRest(PORT_OFFSET);
    private final SluiceDatabase database = SluiceDatabase.suiteServer();
    private JMXConnector connector;
    private MBeanServerConnection jmx;

    @Deployment(testable = false)
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    @BeforeEach
    void mtaAndJmxConnection() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        sluice.putUnprobedMta(MTA, SMTP_PORT, 2);
        connector = connect(Map.of(JMXConnector.CREDENTIALS, new String[] {
            System.getProperty("sluice.it.management-user"), System.getProperty("sluice.it.management-password")
        }));
        jmx = connector.getMBeanServerConnection();
    }

    @AfterEach
    void closeJmxConnection() throws IOException {
        connector.close();
    }

    @Test
    void countsAndRateOfASentCampaignAreReadThroughItsMBean() throws Exception {
        long campaign = sluice.createCampaign("jmx counts", 10, 2, List.of(MTA), 900);
        sluice.importCsv(campaign, SampleCsv.recipients(200));
        sluice.send(campaign);
        JsonObject done = sluice.awaitFinished(campaign, Duration.ofMinutes(2));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(200, smtp.getReceivedMessages().length);

        ObjectName name = awaitMBean(new ObjectName("sluice:type=Campaign,id=" + campaign + ",name=\"jmx counts\""));
        assertEquals("COMPLETED", jmx.getAttribute(name, "Status"));
        assertEquals(200L, jmx.getAttribute(name, "Sent"));
        assertEquals(0L, jmx.getAttribute(name, "Pending"));
        assertEquals(0L, jmx.getAttribute(name, "Failed"));
        assertEquals(0L, jmx.getAttribute(name, "Deferred"));
        assertEquals(0L, jmx.getAttribute(name, "Suppressed"));
        assertEquals(0L, jmx.getAttribute(name, "DeferredThenSent"));
        assertTrue((double) jmx.getAttribute(name, "MessagesPerSecond") > 0, "the last run's rate");
        assertEquals("COMPLETED", jmx.getAttribute(name, "BatchStatus"));
        // The batch-jberet management resources name executions by id only: this says which is the campaign's.
        assertEquals(done.getJsonNumber("executionId").longValue(), jmx.getAttribute(name, "JobExecutionId"));
    }

    @Test
    void countersThatDriftFromTheTablesAreReportedByCheckCountsAndSetRightByCorrectCounts() throws Exception {
        long campaign = sluice.createCampaign("jmx check", 10, 1, List.of(MTA), 900);
        sluice.importCsv(campaign, SampleCsv.recipients(20));
        ObjectName name = awaitMBean(new ObjectName("sluice:type=Campaign,id=" + campaign + ",name=\"jmx check\""));
        String prefix = "campaign " + campaign + ": ";
        assertEquals(
                prefix + "the counters agree with the tables: 20 recipients, 20 PENDING, 0 SENT, 0 DEFERRED, 0 FAILED,"
                        + " 0 SUPPRESSED",
                jmx.invoke(name, "checkCounts", null, null));

        // What a bug, or a hand-edited row, would leave.
        database.execute(
                "UPDATE recipient_count SET sent = sent + 3, pending = pending - 3 WHERE campaign_id = " + campaign);

        String drifted = prefix + "the counters differ from the tables: PENDING 17 counted, 20 in the tables; SENT 3"
                + " counted, 0 in the tables";
        assertEquals(drifted, jmx.invoke(name, "checkCounts", null, null));
        assertEquals(drifted + " (corrected to the tables' figures)", jmx.invoke(name, "correctCounts", null, null));
        assertEquals(20, sluice.progress(campaign).getJsonObject("counts").getInt("pending"));
        database.assertCountsEqualARecount(campaign);
    }

    @Test
    void aCampaignStartedAndStoppedThroughItsMBeanIsStoppedForRestAndRestartsToMailEveryoneOnce() throws Exception {
        int recipients = 3000;
        long campaign = sluice.createCampaign("jmx stop", 10, 2, List.of(MTA), 900);
        sluice.importCsv(campaign, SampleCsv.recipients(recipients));
        ObjectName name = awaitMBean(new ObjectName("sluice:type=Campaign,id=" + campaign + ",name=\"jmx stop\""));

        // Settings for the next start: the job is started with the campaign's values.
        jmx.setAttribute(name, new Attribute("ChunkSize", 20));
        jmx.setAttribute(name, new Attribute("Connections", 1));
        assertEquals(20, sluice.campaign(campaign).getInt("chunkSize"));
        assertEquals(1, sluice.campaign(campaign).getInt("connections"));

        jmx.invoke(name, "start", null, null);
        sluice.awaitSentAtLeast(campaign, 100, Duration.ofMinutes(1));
        jmx.invoke(name, "stop", null, null);
        JsonObject stopped = sluice.awaitFinished(campaign, Duration.ofMinutes(1));
        assertEquals("STOPPED", stopped.getString("batchStatus"), stopped.toString());
        assertEquals("STOPPED", stopped.getString("status"), stopped.toString());
        long sentBeforeRestart =
                stopped.getJsonObject("counts").getJsonNumber("sent").longValue();
        assertTrue(sentBeforeRestart < recipients, "stopped before the end: " + stopped);
        assertEquals(sentBeforeRestart, awaitAttribute(name, "Sent", sentBeforeRestart));
        assertEquals("STOPPED", jmx.getAttribute(name, "Status"));

        jmx.invoke(name, "restart", null, null);
        JsonObject done = sluice.awaitFinished(campaign, Duration.ofMinutes(2));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        Set<String> addressees = new HashSet<>();
        for (var message : smtp.getReceivedMessages()) {
            assertTrue(
                    addressees.add(message.getAllRecipients()[0].toString()),
                    "mailed twice: " + message.getAllRecipients()[0]);
        }
        assertEquals(recipients, addressees.size());
    }

    @Test
    void anMtaMBeanShowsItsAdmissionAndDisablesAndChangesThresholds() throws Exception {
        ObjectName name = awaitMBean(new ObjectName("sluice:type=Mta,name=\"" + MTA + "\""));
        assertEquals("UNPROBED", jmx.getAttribute(name, "Admission"));
        assertEquals(SMTP_PORT, jmx.getAttribute(name, "Port"));

        jmx.invoke(name, "disable", null, null);
        assertFalse(sluice.mtas().get(MTA).getBoolean("enabled"));
        assertEquals("DISABLED", awaitAttribute(name, "Admission", "DISABLED"));
        jmx.invoke(name, "enable", null, null);
        assertTrue(sluice.mtas().get(MTA).getBoolean("enabled"));

        jmx.invoke(name, "setQueueThresholds", new Object[] {900, 600}, new String[] {"int", "int"});
        assertEquals(900, sluice.mtas().get(MTA).getInt("maxQueueDepth"));
        assertEquals(600, sluice.mtas().get(MTA).getInt("queueResumeDepth"));
        // MtaLimits refuses a resume depth above the stop depth; the console sees why, nothing changes.
        Exception refused = assertThrows(
                Exception.class,
                () -> jmx.invoke(name, "setQueueThresholds", new Object[] {100, 600}, new String[] {"int", "int"}));
        assertTrue(
                String.valueOf(rootMessage(refused)).contains("queueResumeDepth must be between 0 and maxQueueDepth"),
                String.valueOf(rootMessage(refused)));
        assertEquals(900, sluice.mtas().get(MTA).getInt("maxQueueDepth"));
    }

    @Test
    void withoutCredentialsOrWithAWrongPasswordTheConnectionIsRefused() {
        // A client on the server's own host could log in as its OS user (JBOSS-LOCAL-USER, as jboss-cli does);
        // excluded here, the test is a remote client's.
        String local = "org.jboss.remoting-jmx.excluded-sasl-mechanisms";
        IOException anonymous = assertThrows(
                IOException.class,
                () -> connect(Map.of(local, "JBOSS-LOCAL-USER")).close());
        IOException wrongPassword = assertThrows(
                IOException.class,
                () -> connect(Map.of(
                                JMXConnector.CREDENTIALS,
                                new String[] {System.getProperty("sluice.it.management-user"), "wrong"}))
                        .close());
        assertTrue(anonymous.getMessage().startsWith("Authentication failed"), anonymous.toString());
        assertTrue(wrongPassword.getMessage().startsWith("Authentication failed"), wrongPassword.toString());
    }

    private static JMXConnector connect(Map<String, ?> environment) throws IOException {
        return JMXConnectorFactory.connect(new JMXServiceURL(JMX_URL), environment);
    }

    /** MBeans follow the database every 2 s. */
    private ObjectName awaitMBean(ObjectName name) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!jmx.isRegistered(name)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(
                        name + " not registered; sluice MBeans: " + jmx.queryNames(new ObjectName("sluice:*"), null));
            }
            Thread.sleep(200);
        }
        return name;
    }

    /** Attributes are read at most once a second. */
    private Object awaitAttribute(ObjectName name, String attribute, Object expected) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        Object value = jmx.getAttribute(name, attribute);
        while (!expected.equals(value) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            value = jmx.getAttribute(name, attribute);
        }
        return value;
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
