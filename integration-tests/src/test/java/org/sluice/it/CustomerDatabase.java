package org.sluice.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A customer database beside Sluice's (H2, a file of its own), as an admin would offer it for recipient imports:
 * the test creates it as its owner; WildFly reads it through the datasource {@value #JNDI_NAME} as a user that may
 * only SELECT the customer table (not an H2 admin: it cannot define aliases, read or write files, run scripts).
 */
public final class CustomerDatabase {

    /** The import source name the tests register the customer database as. */
    public static final String SOURCE = "customers";

    static final String JNDI_NAME = "java:jboss/datasources/CustomerDS";
    static final String READER = "sluice_import";
    private static final String READER_PASSWORD = "Import-Test-0nly!";

    private static final Set<Integer> SERVERS_WITH_DATASOURCE = ConcurrentHashMap.newKeySet();

    private final String url;

    CustomerDatabase(Path directory) {
        this.url = "jdbc:h2:file:" + directory.toAbsolutePath() + "/customers;AUTO_SERVER=TRUE";
    }

    /**
     * The customer database beside the suite's server, holding these rows (id, mail, full name, tier), added to the
     * server as a datasource and registered by an admin as the import source {@value #SOURCE}.
     */
    public static CustomerDatabase offered(int portOffset, String... rows) throws Exception {
        CustomerDatabase customers = new CustomerDatabase(
                Path.of(System.getProperty("sluice.it.base")).resolveSibling("customer-db"));
        customers.create(rows);
        customers.addDataSource(portOffset);
        var registered = new SluiceRest(portOffset, SluiceUsers.ADMIN).putImportSource(SOURCE, JNDI_NAME);
        if (registered.statusCode() != 200) {
            throw new AssertionError(
                    "registering the import source failed: " + registered.statusCode() + " " + registered.body());
        }
        return customers;
    }

    /** Creates the customer table with these rows (id, mail, full name, tier) and the read-only user. */
    void create(String... rows) {
        List<String> sql = new ArrayList<>(List.of(
                "DROP TABLE IF EXISTS customer",
                "CREATE TABLE customer (id INT PRIMARY KEY, mail VARCHAR(320), full_name VARCHAR(100), tier VARCHAR(20))",
                "CREATE USER IF NOT EXISTS " + READER + " PASSWORD '" + READER_PASSWORD + "'",
                "GRANT SELECT ON customer TO " + READER));
        for (String row : rows) {
            sql.add("INSERT INTO customer VALUES (" + row + ")");
        }
        execute(sql.toArray(String[]::new));
    }

    /**
     * Adds the datasource to the running server, once per server and test run (jboss-cli costs seconds a call);
     * jta=false: the import's cursor spans many chunk transactions.
     */
    void addDataSource(int portOffset) throws Exception {
        if (!SERVERS_WITH_DATASOURCE.add(portOffset)) {
            return;
        }
        new ServerCli(portOffset)
                .run("if (outcome != success) of /subsystem=datasources/data-source=CustomerDS:read-resource\n"
                        + "    /subsystem=datasources/data-source=CustomerDS:add(jndi-name=" + JNDI_NAME
                        + ", driver-name=h2,"
                        + " jta=false, connection-url=\"" + url + "\", user-name=" + READER + ", password=\""
                        + READER_PASSWORD + "\")\n"
                        + "end-if\n");
    }

    public void execute(String... statements) {
        try (Connection c = DriverManager.getConnection(url, "sa", "sa");
                var s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new AssertionError("executing SQL in the customer database failed: " + e.getMessage(), e);
        }
    }

    /** Each customer's full name, by id order. */
    public List<String> fullNames() {
        return strings("SELECT full_name FROM customer ORDER BY id");
    }

    /** Tables and aliases (user-defined functions) of every schema but H2's own. */
    List<String> objects() {
        return strings("SELECT table_name FROM information_schema.tables WHERE table_schema <> 'INFORMATION_SCHEMA'"
                + " UNION ALL SELECT routine_name FROM information_schema.routines WHERE routine_schema <> 'INFORMATION_SCHEMA'"
                + " ORDER BY 1");
    }

    private List<String> strings(String query) {
        try (Connection c = DriverManager.getConnection(url, "sa", "sa");
                var s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new AssertionError("reading the customer database failed: " + e.getMessage(), e);
        }
    }
}
