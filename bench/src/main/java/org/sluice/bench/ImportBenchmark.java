package org.sluice.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.sluice.demo.client.ImportResult;
import org.sluice.demo.client.SluiceClient;
import org.sluice.demo.sample.SampleCampaign;
import org.sluice.demo.sample.SampleRecipients;
import org.sluice.demo.server.ServerRun;
import org.sluice.demo.server.SluiceLayout;

/**
 * How fast a recipient CSV imports, per database, against that database's own insert rate measured in the same
 * run:
 * <ol>
 * <li>Sluice: an N-row CSV uploaded through the API (the upload is timed apart: it only streams the file to disk),
 *     then the import job, timed from the upload's answer until the job is seen COMPLETED (polled every 100 ms), with
 *     every row validated, its address normalised, checked against the suppression list and duplicates, and inserted;
 *     </li>
 * <li>the baseline: the same N rows (already parsed) inserted by a plain JDBC loop from this JVM into a table of the
 *     recipient table's shape in the same database, in batches of 1,000 with a commit per 10,000: what the database
 *     itself takes, with nothing checked. For H2 the loop reaches the server's database file through AUTO_SERVER
 *     (TCP), for PostgreSQL through the server's own kind of connection.</li>
 * </ol>
 * System properties: sluice.bench.import-rows (N, 1000000), sluice.bench.databases (h2,postgresql) and the paths of
 * {@link SluiceLayout}.
 */
public final class ImportBenchmark {

    /** Rows per second each database should import (the embedded H2 writes in-process, PostgreSQL over TCP). */
    static double target(BenchDatabase database) {
        return database == BenchDatabase.POSTGRESQL ? 30_000 : 50_000;
    }

    private final PrintStream out = System.out;
    private final SluiceLayout layout;
    private final int rows;
    private BenchServer server;
    private boolean cleanedUp;

    ImportBenchmark(SluiceLayout layout, int rows) {
        this.layout = layout;
        this.rows = rows;
    }

    public static void main(String[] args) {
        ImportBenchmark bench = new ImportBenchmark(
                SluiceLayout.fromSystemProperties(), Integer.getInteger("sluice.bench.import-rows", 1_000_000));
        ServerRun.exitWith("BENCHMARK", bench::run, bench::cleanUp);
    }

    private record Figures(double uploadSeconds, double sluiceRowsPerSecond, double plainRowsPerSecond) {}

