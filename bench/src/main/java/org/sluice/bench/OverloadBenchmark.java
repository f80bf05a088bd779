package org.sluice.bench;

import static java.lang.System.out;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
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
 * round trips. Targets: Sluice's peak queue <= threshold + one chunk; goodput >= 0.9.
 * <p>
 * System properties: sluice.bench.overloadRecipients (20000), sluice.bench.queueThreshold (2000),
 * sluice.bench.drainConcurrency (50: Postfix's deliveries to the slow relay in parallel), sluice.bench.chunkSize (100),
 * sluice.bench.connections (2), sluice.bench.probeWar. Needs root (Postfix) and Debian's postfix package.
 */
public final class OverloadBenchmark {

    private static final int POSTFIX_PORT = 2598;
    private static final int SINK_PORT = 2527;
    private static final double TARGET_GOODPUT = 0.9;

    private final SluiceLayout layout;
    private final int recipients = Integer.getInteger("sluice.bench.overloadRecipients", 20_000);
    private final int threshold = Integer.getInteger("sluice.bench.queueThreshold", 2000);
    private final int concurrency = Integer.getInteger("sluice.bench.drainConcurrency", 50);
    private final int chunkSize = Integer.getInteger("sluice.bench.chunkSize", 100);
    private final int connections = Integer.getInteger("sluice.bench.connections", 2);
    private final Path probeWar = Path.of(System.getProperty("sluice.bench.probeWar", "probe-war/target/sluice-probe.war"));
    private SmtpSink sink;
    private PrivatePostfix postfix;
    private WildFlyProcess wildFly;
    private boolean cleanedUp;

    OverloadBenchmark(SluiceLayout layout) {
        this.layout = layout;
    }

    public static void main(String[] args) {
        OverloadBenchmark bench = new OverloadBenchmark(SluiceLayout.fromSystemProperties());
        ServerRun.exitWith("BENCHMARK", bench::run, bench::cleanUp);
    }

    int run() throws Exception {
        out.printf(Locale.ROOT, "%n=== Sluice overload benchmark: N=%,d, Postfix relaying to smtp-sink -w 1 with %d"
                + " deliveries in parallel, queue threshold %,d ===%n%n", recipients, concurrency, threshold);
        sink = new SmtpSink(SINK_PORT, layout.workDir().resolve("smtp-sink-slow.log"), 1);
        sink.start();
        postfix = PrivatePostfix.start(layout.workDir().resolve("postfix"), POSTFIX_PORT, SINK_PORT, Map.of(
                "default_process_limit", Integer.toString(concurrency + 100),
                "smtp_destination_concurrency_limit", Integer.toString(concurrency),
                "initial_destination_concurrency", Integer.toString(concurrency),
                "default_destination_concurrency_limit", Integer.toString(concurrency)));
        out.println("Postfix smtpd on 127.0.0.1:" + POSTFIX_PORT + ", relaying to smtp-sink on " + sink.where());

        // (a) The naive loop: as fast as Postfix accepts.
        out.printf(Locale.ROOT, "%n(a) Plain Jakarta Mail loop, %d connections, as fast as Postfix accepts ...%n", connections);
        System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        QueueWatch naiveQueue = new QueueWatch(postfix);
        long t0 = System.nanoTime();
        PlainMailLoop.Result naive = new PlainMailLoop("127.0.0.1", POSTFIX_PORT).send(recipients, connections);
        double naiveAccepted = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "  Postfix accepted %,d in %.1f s; waiting for its queue to drain ...%n", naive.accepted(), naiveAccepted);
        double naiveDone = naiveQueue.awaitEmpty(t0, Duration.ofHours(2));
        double drainRate = recipients / naiveDone;
        out.printf(Locale.ROOT, "  delivered in %.1f s: drain rate %.1f msgs/s, peak queue %,d%n", naiveDone, drainRate, naiveQueue.peak());

        // (b) Sluice, with the probe reading Postfix's spool.
        out.printf(Locale.ROOT, "%n(b) Sluice, queue threshold %,d (resume at %,d), chunks of %d, %d connections ...%n",
                threshold, threshold * 3 / 4, chunkSize, connections);
        SluiceClient client = startSluice();
        client.updateMta("default", Json.createObjectBuilder()
                .add("probeId", "bench-postfix").add("maxQueueDepth", threshold).add("queueResumeDepth", threshold * 3 / 4)
                .add("loadPerCpuStop", 1000.0).add("loadPerCpuResume", 900.0)
                .add("memoryStopPercent", 0.0).add("memoryResumePercent", 0.0).add("spoolMinFreeMb", 0).build());
        long campaign = client.createCampaign(SampleCampaign.draft("Overload benchmark N=" + recipients, chunkSize, connections));
        Path csv = layout.workDir().resolve("overload-recipients.csv");
        SampleRecipients.write(csv, recipients, false);
        ProgressWatch quiet = new ProgressWatch(client, new PrintStream(PrintStream.nullOutputStream()),
                Duration.ofMillis(500), Duration.ofMinutes(5));
        ImportResult imported = quiet.awaitImport(campaign, client.importCsv(campaign, csv));
        if (imported.imported() != recipients) {
            throw new IllegalStateException("import ended with " + imported.imported() + " of " + recipients);
        }
        QueueWatch sluiceQueue = new QueueWatch(postfix);
        long t1 = System.nanoTime();
        client.send(campaign);
        SendResult sent = new ProgressWatch(client, out, Duration.ofSeconds(15), Duration.ofHours(2)).awaitSend(campaign);
        double sluiceDone = sluiceQueue.awaitEmpty(t1, Duration.ofHours(1));
        double goodput = recipients / sluiceDone / drainRate;
        JsonObject probe = client.mtaStatus().getValuesAs(JsonObject.class).stream()
                .filter(m -> m.getString("mtaName").equals("default")).findFirst().orElseThrow()
                .getJsonObject("probeRoundTrip");

        out.println();
        out.println("Results");
        out.printf(Locale.ROOT, "  N                      %,d messages, %,d bytes each (multipart/alternative)%n", recipients, naive.messageBytes());
        out.printf(Locale.ROOT, "  relay                  Postfix -> smtp-sink -w 1, %d in parallel: drain %.1f msgs/s (measured in (a))%n",
                concurrency, drainRate);
        out.printf(Locale.ROOT, "  (a) naive loop         peak Postfix queue %,d; all accepted after %.1f s, all delivered after %.1f s%n",
                naiveQueue.peak(), naiveAccepted, naiveDone);
        out.printf(Locale.ROOT, "  (b) Sluice             peak Postfix queue %,d (threshold %,d + one chunk = %,d); job %s after %.1f s, all delivered after %.1f s%n",
                sluiceQueue.peak(), threshold, threshold + chunkSize, sent.batchStatus(), sent.duration().toMillis() / 1000.0, sluiceDone);
        out.printf(Locale.ROOT, "  Sluice goodput         %.1f msgs/s = %.2f of the drain rate (target >= %.1f)%s%n",
                recipients / sluiceDone, goodput, TARGET_GOODPUT, goodput >= TARGET_GOODPUT ? "" : "  BELOW TARGET");
        out.printf(Locale.ROOT, "  peak queue target      %s%n", sluiceQueue.peak() <= threshold + chunkSize ? "met" : "MISSED");
        out.printf(Locale.ROOT, "  probe round trip       in-server (LoadManager -> JMS -> probe MDB -> reply): p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d asks%n",
                probe.getJsonNumber("p50Millis").doubleValue(), probe.getJsonNumber("p99Millis").doubleValue(),
                probe.getJsonNumber("maxMillis").doubleValue(), probe.getInt("samples"));
        if (!sent.completed() || sent.sentThisRun() != recipients || naive.accepted() != recipients) {
            out.println("BENCHMARK FAILED: not every message was sent (Sluice " + sent.batchStatus() + ", "
                    + sent.sentThisRun() + "; naive " + naive.accepted() + ")");
            return 1;
        }
        return 0;
    }

    private SluiceClient startSluice() throws Exception {
        Path base = WildFlyProcess.freshBase(layout.wildflyHome(), layout.workDir().resolve("wildfly-overload-base"));
        wildFly = new WildFlyProcess(layout.wildflyHome(), base,
                Map.of("sluice.mta.host", "127.0.0.1", "sluice.mta.port", Integer.toString(POSTFIX_PORT)),
                layout.workDir().resolve("wildfly-overload-console.log"), out);
        SluiceClient.Login login = SluiceClient.Login.generated("sluice-bench");
        wildFly.addApplicationUser(login.user(), login.password(), "admin");
        wildFly.start(Duration.ofMinutes(2), layout.ear().getFileName().toString(), "probe-bench.war");
        wildFly.deploy(probeWarFor(postfix.queueDirectory()), Duration.ofMinutes(2));
        wildFly.deploy(layout.ear(), Duration.ofMinutes(3));
        SluiceClient client = new SluiceClient(SluiceClient.DEFAULT_BASE, login);
        for (int i = 0; i < 150 && !client.isUp(); i++) {
            Thread.sleep(200);
        }
        return client;
    }

    /** The probe WAR with its own settings file: probe id, Postfix spool reader on the private instance. */
    private Path probeWarFor(Path queueDirectory) throws IOException {
        Path war = layout.workDir().resolve("probe-bench.war");
        Files.copy(probeWar, war, StandardCopyOption.REPLACE_EXISTING);
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + war.toUri()), Map.of())) {
            Path settings = zip.getPath("WEB-INF/classes/sluice-probe.properties");
            Files.createDirectories(settings.getParent());
            Files.writeString(settings, String.join("\n",
                    "sluice.probe.id=bench-postfix",
                    "sluice.probe.queue.reader=postfix",
                    "sluice.probe.postfix.queue.directory=" + queueDirectory,
                    "sluice.probe.refresh.millis=250", ""));
        }
        return war;
    }

    synchronized void cleanUp() {
        if (cleanedUp) {
            return;
        }
        cleanedUp = true;
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
