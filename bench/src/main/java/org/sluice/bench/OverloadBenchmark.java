package org.sluice.bench;

import static java.lang.System.out;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.sluice.demo.client.ImportResult;
import org.sluice.demo.client.ProgressWatch;
import org.sluice.demo.client.SendResult;
import org.sluice.demo.client.SluiceClient;
import org.sluice.demo.sample.SampleCampaign;
import org.sluice.demo.sample.SampleRecipients;
import org.sluice.demo.server.ServerRun;
import org.sluice.demo.server.SluiceLayout;
import org.sluice.demo.server.WildFlyProcess;
import org.sluice.testing.PrivatePostfix;

/**
 * What load-aware sending buys, against a real Postfix whose relay (smtp-sink answering DATA after 1 s, with a
 * fixed delivery concurrency) drains at a fixed rate: N messages (a) from a naive Jakarta Mail loop, as fast as
 * Postfix accepts them, (b) through Sluice with a queue threshold. Prints each one's peak Postfix queue and time
 * to finish (everything delivered), Sluice's goodput as a fraction of the drain rate, and the LoadManager's probe
 * round trips, in-server and remote, from the same run: besides the probe in Sluice's server (the campaign MTA's),
 * a second WildFly runs a probe of the same Postfix as an MTA host would ({@link RemoteProbeServer}), for an MTA
 * entry that is enabled but in no pool. Targets: Sluice's peak queue <= threshold + one chunk; goodput >= 0.9.
 * <p>
 * System properties: sluice.bench.overload-recipients (20000), sluice.bench.queue-threshold (2000),
 * sluice.bench.drain-concurrency (50: Postfix's deliveries to the slow relay in parallel), sluice.bench.chunk-size (100),
 * sluice.bench.connections (2), sluice.layout.probe-war, sluice.layout.probe-remote-cli (probe-war/wildfly/probe-remote.cli).
 * Needs root (Postfix, and both probes read its spool) and Debian's postfix package.
 */
public final class OverloadBenchmark {

    private static final int POSTFIX_PORT = 2598;
    private static final int SINK_PORT = 2527;
    private static final double TARGET_GOODPUT = 0.9;
    /** The campaign's MTA (the campaign has no pool of its own, so it is this one), with the in-server probe. */
    private static final String CAMPAIGN_MTA = "default";

    private static final String IN_SERVER_PROBE_ID = "bench-postfix";
    /** The MTA entry of the remote probe: enabled, so it is sampled, but in no campaign's pool, so it takes no mail. */
    private static final String REMOTE_MTA = "remote-probe";

    private static final String REMOTE_PROBE_ID = "bench-postfix-remote";
    /**
     * The user and group docs/load-aware-sending.md (A probe on another host) and probe-remote.cli name for the
     * broker login.
     */
    private static final String BROKER_USER = "sluice-probe";

    private static final String BROKER_GROUP = "guest";

    private final SluiceLayout layout;
    private final int recipients = Integer.getInteger("sluice.bench.overload-recipients", 20_000);
    private final int threshold = Integer.getInteger("sluice.bench.queue-threshold", 2000);
    private final int concurrency = Integer.getInteger("sluice.bench.drain-concurrency", 50);
    private final int chunkSize = Integer.getInteger("sluice.bench.chunk-size", 100);
    private final int connections = Integer.getInteger("sluice.bench.connections", 2);
    private final Path probeWar =
            Path.of(System.getProperty("sluice.layout.probe-war", "probe-war/target/sluice-probe.war"));
    private final Path probeRemoteCli =
            Path.of(System.getProperty("sluice.layout.probe-remote-cli", "probe-war/wildfly/probe-remote.cli"));
    private SmtpSink sink;
    private PrivatePostfix postfix;
    private WildFlyProcess wildFly;
    private RemoteProbeServer remoteProbe;
    private boolean cleanedUp;

    OverloadBenchmark(SluiceLayout layout) {
        this.layout = layout;
    }

    public static void main(String[] args) {
        OverloadBenchmark bench = new OverloadBenchmark(SluiceLayout.fromSystemProperties());
        ServerRun.exitWith("BENCHMARK", bench::run, bench::cleanUp);
    }

