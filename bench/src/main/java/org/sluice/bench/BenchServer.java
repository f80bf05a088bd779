package org.sluice.bench;

import jakarta.json.JsonObject;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sluice.demo.client.ImportResult;
import org.sluice.demo.client.ProgressWatch;
import org.sluice.demo.client.SluiceClient;
import org.sluice.demo.sample.SampleRecipients;
import org.sluice.demo.server.SluiceLayout;
import org.sluice.demo.server.WildFlyProcess;

/**
 * Sluice's WildFly for a benchmark: a server base dir of its own, emptied every run (figures never depend on what
 * earlier runs left in the database), an admin user with a fresh random password, the EAR deployed, the API up.
 */
record BenchServer(WildFlyProcess wildFly, SluiceClient client, SluiceClient.Login login) {

    static BenchServer start(SluiceLayout layout, String name, Map<String, String> properties, PrintStream out)
            throws Exception {
        return start(layout, name, BenchDatabase.H2, properties, out);
    }

    /** @param properties the benchmark's own system properties; they win over the database's */
    static BenchServer start(
            SluiceLayout layout, String name, BenchDatabase database, Map<String, String> properties, PrintStream out)
            throws Exception {
        Map<String, String> all = new LinkedHashMap<>(database.freshServerProperties(name));
        all.putAll(properties);
        Path base =
                WildFlyProcess.freshBase(layout.wildflyHome(), layout.workDir().resolve(name + "-base"));
        WildFlyProcess wildFly = WildFlyProcess.builder(layout.wildflyHome())
                .baseDir(base)
                .config(database.serverConfig())
                .systemProperties(all)
                .consoleLog(layout.workDir().resolve(name + "-console.log"))
                .out(out)
                .build();
        SluiceClient.Login login = SluiceClient.Login.generated("sluice-bench");
        wildFly.addSluiceUser(login.user(), login.password(), "admin");
        wildFly.start(Duration.ofMinutes(2), layout.ear().getFileName().toString());
        wildFly.deploy(layout.ear(), Duration.ofMinutes(3));
        SluiceClient client = new SluiceClient(SluiceClient.DEFAULT_BASE, login);
        for (int i = 0; i < 150 && !client.isUp(); i++) {
            Thread.sleep(200);
        }
        return new BenchServer(wildFly, client, login);
    }

    /** A campaign with {@code size} generated sample recipients, imported through the API; fails unless all are in. */
    long importedCampaign(JsonObject draft, int size, Path csv, Duration timeout) throws Exception {
        long campaign = client.createCampaign(draft);
        Files.createDirectories(csv.getParent());
        SampleRecipients.write(csv, size, false);
        ProgressWatch quiet = new ProgressWatch(
                client, new PrintStream(PrintStream.nullOutputStream()), Duration.ofMillis(500), timeout);
        ImportResult imported = quiet.awaitImport(campaign, client.importCsv(campaign, csv));
        if (!imported.completed() || imported.imported() != size) {
            throw new IllegalStateException("import ended " + imported.batchStatus() + " with " + imported.imported()
                    + " of " + size + " recipients: " + imported.exitStatus());
        }
        return campaign;
    }
}
