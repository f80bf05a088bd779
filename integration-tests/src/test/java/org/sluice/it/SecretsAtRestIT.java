package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.json.Json;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Secrets at rest: the signing keys and an MTA's SMTP password are sealed in the database with a master key kept in
 * a file of the server's configuration (0600), and what they are for still works: SMTP AUTH with the password
 * (the SMTP server in this JVM refuses a wrong one), the unsubscribe link of a received message.
 */
@ExtendWith(ArquillianExtension.class)
class SecretsAtRestIT {

    private static final int PORT_OFFSET = 100;
    private static final int SMTP_PORT = 3247;
    private static final String SMTP_USER = "sluice-relay";
    private static final Pattern HTTP_URI = Pattern.compile("<(http[^>]+)>");

    private static final GreenMail smtp = SmtpServerExtension.plainSmtp(SMTP_PORT);

    @RegisterExtension
    static final SmtpServerExtension SMTP_SERVER = SmtpServerExtension.startAndStop(smtp);

    private static final String SMTP_PASSWORD = "relay-pass-" + Long.toString(System.nanoTime(), 36);
    private final SluiceRest sluice = new SluiceRest(PORT_OFFSET);
    private final SluiceDatabase database = SluiceDatabase.suiteServer();

    @Deployment(testable = false)
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    @BeforeAll
    static void theSmtpServerWantsALogin() {
        smtp.setUser("relay@sluice.test", SMTP_USER, SMTP_PASSWORD);
    }

    @Test
    void anMtaPasswordWrittenInPlaintextIsSealedAndStillLogsIn() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        sluice.putMta(
                "auth-mta",
                Json.createObjectBuilder()
                        .add("host", "127.0.0.1")
                        .add("port", SMTP_PORT)
                        .build());
        // As an admin sets credentials today (SQL), and as rows from before sealing look.
        database.execute("UPDATE mta SET username = '" + SMTP_USER + "', password = '" + SMTP_PASSWORD
                + "' WHERE name = 'auth-mta'");

        String stored = awaitSealed("SELECT password FROM mta WHERE name = 'auth-mta'");
        long campaign = sluice.createCampaign("secrets at rest", 10, 1, List.of("auth-mta"), 900);
        String run = Long.toString(System.nanoTime(), 36);
        sluice.importCsv(campaign, "email,name\nann." + run + "@example.net,Ann\nbob." + run + "@example.net,Bob\n");
        sluice.send(campaign);

        assertAll(
                () -> assertFalse(stored.contains(SMTP_PASSWORD), stored),
                () -> assertEquals(
                        "COMPLETED",
                        sluice.awaitFinished(campaign, Duration.ofMinutes(2)).getString("status")),
                () -> assertEquals(2, smtp.getReceivedMessages().length, "mailed after SMTP AUTH as " + SMTP_USER),
                () -> assertEquals(
                        "SENT",
                        database.recipients(campaign)
                                .get("ann." + run + "@example.net")
                                .state()));
    }

    @Test
    void signingKeysAreSealedAPlaintextOneIsSealedInPlaceAndUnsubscribeLinksStillWork() throws Exception {
        String legacy = Base64.getEncoder().encodeToString("a key from before sealing, 32 b.".getBytes());
        database.execute(
                "DELETE FROM signing_key WHERE name = 'it-legacy'",
                "INSERT INTO signing_key (name, secret, created_at) VALUES ('it-legacy', '" + legacy
                        + "', CURRENT_TIMESTAMP)");
        smtp.purgeEmailFromAllMailboxes();
        sluice.putMta(
                "auth-mta",
                Json.createObjectBuilder()
                        .add("host", "127.0.0.1")
                        .add("port", SMTP_PORT)
                        .build());
        database.execute("UPDATE mta SET username = '" + SMTP_USER + "', password = '" + SMTP_PASSWORD
                + "' WHERE name = 'auth-mta'");
        long campaign = sluice.createCampaign("secrets at rest: links", 10, 1, List.of("auth-mta"), 900);
        String address = "carol." + Long.toString(System.nanoTime(), 36) + "@example.net";
        sluice.importCsv(campaign, "email,name\n" + address + ",Carol\n");
        sluice.send(campaign);
        assertEquals(
                "COMPLETED",
                sluice.awaitFinished(campaign, Duration.ofMinutes(2)).getString("status"));
        MimeMessage message = smtp.getReceivedMessages()[0];
        Matcher url = HTTP_URI.matcher(message.getHeader("List-Unsubscribe", null));
        assertTrue(url.find(), message.getHeader("List-Unsubscribe", null));

        HttpResponse<String> oneClick = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url.group(1)))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        awaitSealed("SELECT secret FROM signing_key WHERE name = 'it-legacy'");
        List<List<Object>> keys = database.rows("SELECT name, secret FROM signing_key ORDER BY name");
        Path keyFile = Path.of(System.getProperty("sluice.it.base"), "configuration", "sluice-secrets.key");
        assertAll(
                () -> assertEquals(200, oneClick.statusCode(), oneClick.body()),
                () -> assertEquals(
                        "UNSUBSCRIBED",
                        database.suppression(((InternetAddress) message.getAllRecipients()[0]).getAddress())
                                .reason()),
                () -> assertTrue(keys.stream().anyMatch(k -> k.get(0).equals("unsubscribe")), keys.toString()),
                () -> {
                    for (List<Object> key : keys) {
                        String secret = (String) key.get(1);
                        assertTrue(secret.startsWith("aesgcm1:"), key.toString());
                        assertFalse(secret.contains(legacy), key.toString());
                    }
                },
                () -> assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))),
                () -> assertFalse(Files.readString(keyFile).isBlank()));
    }

    /** Waits for the server's sweep (every 15 s) to seal a value written in plaintext; returns it as stored. */
    private String awaitSealed(String query) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            String stored = (String) database.rows(query).get(0).get(0);
            if (stored.startsWith("aesgcm1:")) {
                return stored;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("still in plaintext after 60 s: " + query);
            }
            Thread.sleep(500);
        }
    }
}
