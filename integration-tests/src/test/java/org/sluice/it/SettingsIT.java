package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Settings on the real server, read through WildFly's MicroProfile Config: a system property set on the running server
 * through the management CLI applies at its next read, and a setting's former name still works, with a warning in
 * the server log naming the new one.
 */
@ExtendWith(ArquillianExtension.class)
class SettingsIT {

    private static final int PORT_OFFSET = 100;
    private static final int SMTP_PORT = 3260;
    private static final String MTA = "settings-mta";
    private static final String FORMER = "sluice.smtp.read.timeout.millis";
    private static final String CURRENT = "sluice.smtp.read-timeout-millis";

    private static final Path SERVER_LOG = Path.of(System.getProperty("sluice.it.base"), "log", "server.log");

    private static final ServerCli CLI = new ServerCli(PORT_OFFSET);
    private static final GreenMail smtp = SmtpServerExtension.plainSmtp(SMTP_PORT);

    @RegisterExtension
    static final SmtpServerExtension SMTP_SERVER = SmtpServerExtension.startAndStop(smtp);

    private final SluiceRest sluice = new SluiceRest(PORT_OFFSET);

    @Deployment(testable = false)
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    @AfterEach
    void removeTheSettings() throws Exception {
        CLI.removeSystemProperties(List.of(FORMER, CURRENT));
    }

    @Test
    void aFormerNameSetOnTheRunningServerIsHonouredAndTheLogNamesTheNewOne() throws Exception {
        long logged = Files.size(SERVER_LOG);
        CLI.setSystemProperties(Map.of(FORMER, "45000"));

        JsonObject done = sendCampaign("former name");

        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(3, smtp.getReceivedMessages().length);
        String log = logSince(logged);
        assertTrue(
                log.contains(FORMER + " is deprecated: it was renamed " + CURRENT + ". Its value is used for now; set "
                        + CURRENT + " instead."),
                "no deprecation warning for " + FORMER + " in the server log");
    }

    @Test
    void aBadValueSetOnTheRunningServerStopsTheNextSendNamingTheSettingAndTheValue() throws Exception {
        long logged = Files.size(SERVER_LOG);
        CLI.setSystemProperties(Map.of(CURRENT, "a minute"));

        JsonObject failed = sendCampaign("bad setting");

        assertEquals("FAILED", failed.getString("status"), failed.toString());
        assertEquals(0, smtp.getReceivedMessages().length, "nothing sent with an unusable setting");
        String log = logSince(logged);
        assertTrue(
                log.contains(CURRENT + " is 'a minute': must be a whole number of milliseconds, 1 or more"),
                "the server log does not name the setting and its value");
    }

    /** What the server logged after the first {@code bytes} of its log. */
    private static String logSince(long bytes) throws Exception {
        byte[] all = Files.readAllBytes(SERVER_LOG);
        return new String(all, (int) bytes, all.length - (int) bytes, StandardCharsets.UTF_8);
    }

    private JsonObject sendCampaign(String name) throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        sluice.putUnprobedMta(MTA, SMTP_PORT, 1);
        long campaign = sluice.createCampaign(name, 10, 1, List.of(MTA), 60);
        sluice.importCsv(campaign, SampleCsv.recipients(3));
        sluice.send(campaign);
        return sluice.awaitFinished(campaign, Duration.ofMinutes(2));
    }
}
