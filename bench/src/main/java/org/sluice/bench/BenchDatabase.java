package org.sluice.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The database a benchmark's Sluice runs on. H2 is the embedded file in the server's base dir (emptied with it);
 * PostgreSQL gets a new, empty database per server, made with the role the tests use (docs/testing.md:
 * sluice.bench.postgresql-url, .user, .password).
 */
enum BenchDatabase {
    H2("sluice.xml"),
    POSTGRESQL("sluice-postgresql.xml");

    private final String serverConfig;

    BenchDatabase(String serverConfig) {
        this.serverConfig = serverConfig;
    }

    /** The databases to measure on, in order: sluice.bench.databases, a comma-separated list (default both). */
    static List<BenchDatabase> chosen() {
        List<BenchDatabase> chosen = new ArrayList<>();
        for (String name :
                System.getProperty("sluice.bench.databases", "h2,postgresql").split(",")) {
            if (!name.isBlank()) {
                chosen.add(valueOf(name.strip().toUpperCase(Locale.ROOT)));
            }
        }
        return chosen;
    }

    /** WildFly's configuration file for this database (made by the build from the same install scripts). */
    String serverConfig() {
        return serverConfig;
    }

    String label() {
        return this == H2 ? "H2" : "PostgreSQL";
    }

    /**
     * The server's database settings: none for H2 (its default file); for PostgreSQL a database named after the
     * server, dropped and created again now so every run starts empty.
     */
    Map<String, String> freshServerProperties(String serverName) throws SQLException {
        if (this == H2) {
            return Map.of();
        }
        String adminUrl =
                System.getProperty("sluice.bench.postgresql-url", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = System.getProperty("sluice.bench.postgresql-user", "sluice_test");
        String password = System.getProperty("sluice.bench.postgresql-password", "Sluice-Test-0nly!");
        String database = "sluice_bench_" + serverName.replaceAll("[^a-z0-9]", "_");
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        }
        return Map.of(
                "sluice.db.url",
                adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + database,
                "sluice.db.user",
                user,
                "sluice.db.password",
                password);
    }
}