    int run() throws Exception {
        out.printf(
                Locale.ROOT,
                "%n=== Sluice overload benchmark: N=%,d, Postfix relaying to smtp-sink -w 1 with %d"
                        + " deliveries in parallel, queue threshold %,d ===%n%n",
                recipients,
                concurrency,
                threshold);
        sink = new SmtpSink(SINK_PORT, layout.workDir().resolve("smtp-sink-slow.log"), 1);
        sink.start();
        postfix = PrivatePostfix.start(
                layout.workDir().resolve("postfix"),
                POSTFIX_PORT,
                SINK_PORT,
                Map.of(
                        "default_process_limit", Integer.toString(concurrency + 100),
                        "smtp_destination_concurrency_limit", Integer.toString(concurrency),
                        "initial_destination_concurrency", Integer.toString(concurrency),
                        "default_destination_concurrency_limit", Integer.toString(concurrency)));
        out.println("Postfix smtpd on 127.0.0.1:" + POSTFIX_PORT + ", relaying to smtp-sink on " + sink.where());

        // (a) The naive loop: as fast as Postfix accepts.
        out.printf(
                Locale.ROOT,
                "%n(a) Plain Jakarta Mail loop, %d connections, as fast as Postfix accepts ...%n",
                connections);
        System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        QueueWatch naiveQueue = new QueueWatch(postfix);
        long t0 = System.nanoTime();
        PlainMailLoop.Result naive = new PlainMailLoop("127.0.0.1", POSTFIX_PORT).send(recipients, connections);
        double naiveAccepted = (System.nanoTime() - t0) / 1e9;
        out.printf(
                Locale.ROOT,
                "  Postfix accepted %,d in %.1f s; waiting for its queue to drain ...%n",
                naive.accepted(),
                naiveAccepted);
        double naiveDone = naiveQueue.awaitEmpty(t0, Duration.ofHours(2));
        double drainRate = recipients / naiveDone;
        out.printf(
                Locale.ROOT,
                "  delivered in %.1f s: drain rate %.1f msgs/s, peak queue %,d%n",
                naiveDone,
                drainRate,
                naiveQueue.peak());

        // (b) Sluice, with the probe reading Postfix's spool.
        out.printf(
                Locale.ROOT,
                "%n(b) Sluice, queue threshold %,d (resume at %,d), chunks of %d, %d connections ...%n",
                threshold,
                threshold * 3 / 4,
                chunkSize,
                connections);
        SluiceClient.Login admin = SluiceClient.Login.generated("sluice-bench");
        SluiceClient.Login broker = SluiceClient.Login.generated(BROKER_USER);
        SluiceClient client = startSluice(admin, broker);
        client.updateMta(CAMPAIGN_MTA, probedBy(IN_SERVER_PROBE_ID).build());
        String remoteSetup = startRemoteProbe(client, admin, broker);
        long campaign = client.createCampaign(
                SampleCampaign.draft("Overload benchmark N=" + recipients, chunkSize, connections));
        Path csv = layout.workDir().resolve("overload-recipients.csv");
        SampleRecipients.write(csv, recipients, false);
        ProgressWatch quiet = new ProgressWatch(
                client, new PrintStream(PrintStream.nullOutputStream()), Duration.ofMillis(500), Duration.ofMinutes(5));
        ImportResult imported = quiet.awaitImport(campaign, client.importCsv(campaign, csv));
        if (imported.imported() != recipients) {
            throw new IllegalStateException("import ended with " + imported.imported() + " of " + recipients);
        }
        QueueWatch sluiceQueue = new QueueWatch(postfix);
        long t1 = System.nanoTime();
        client.send(campaign);
        SendResult sent =
                new ProgressWatch(client, out, Duration.ofSeconds(15), Duration.ofHours(2)).awaitSend(campaign);
        double sluiceDone = sluiceQueue.awaitEmpty(t1, Duration.ofHours(1));
        double goodput = recipients / sluiceDone / drainRate;
        JsonObject probe = admission(client, CAMPAIGN_MTA).getJsonObject("probeRoundTrip");
        JsonObject remoteProbeRoundTrip = admission(client, REMOTE_MTA).getJsonObject("probeRoundTrip");

        out.println();
        out.println("Results");
        out.printf(
                Locale.ROOT,
                "  N                      %,d messages, %,d bytes each (multipart/alternative)%n",
                recipients,
                naive.messageBytes());
        out.printf(
                Locale.ROOT,
                "  relay                  Postfix -> smtp-sink -w 1, %d in parallel: drain %.1f msgs/s (measured in (a))%n",
                concurrency,
                drainRate);
        out.printf(
                Locale.ROOT,
                "  (a) naive loop         peak Postfix queue %,d; all accepted after %.1f s, all delivered after %.1f s%n",
                naiveQueue.peak(),
                naiveAccepted,
                naiveDone);
        out.printf(
                Locale.ROOT,
                "  (b) Sluice             peak Postfix queue %,d (threshold %,d + one chunk = %,d); job %s after %.1f s, all delivered after %.1f s%n",
                sluiceQueue.peak(),
                threshold,
                threshold + chunkSize,
                sent.batchStatus(),
                sent.duration().toMillis() / 1000.0,
                sluiceDone);
        out.printf(
                Locale.ROOT,
                "  Sluice goodput         %.1f msgs/s = %.2f of the drain rate (target >= %.1f)%s%n",
                recipients / sluiceDone,
                goodput,
                TARGET_GOODPUT,
                goodput >= TARGET_GOODPUT ? "" : "  BELOW TARGET");
        out.printf(
                Locale.ROOT,
                "  peak queue target      %s%n",
                sluiceQueue.peak() <= threshold + chunkSize ? "met" : "MISSED");
        out.printf(
                Locale.ROOT,
                "  probe round trip       in-server (LoadManager -> JMS -> probe MDB -> reply): %s%n",
                describeRoundTrip(probe));
        out.printf(
                Locale.ROOT,
                "  probe round trip       remote (LoadManager -> JMS -> HTTP upgrade on loopback -> probe MDB on"
                        + " the second WildFly -> reply): %s%n",
                describeRoundTrip(remoteProbeRoundTrip));
        out.printf(
                Locale.ROOT,
                "  remote probe           %s; its MTA '%s' enabled, not in the campaign's pool%n",
                remoteSetup,
                REMOTE_MTA);
        if (!sent.completed() || sent.sentThisRun() != recipients || naive.accepted() != recipients) {
            out.println("BENCHMARK FAILED: not every message was sent (Sluice " + sent.batchStatus() + ", "
                    + sent.sentThisRun() + "; naive " + naive.accepted() + ")");
            return 1;
        }
        return 0;
    }

