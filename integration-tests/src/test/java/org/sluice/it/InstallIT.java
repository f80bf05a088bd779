package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Installs Sluice into an admin's own WildFly as docs/install.md describes: a stock standalone-full.xml, started with
 * Sluice's settings in a properties file, configured by server/wildfly/configure-sluice.cli over the management
 * interface, the EAR deployed, a user added with add-user.sh; then a campaign mailed to this JVM's SMTP server. A
 * second run of the script changes nothing, and restore-sluice.cli leaves the configuration exactly as it was before
 * (the whole persistent model, read without runtime attributes: statistics, states and thread counts change by
 * themselves and are not compared). The same holds for standalone-full-ha.xml. In the suite's PostgreSQL run the
 * admin's PostgreSQL steps come first (configure-postgresql.cli deploys the JDBC driver and points the datasources at
 * a database of their own), and restore removes those too. No Arquillian: the servers are WildFly's own scripts, on
 * ports +400 and +500.
 */
class InstallIT {

    private static final int PORT_OFFSET = 400;
    private static final int HA_PORT_OFFSET = 500;
    private static final int SMTP_PORT = 3425;
    private static final Duration START = Duration.ofMinutes(3);

    private static final GreenMail smtp = SmtpServerExtension.plainSmtp(SMTP_PORT);

    @RegisterExtension
    static final SmtpServerExtension SMTP_SERVER = SmtpServerExtension.startAndStop(smtp);

    private final Path bases = Path.of(System.getProperty("sluice.it.install-base"));
    private final Path scripts = Path.of(System.getProperty("sluice.layout.wildfly-scripts"));
    private final Path ear = Path.of(System.getProperty("sluice.layout.ear"));
    /** Set in the PostgreSQL run: the database the installed servers get (created empty by the build). */
    private final String postgresqlUrl = System.getProperty("sluice.it.install-db-url");

    private final String driverJar = System.getProperty("sluice.layout.postgresql-driver-jar");

    @Test
    void sluiceInstalledOnAStockServerMailsACampaignAndRestoreLeavesTheServerAsItWas() throws Exception {
        Path base = bases.resolve("full");
        Path properties = Files.writeString(
                Files.createDirectories(base).resolve("sluice.properties"),
                "sluice.mta.host=127.0.0.1\nsluice.mta.port=" + SMTP_PORT + "\n" + databaseProperties());
        try (StandaloneServer server = new StandaloneServer(base, "standalone-full.xml", PORT_OFFSET, properties)) {
            // docs/install.md: the realm's files exist before the script adds the realm.
            Files.createFile(server.configurationDir().resolve("sluice-users.properties"));
            Files.createFile(server.configurationDir().resolve("sluice-roles.properties"));
            server.start(START);
            JsonObject stock = server.configuration();

            configure(server);
            server.addSluiceUser(SluiceUsers.ADMIN.user(), SluiceUsers.ADMIN.password(), "admin");
            server.command("deploy " + ear);
            assertEquals("running", server.serverState());

            mailsACampaign(server, base);

            JsonObject configured = server.configuration();
            configure(server);
            assertAll(
                    () -> assertEquals("running", server.serverState(), "a second run needs no reload"),
                    () -> assertEquals(List.of(), differences(configured, server.configuration()), "second run"));

            server.command("undeploy " + ear.getFileName());
            server.runScript(scripts.resolve("restore-sluice.cli"));
            assertAll(
                    () -> assertEquals("running", server.serverState()),
                    () -> assertEquals(List.of(), differences(stock, server.configuration()), "after restore"));
        }
    }

    @Test
    void configuringAStockFullHaServerAsAClusterNodeTwiceChangesNothingTheSecondTimeAndRestoreUndoesIt()
            throws Exception {
        Path base = bases.resolve("full-ha");
        // A cluster of one node: TCPPING looks for itself at its own jgroups-tcp port (7600 + offset).
        Path properties = Files.writeString(
                Files.createDirectories(base).resolve("sluice.properties"),
                databaseProperties() + "sluice.cluster.initial-hosts=127.0.0.1[" + (7600 + HA_PORT_OFFSET) + "]\n");
        try (StandaloneServer server =
                new StandaloneServer(base, "standalone-full-ha.xml", HA_PORT_OFFSET, properties)) {
            Files.createFile(server.configurationDir().resolve("sluice-users.properties"));
            Files.createFile(server.configurationDir().resolve("sluice-roles.properties"));
            server.start(START);
            JsonObject stock = server.configuration();

            configureCluster(server);
            assertEquals("running", server.serverState());
            assertTrue(
                    server.operation("/subsystem=jgroups/channel=ee:read-attribute(name=stack)")
                            .getString("result")
                            .equals("sluice-tcp"),
                    "the cluster's channel runs on Sluice's TCP stack");
            JsonObject configured = server.configuration();
            configureCluster(server);
            assertEquals(List.of(), differences(configured, server.configuration()), "second run");

            server.runScript(scripts.resolve("restore-sluice.cli"));
            assertAll(
                    () -> assertEquals("running", server.serverState()),
                    () -> assertEquals(List.of(), differences(stock, server.configuration()), "after restore"));
        }
    }

