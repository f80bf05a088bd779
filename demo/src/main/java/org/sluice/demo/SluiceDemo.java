package org.sluice.demo;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sluice.demo.client.ImportResult;
import org.sluice.demo.client.ProgressWatch;
import org.sluice.demo.client.SendResult;
import org.sluice.demo.client.SluiceClient;
import org.sluice.demo.sample.SampleCampaign;
import org.sluice.demo.sample.SampleRecipients;
import org.sluice.demo.server.ServerRun;
import org.sluice.demo.server.SluiceLayout;
import org.sluice.demo.server.WildFlyProcess;

/**
 * Sluice end to end on one machine, with nothing installed but a JDK and Maven: GreenMail as the MTA, the
 * provisioned WildFly with the EAR, then a campaign created, imported and sent through the REST API, and
 * the messages counted where they arrived. Run by {@code ./mvnw -Pdemo verify} (see demo/pom.xml).
 * <p>
 * System properties: sluice.demo.recipients (default 10000), sluice.demo.keep (leave everything running
 * until Ctrl-C), and the paths of {@link SluiceLayout}. Exits 1 if any step fails or any count is off.
 */
public final class SluiceDemo {

    static final String MTA_HOST = "127.0.0.1";
    static final int MTA_PORT = 2525;
    static final int CHUNK_SIZE = 100;
    static final int CONNECTIONS = 2;

    private final PrintStream out = System.out;
    private final SluiceLayout layout;
    private final int recipients;
    private final boolean keep;
    private final List<String> problems = new ArrayList<>();
    private GreenMailMta mta;
    private WildFlyProcess wildFly;
    private SluiceClient.Login login;
    private boolean cleanedUp;

    SluiceDemo(SluiceLayout layout, int recipients, boolean keep) {
        this.layout = layout;
        this.recipients = recipients;
        this.keep = keep;
    }

    public static void main(String[] args) {
        SluiceDemo demo = new SluiceDemo(
                SluiceLayout.fromSystemProperties(),
                Integer.getInteger("sluice.demo.recipients", 10_000),
                Boolean.getBoolean("sluice.demo.keep"));
        ServerRun.exitWith("DEMO", demo::run, demo::cleanUp);
    }

    int run() throws Exception {
        if (recipients < 1) {
            throw new IllegalArgumentException("sluice.demo.recipients must be at least 1, not " + recipients);
        }
        out.printf(
                Locale.ROOT,
                "%n=== Sluice demo: %,d recipients, %d SMTP connections, chunks of %d ===%n%n",
                recipients,
                CONNECTIONS,
                CHUNK_SIZE);

        step(1, "SMTP server");
        mta = new GreenMailMta(MTA_HOST, MTA_PORT);
        mta.start();
        out.println("GreenMail SMTP server listening on " + mta.where() + " (keeps every message in memory)");

        step(2, "WildFly and the Sluice EAR");
        wildFly = WildFlyProcess.builder(layout.wildflyHome())
                .systemProperties(Map.of("sluice.mta.host", MTA_HOST, "sluice.mta.port", Integer.toString(MTA_PORT)))
                .consoleLog(layout.workDir().resolve("wildfly-console.log"))
                .out(out)
                .build();
        // The API needs a login: an admin user with a new password each run (printed with sluice.demo.keep=true).
        login = SluiceClient.Login.generated("sluice-demo");
        wildFly.addSluiceUser(login.user(), login.password(), "admin");
        wildFly.start(Duration.ofMinutes(2), layout.ear().getFileName().toString());
        wildFly.deploy(layout.ear(), Duration.ofMinutes(3));
        SluiceClient client = new SluiceClient(SluiceClient.DEFAULT_BASE, login);
        awaitApi(client);

        step(3, "Campaign and recipients");
        String name = "Sluice demo " + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        long campaign = client.createCampaign(SampleCampaign.draft(name, CHUNK_SIZE, CONNECTIONS));
        out.printf("Created campaign %d '%s' (from %s)%n", campaign, name, SampleCampaign.FROM);
        Files.createDirectories(layout.workDir());
        Path csv = layout.workDir().resolve("demo-recipients.csv");
        SampleRecipients.Expected expected = SampleRecipients.write(csv, recipients, true);
        out.printf(
                Locale.ROOT,
                "Wrote %s: %,d recipients plus 4 deliberately bad rows (%,d KB)%n",
                csv,
                recipients,
                Files.size(csv) / 1024);
        long t0 = System.nanoTime();
        long importExecution = client.importCsv(campaign, csv);
        out.println("Uploaded; import running as job execution " + importExecution);
        ProgressWatch watch = new ProgressWatch(client, out, Duration.ofSeconds(1), Duration.ofMinutes(2));
        ImportResult imported = watch.awaitImport(campaign, importExecution);
        out.printf(
                Locale.ROOT,
                "Import %s in %.1f s: %,d imported, %,d rejected, %,d duplicates%n",
                imported.batchStatus(),
                (System.nanoTime() - t0) / 1e9,
                imported.imported(),
                imported.rejected(),
                imported.duplicates());
        if (!imported.completed()) {
            throw new IllegalStateException(
                    "the import ended " + imported.batchStatus() + ": " + imported.exitStatus());
        }
        check(
                imported.imported() == expected.imported(),
                "imported " + imported.imported() + ", expected " + expected.imported());
        check(
                imported.rejected() == expected.rejected(),
                "rejected " + imported.rejected() + ", expected " + expected.rejected());
        check(
                imported.duplicates() == expected.duplicates(),
                "duplicates " + imported.duplicates() + ", expected " + expected.duplicates());
        printRejections(client.rejections(campaign));

        step(4, "Sending");
        JsonObject started = client.send(campaign);
        out.println("Campaign-send job started (execution " + started.get("executionId") + "); progress every second:");
        SendResult sent = watch.awaitSend(campaign);
        int received = awaitReceived(sent.sent());
        printSummary(sent, received);
        check(sent.completed(), "the send job ended " + sent.batchStatus() + ": " + sent.exitStatus());
        check(
                sent.pending() == 0 && sent.failed() == 0 && sent.deferred() == 0,
                "not every recipient was sent (pending " + sent.pending() + ", failed " + sent.failed() + ", deferred "
                        + sent.deferred() + ")");
        check(
                received == sent.sent(),
                "GreenMail received " + received + " messages but Sluice counts " + sent.sent() + " sent");

        if (keep) {
            keepRunning(campaign);
        }
        step(5, "Shutdown");
        cleanUp();
        out.println();
        if (problems.isEmpty()) {
            out.println("DEMO OK");
            return 0;
        }
        out.println("DEMO FAILED:");
        problems.forEach(p -> out.println("  - " + p));
        return 1;
    }