    /**
     * @param admin  the benchmark's login to Sluice's API
     * @param broker the remote probe's login to Sluice's broker, added here (before the start) as
     *               docs/load-aware-sending.md says: add-user.sh -a -u sluice-probe -g guest on Sluice's server
     */
    private SluiceClient startSluice(SluiceClient.Login admin, SluiceClient.Login broker) throws Exception {
        Path base =
                WildFlyProcess.freshBase(layout.wildflyHome(), layout.workDir().resolve("wildfly-overload-base"));
        wildFly = WildFlyProcess.builder(layout.wildflyHome())
                .baseDir(base)
                .systemProperties(
                        Map.of("sluice.mta.host", "127.0.0.1", "sluice.mta.port", Integer.toString(POSTFIX_PORT)))
                .consoleLog(layout.workDir().resolve("wildfly-overload-console.log"))
                .out(out)
                .build();
        wildFly.addSluiceUser(admin.user(), admin.password(), "admin");
        wildFly.addApplicationUser(broker.user(), broker.password(), BROKER_GROUP);
        wildFly.start(Duration.ofMinutes(2), layout.ear().getFileName().toString(), "probe-bench.war");
        wildFly.deploy(probeWarFor(postfix.queueDirectory()), Duration.ofMinutes(2));
        wildFly.deploy(layout.ear(), Duration.ofMinutes(3));
        SluiceClient client = new SluiceClient(SluiceClient.DEFAULT_BASE, admin);
        for (int i = 0; i < 150 && !client.isUp(); i++) {
            Thread.sleep(200);
        }
        return client;
    }

    /**
     * Starts the remote probe (its own WildFly, probe-remote.cli, the WAR as built) and registers its MTA entry: the
     * same Postfix as the campaign's MTA, enabled, but in no pool, so it never takes mail. SendHistory asks the probes
     * of all enabled MTAs every 5 s, so the LoadManager's round trips to it accumulate while the campaign runs; the
     * campaign MTA keeps the in-server probe, so the in-server figures stay comparable with earlier runs. Waits for its
     * first answer, so a broken setup fails here rather than after the campaign.
     *
     * @return the setup, for the results
     */
    private String startRemoteProbe(SluiceClient client, SluiceClient.Login admin, SluiceClient.Login broker)
            throws Exception {
        remoteProbe = new RemoteProbeServer(layout.wildflyHome(), layout.workDir(), REMOTE_PROBE_ID, out);
        remoteProbe.start(broker, WildFlyProcess.HTTP_PORT, postfix.queueDirectory(), Duration.ofMinutes(2));
        remoteProbe.configure(probeRemoteCli);
        remoteProbe.deploy(probeWar);
        new MtaRegistration(SluiceClient.DEFAULT_BASE, admin)
                .add(probedBy(REMOTE_PROBE_ID)
                        .add("name", REMOTE_MTA)
                        .add("host", "127.0.0.1")
                        .add("port", POSTFIX_PORT)
                        .add("enabled", true)
                        .build());
        JsonObject reading = awaitFirstReading(client, REMOTE_MTA, Duration.ofSeconds(90));
        JsonObject queue = reading.getJsonObject("queue");
        if (queue.getInt("total") < 0) {
            throw new IllegalStateException("the remote probe cannot count Postfix's queue: " + queue);
        }
        String setup = remoteProbe.describe(broker.user(), WildFlyProcess.HTTP_PORT);
        out.printf(
                Locale.ROOT,
                "Remote probe: %s; MTA entry '%s' (127.0.0.1:%d, enabled, not in the campaign's pool)"
                        + " answered: queue %d (reader %s)%n",
                setup,
                REMOTE_MTA,
                POSTFIX_PORT,
                queue.getInt("total"),
                queue.getString("reader"));
        return setup;
    }