    int run() throws Exception {
        out.printf(Locale.ROOT, "%n=== Sluice recipient import: N=%,d CSV rows ===%n", rows);
        Path csv = layout.workDir().resolve("import-bench.csv");
        Files.createDirectories(csv.getParent());
        SampleRecipients.write(csv, rows, false);
        out.printf(Locale.ROOT, "CSV: %,d rows, %,d bytes%n", rows, Files.size(csv));

        Map<BenchDatabase, Figures> figures = new LinkedHashMap<>();
        boolean complete = true;
        for (BenchDatabase database : BenchDatabase.chosen()) {
            out.printf(Locale.ROOT, "%n##### %s #####%n", database.label());
            String name = "import-" + database.name().toLowerCase(Locale.ROOT);
            Map<String, String> dbProperties = database.freshServerProperties(name);
            server = BenchServer.start(layout, name, database, dbProperties, out);
            SluiceClient client = server.client();
            // A small import first, so the measured one runs JIT-compiled code.
            server.importedCampaign(
                    SampleCampaign.draft("Import benchmark warm-up", 500, 2),
                    50_000,
                    layout.workDir().resolve("import-warmup.csv"),
                    Duration.ofMinutes(3));

            long campaign = client.createCampaign(SampleCampaign.draft("Import benchmark N=" + rows, 500, 2));
            long uploadStart = System.nanoTime();
            long execution = client.importCsv(campaign, csv);
            long uploaded = System.nanoTime();
            ImportResult result;
            do {
                Thread.sleep(100);
                result = ImportResult.of(client.importProgress(campaign, execution));
            } while (result.running()
                    && System.nanoTime() - uploaded < Duration.ofMinutes(20).toNanos());
            long done = System.nanoTime();
            double sluiceSeconds = (done - uploaded) / 1e9;
            out.printf(
                    Locale.ROOT,
                    "Sluice: upload %.1f s, import %s: %,d imported, %,d rejected, %,d duplicates in %.1f s = %,.0f rows/s%n",
                    (uploaded - uploadStart) / 1e9,
                    result.batchStatus(),
                    result.imported(),
                    result.rejected(),
                    result.duplicates(),
                    sluiceSeconds,
                    rows / sluiceSeconds);
            complete &= result.completed() && result.imported() == rows;

            double plainSeconds = plainInsert(database, name, dbProperties);
            out.printf(
                    Locale.ROOT,
                    "Plain JDBC loop: %,d rows in %.1f s = %,.0f rows/s%n",
                    rows,
                    plainSeconds,
                    rows / plainSeconds);
            figures.put(
                    database, new Figures((uploaded - uploadStart) / 1e9, rows / sluiceSeconds, rows / plainSeconds));
            server.wildFly().stop(Duration.ofSeconds(60));
            server = null;
        }

        out.println();
        out.println("Results");
        out.printf(
                Locale.ROOT,
                "  machine           %d cores, %s %s, %s %s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"));
        figures.forEach((database, f) -> out.printf(
                Locale.ROOT,
                "  %-11s Sluice %,.0f rows/s (target >= %,.0f)%s, plain JDBC loop %,.0f rows/s, ratio %.2f,"
                        + " upload %.1f s%n",
                database.label(),
                f.sluiceRowsPerSecond(),
                target(database),
                f.sluiceRowsPerSecond() >= target(database) ? "" : " BELOW TARGET",
                f.plainRowsPerSecond(),
                f.sluiceRowsPerSecond() / f.plainRowsPerSecond(),
                f.uploadSeconds()));
        if (!complete) {
            out.println("BENCHMARK FAILED: an import did not complete with every row");
            return 1;
        }
        return 0;
    }

    /** The baseline: N generated rows into a scratch table shaped like the recipient table; seconds taken. */
    private double plainInsert(BenchDatabase database, String serverName, Map<String, String> dbProperties)
            throws Exception {
        String url = database == BenchDatabase.H2
                ? "jdbc:h2:file:"
                        + layout.workDir().resolve(serverName + "-base").toAbsolutePath()
                        + "/data/sluice/sluice;AUTO_SERVER=TRUE"
                : dbProperties.get("sluice.db.url");
        String user = database == BenchDatabase.H2 ? "sa" : dbProperties.get("sluice.db.user");
        String password = database == BenchDatabase.H2 ? "sa" : dbProperties.get("sluice.db.password");
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS import_baseline");
                s.execute("CREATE TABLE import_baseline (id BIGINT NOT NULL PRIMARY KEY, campaign_id BIGINT NOT NULL,"
                        + " address VARCHAR(320) NOT NULL, address_key VARCHAR(320) NOT NULL,"
                        + " display_name VARCHAR(400), merge_values VARCHAR(65535), updated_at TIMESTAMP NOT NULL,"
                        + " CONSTRAINT import_baseline_key UNIQUE (address_key, campaign_id))");
                s.execute("CREATE INDEX import_baseline_campaign ON import_baseline (campaign_id, id)");
            }
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO import_baseline"
                    + " (id, campaign_id, address, address_key, display_name, merge_values, updated_at)"
                    + " VALUES (?, 1, ?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
                for (int i = 1; i <= rows; i++) {
                    SampleRecipients.Row row = SampleRecipients.row(i);
                    insert.setLong(1, i);
                    insert.setString(2, row.email());
                    insert.setString(3, row.email().toLowerCase(Locale.ROOT));
                    insert.setString(4, row.name());
                    insert.setString(5, "{\"first_name\":\"" + row.firstName() + "\",\"city\":\"" + row.city() + "\"}");
                    insert.addBatch();
                    if (i % 1_000 == 0) {
                        insert.executeBatch();
                    }
                    if (i % 10_000 == 0) {
                        c.commit();
                    }
                }
                insert.executeBatch();
                c.commit();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE import_baseline");
            }
            c.commit();
            return seconds;
        }
    }

    synchronized void cleanUp() {
        if (cleanedUp) {
            return;
        }
        cleanedUp = true;
        if (server != null) {
            server.wildFly().stop(Duration.ofSeconds(60));
        }
    }
}