    private void step(int number, String title) {
        out.printf("%n--- %d/5 %s ---%n", number, title);
    }

    private void awaitApi(SluiceClient client) throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            if (client.isUp()) {
                out.println("REST API answering at " + SluiceClient.DEFAULT_BASE);
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the REST API at " + SluiceClient.DEFAULT_BASE + " does not answer");
    }

    private void printRejections(JsonArray rejections) {
        out.println("Rejected rows (GET /campaigns/{id}/rejections):");
        for (JsonValue value : rejections) {
            JsonObject row = value.asJsonObject();
            out.printf(
                    "  line %5d: %s%n              row: %s%n",
                    row.getJsonNumber("line").longValue(), row.getString("reason"), row.getString("content", ""));
        }
    }

    /** GreenMail stores a message before it answers 250, but give a straggler a moment anyway. */
    private int awaitReceived(long expected) throws InterruptedException {
        int received = mta.received();
        for (int i = 0; i < 25 && received < expected; i++) {
            Thread.sleep(200);
            received = mta.received();
        }
        return received;
    }

    private void printSummary(SendResult sent, int received) throws Exception {
        double seconds = sent.duration().toMillis() / 1000.0;
        out.println();
        out.println("Summary");
        out.printf(Locale.ROOT, "  job execution   %s (%s)%n", sent.batchStatus(), sent.exitStatus());
        out.printf(Locale.ROOT, "  sent            %,d of %,d%n", sent.sent(), sent.total());
        out.printf(Locale.ROOT, "  failed          %,d%n", sent.failed());
        out.printf(Locale.ROOT, "  deferred        %,d%n", sent.deferred());
        out.printf(Locale.ROOT, "  duration        %.1f s (job start to end)%n", seconds);
        out.printf(Locale.ROOT, "  rate            %,.0f messages/s%n", sent.messagesPerSecond());
        out.printf(
                Locale.ROOT,
                "  GreenMail got   %,d messages (%,d bytes each, e.g. the first)%s%n",
                received,
                mta.sampleSize(),
                received == sent.sent() ? " = sent" : " != sent");
    }

    private void keepRunning(long campaign) throws InterruptedException {
        out.println();
        out.println("Left running (sluice.demo.keep=true); press Ctrl-C to stop WildFly and GreenMail.");
        out.println("  REST API         " + SluiceClient.DEFAULT_BASE.resolve("campaigns/" + campaign) + " (curl -u "
                + login.user() + ":" + login.password() + " ...)");
        out.println("  Console          http://127.0.0.1:" + WildFlyProcess.HTTP_PORT + "/sluice/ (user " + login.user()
                + ", password " + login.password() + ")");
        out.println("  Server log       " + layout.wildflyHome().resolve("standalone/log/server.log"));
        out.println("  Management       http://127.0.0.1:" + WildFlyProcess.MANAGEMENT_PORT + " (add a user first: "
                + layout.wildflyHome().resolve("bin/add-user.sh") + ")");
        out.println("  SMTP (GreenMail) " + mta.where() + ", holding " + mta.received() + " messages");
        Thread.currentThread().join();
    }

    private void check(boolean condition, String problem) {
        if (!condition) {
            problems.add(problem);
            out.println("  !! " + problem);
        }
    }

    /** Idempotent: runs from main and again from the shutdown hook. */
    synchronized void cleanUp() {
        if (cleanedUp) {
            return;
        }
        cleanedUp = true;
        if (wildFly != null) {
            wildFly.stop(Duration.ofSeconds(60));
        }
        if (mta != null) {
            mta.close();
            out.println("GreenMail stopped");
        }
    }
}