    /** The probe and thresholds both MTA entries get: one Postfix, watched by two probes. */
    private JsonObjectBuilder probedBy(String probeId) {
        return Json.createObjectBuilder()
                .add("probeId", probeId)
                .add("maxQueueDepth", threshold)
                .add("queueResumeDepth", threshold * 3 / 4)
                .add("loadPerCpuStop", 1000.0)
                .add("loadPerCpuResume", 900.0)
                .add("memoryStopPercent", 0.0)
                .add("memoryResumePercent", 0.0)
                .add("spoolMinFreeMb", 0);
    }

    /**
     * Polls GET /mtas/status (each call asks probes whose reading is older than 1 s) until the MTA's probe has
     * answered once: the remote MDB may still be connecting to the broker when its deployment is reported done.
     *
     * @return the probe's first reading
     */
    private static JsonObject awaitFirstReading(SluiceClient client, String mta, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonObject last = admission(client, mta);
        while (!last.containsKey("status") || last.isNull("status")) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "the probe of MTA " + mta + " did not answer within " + timeout.toSeconds() + " s: " + last);
            }
            Thread.sleep(500);
            last = admission(client, mta);
        }
        return last.getJsonObject("status");
    }

    /** One MTA's entry of GET /mtas/status. */
    private static JsonObject admission(SluiceClient client, String mta) {
        return client.mtaStatus().getValuesAs(JsonObject.class).stream()
                .filter(m -> m.getString("mtaName").equals(mta))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("GET /mtas/status has no MTA " + mta));
    }

    private static String describeRoundTrip(JsonObject roundTrip) {
        return String.format(
                Locale.ROOT,
                "p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d asks",
                roundTrip.getJsonNumber("p50Millis").doubleValue(),
                roundTrip.getJsonNumber("p99Millis").doubleValue(),
                roundTrip.getJsonNumber("maxMillis").doubleValue(),
                roundTrip.getInt("samples"));
    }

    /** The probe WAR with its own settings file: probe id, Postfix spool reader on the private instance. */
    private Path probeWarFor(Path queueDirectory) throws IOException {
        Path war = layout.workDir().resolve("probe-bench.war");
        Files.copy(probeWar, war, StandardCopyOption.REPLACE_EXISTING);
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + war.toUri()), Map.of())) {
            Path settings = zip.getPath("WEB-INF/classes/sluice-probe.properties");
            Files.createDirectories(settings.getParent());
            Files.writeString(
                    settings,
                    String.join(
                            "\n",
                            "sluice.probe.id=" + IN_SERVER_PROBE_ID,
                            "sluice.probe.queue-reader=postfix",
                            "sluice.probe.postfix-queue-directory=" + queueDirectory,
                            "sluice.probe.refresh-millis=250",
                            ""));
        }
        return war;
    }

    synchronized void cleanUp() {
        if (cleanedUp) {
            return;
        }
        cleanedUp = true;
        // The remote probe first: stopped after Sluice's broker, it would keep reconnecting while it waits.
        if (remoteProbe != null) {
            remoteProbe.stop(Duration.ofSeconds(30));
        }
        if (wildFly != null) {
            wildFly.stop(Duration.ofSeconds(60));
        }
        if (postfix != null) {
            try {
                postfix.close();
            } catch (Exception e) {
                out.println("stopping Postfix: " + e.getMessage());
            }
        }
        if (sink != null) {
            sink.close();
        }
    }

    /** Samples Postfix's queue depth every 100 ms: its peak, and when it is empty. */
    private static final class QueueWatch {
        private final PrivatePostfix postfix;
        private final AtomicLong peak = new AtomicLong();
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "queue-watch");
            t.setDaemon(true);
            return t;
        });

        QueueWatch(PrivatePostfix postfix) {
            this.postfix = postfix;
            sampler.scheduleWithFixedDelay(this::sample, 0, 100, TimeUnit.MILLISECONDS);
        }

        private void sample() {
            try {
                peak.accumulateAndGet(postfix.queueDepth(), Math::max);
            } catch (IOException e) {
                // files moved under the walk: the next sample counts
            }
        }

        long peak() {
            return peak.get();
        }

        /** @return seconds from {@code startNanos} until the queue was empty (checked every 100 ms) */
        double awaitEmpty(long startNanos, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (postfix.queueDepth() > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Postfix's queue did not drain within " + timeout);
                }
                Thread.sleep(100);
            }
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            sampler.shutdownNow();
            return seconds;
        }
    }
}