    /**
     * A campaign to a few recipients through the REST API, mailed to this JVM's SMTP server (the default MTA, from the
     * properties file); its jobs ran on Sluice's own thread pool and job repository (META-INF/jboss-all.xml), not the
     * server's defaults.
     */
    private void mailsACampaign(StandaloneServer server, Path base) throws Exception {
        SluiceRest sluice = new SluiceRest(PORT_OFFSET);
        List<String> addresses = IntStream.range(0, 5)
                .mapToObj(i -> "installed-" + i + "@example.org")
                .toList();
        long campaign = sluice.createCampaign("installed", "Hello {{name}}", "Hi {{name}}", "<p>Hi {{name}}</p>", 2, 1);
        JsonObject imported = sluice.importCsv(
                campaign,
                addresses.stream()
                        .map(a -> a + ",Person " + a)
                        .collect(Collectors.joining("\n", "email,name\n", "\n")));
        assertEquals(5, imported.getJsonObject("counts").getInt("imported"), imported.toString());

        sluice.send(campaign);
        JsonObject done = sluice.awaitFinished(campaign, Duration.ofMinutes(2));

        Set<String> received = new TreeSet<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            received.add(((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress());
        }
        JsonObject sluicePool = server.operation(
                        "/subsystem=batch-jberet/thread-pool=sluice-batch:read-resource(include-runtime=true)")
                .getJsonObject("result");
        JsonObject serverPool = server.operation(
                        "/subsystem=batch-jberet/thread-pool=batch:read-resource(include-runtime=true)")
                .getJsonObject("result");
        SluiceDatabase database = postgresqlUrl == null
                ? SluiceDatabase.embeddedH2(base.toString())
                : new SluiceDatabase(
                        postgresqlUrl,
                        System.getProperty("sluice.it.db-user"),
                        System.getProperty("sluice.it.db-password"));
        long jobExecutions = database.count("SELECT COUNT(*) FROM job_execution");
        assertAll(
                () -> assertEquals("COMPLETED", done.getString("status"), done.toString()),
                () -> assertEquals(new TreeSet<>(addresses), received),
                () -> assertEquals(5, smtp.getReceivedMessages().length, "one message each"),
                () -> assertTrue(
                        sluicePool.getJsonNumber("completed-task-count").longValue() > 0, sluicePool::toString),
                () -> assertEquals(
                        0, serverPool.getJsonNumber("completed-task-count").longValue(), serverPool::toString),
                () -> assertEquals(2, jobExecutions, "the import's and the send's executions, in Sluice's database"));
    }

    /**
     * docs/install.md's steps: on PostgreSQL configure-postgresql.cli first (the driver jar is a path on the admin's
     * host, uploaded by jboss-cli), then configure-sluice.cli.
     */
    private void configure(StandaloneServer server) throws Exception {
        if (postgresqlUrl != null) {
            server.runScript(scripts.resolve("configure-postgresql.cli"), "-Dsluice.db.driver-jar=" + driverJar);
        }
        server.runScript(scripts.resolve("configure-sluice.cli"));
    }

    /** docs/cluster.md's steps on each node: the install's, then configure-cluster.cli. */
    private void configureCluster(StandaloneServer server) throws Exception {
        configure(server);
        server.runScript(scripts.resolve("configure-cluster.cli"));
    }

    /** The database settings of the admin's properties file: none for embedded H2. */
    private String databaseProperties() {
        if (postgresqlUrl == null) {
            return "";
        }
        return "sluice.db.url=" + postgresqlUrl + "\nsluice.db.user=" + System.getProperty("sluice.it.db-user")
                + "\nsluice.db.password=" + System.getProperty("sluice.it.db-password") + "\n";
    }

    /** The paths (attribute or resource) where two management models differ, e.g. {@code subsystem/mail/...}. */
    private static List<String> differences(JsonValue expected, JsonValue actual) {
        List<String> found = new ArrayList<>();
        differences("", expected, actual, found);
        return found;
    }

    private static void differences(String path, JsonValue expected, JsonValue actual, List<String> found) {
        if (expected instanceof JsonObject e && actual instanceof JsonObject a) {
            Set<String> keys = new TreeSet<>(e.keySet());
            keys.addAll(a.keySet());
            for (String key : keys) {
                differences(path + "/" + key, e.get(key), a.get(key), found);
            }
        } else if (expected == null || !expected.equals(actual)) {
            found.add(path + ": " + expected + " -> " + actual);
        }
    }
}
