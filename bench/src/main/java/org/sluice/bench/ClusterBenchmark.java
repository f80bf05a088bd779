package org.sluice.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sluice.demo.client.ImportResult;
import org.sluice.demo.client.ProgressWatch;
import org.sluice.demo.client.SluiceClient;
import org.sluice.demo.sample.SampleCampaign;
import org.sluice.demo.sample.SampleRecipients;
import org.sluice.demo.server.ServerRun;
import org.sluice.demo.server.SluiceLayout;
import org.sluice.demo.server.WildFlyProcess;

/**
 * What a second node buys and what a node's death costs. Two WildFly nodes (standalone-full-ha configured by the
 * admin's scripts: {@code sluice-cluster.xml}) share one PostgreSQL database; the MTAs are {@link PacedSmtpSink}s
 * that each accept a fixed number of messages per second, whatever the connections. Three measurements, in one run:
 * <ol>
 * <li>one node alone sends a campaign over the sinks: goodput (messages/s from Send to COMPLETED) against the sum of
 * the sinks' rates, and the node's CPU time per message;</li>
 * <li>both nodes send the same campaign size (started on node a; node b helps): goodput, each node's share, and the
 * CPU time per message of both JVMs together (coordination cost: slices, slot locks, per-answer commits);</li>
 * <li>node a, running a campaign's own job, is killed (SIGKILL) at 30 %: the time until node b claims a slice node a
 * held, until node b runs the campaign's job, until COMPLETED; duplicates at the sinks.</li>
 * </ol>
 * System properties: sluice.bench.cluster-recipients (30000), sluice.bench.cluster-sinks (4),
 * sluice.bench.cluster-sink-rate (150 messages/s each), sluice.bench.cluster-sink-latency-millis (0: the least time
 * from a message to its answer, which bounds each connection), sluice.bench.cluster-connections (4 per node),
 * sluice.bench.cluster-chunk-size (200). Needs PostgreSQL (as the
 * PostgreSQL throughput benchmark) and 2 x 1 GiB of heap.
 */
public final class ClusterBenchmark {

    private static final String[] NODES = {"node-a", "node-b"};
    private static final int[] OFFSETS = {0, 100};
    private static final int SINK_BASE_PORT = 2540;
    private static final String CONFIG = "sluice-cluster.xml";

    private final SluiceLayout layout;
    private final int recipients = Integer.getInteger("sluice.bench.cluster-recipients", 30_000);
    private final int sinkCount = Integer.getInteger("sluice.bench.cluster-sinks", 4);
    private final int sinkRate = Integer.getInteger("sluice.bench.cluster-sink-rate", 150);
    private final int sinkLatency = Integer.getInteger("sluice.bench.cluster-sink-latency-millis", 0);
    private final int connections = Integer.getInteger("sluice.bench.cluster-connections", 4);
    private final int chunkSize = Integer.getInteger("sluice.bench.cluster-chunk-size", 200);
    private final int warmUp = Integer.getInteger("sluice.bench.cluster-warm-up", 10_000);
    /** The nodes' sluice.ledger.group-size; blank: a cluster node's default (1). */
    private final String groupSize = Optional.ofNullable(System.getProperty("sluice.bench.cluster-group-size"))
            .orElse("")
            .strip();

    private final PrintStream out = System.out;
    private final List<PacedSmtpSink> sinks = new ArrayList<>();
    private final WildFlyProcess[] nodes = new WildFlyProcess[2];
    private final SluiceClient[] clients = new SluiceClient[2];
    private final SluiceClient.Login login = SluiceClient.Login.generated("sluice-bench");
    private Map<String, String> shared;

    private ClusterBenchmark(SluiceLayout layout) {
        this.layout = layout;
    }

    public static void main(String[] args) {
        ClusterBenchmark bench = new ClusterBenchmark(SluiceLayout.fromSystemProperties());
        ServerRun.exitWith("BENCHMARK", bench::run, bench::cleanUp);
    }

    /**
     * One send's figures: CPU time per message of the nodes' JVMs together and of PostgreSQL's processes, and the
     * database transactions committed per message (the shared part a cluster cannot spread over more nodes).
     */
    private record Send(
            String label,
            double seconds,
            double goodput,
            double steadyGoodput,
            double cpuMicrosPerMessage,
            double dbCpuMicrosPerMessage,
            double commitsPerMessage,
            String shares) {}

    int run() throws Exception {
        int capacity = sinkCount * sinkRate;
        out.printf(
                Locale.ROOT,
                "%n=== Sluice cluster benchmark: N=%,d, %d sinks x %d msgs/s = %,d msgs/s (answers after >= %d ms),"
                        + " C=%d per node, chunk %d, answers committed in groups of %s ===%n%n",
                recipients,
                sinkCount,
                sinkRate,
                capacity,
                sinkLatency,
                connections,
                chunkSize,
                groupSize.isEmpty() ? "1 (a cluster node's default)" : groupSize);
        for (int i = 0; i < sinkCount; i++) {
            PacedSmtpSink sink = new PacedSmtpSink(SINK_BASE_PORT + i, sinkRate, sinkLatency);
            sink.start();
            sinks.add(sink);
        }
        shared = new LinkedHashMap<>(BenchDatabase.POSTGRESQL.freshServerProperties("cluster"));
        shared.put(
                "sluice.cluster.initial-hosts",
                "127.0.0.1[" + (7600 + OFFSETS[0]) + "],127.0.0.1[" + (7600 + OFFSETS[1]) + "]");
        shared.put("jboss.messaging.cluster.password", "sluice-bench-cluster");
        if (!groupSize.isEmpty()) {
            shared.put("sluice.ledger.group-size", groupSize);
        }
        shared.put(
                "sluice.secrets.key-file",
                layout.workDir().resolve("cluster-secrets.key").toString());
        Files.deleteIfExists(layout.workDir().resolve("cluster-secrets.key"));

        start(0);
        for (int i = 0; i < sinkCount; i++) {
            new MtaRegistration(base(0), login)
                    .add(Json.createObjectBuilder()
                            .add("name", "sink-" + i)
                            .add("host", "127.0.0.1")
                            .add("port", SINK_BASE_PORT + i)
                            .add("maxConnections", 2 * connections)
                            .add("enabled", true)
                            .build());
        }
        Send alone = send("1 node", new int[] {0});
        start(1);
        Send both = send("2 nodes", new int[] {0, 1});
        failover();

        out.println();
        out.println("Results (goodput: messages/s from Send to COMPLETED; steady: from 10 % to 90 % of the messages;"
                + " capacity: the sinks' rates together)");
        out.printf(
                Locale.ROOT,
                "%-8s %9s %12s %9s %9s %9s %14s %14s %12s  %s%n",
                "nodes",
                "time s",
                "goodput",
                "of cap.",
                "steady",
                "of cap.",
                "CPU us/msg",
                "DB CPU us/msg",
                "DB tx/msg",
                "messages per node");
        for (Send s : List.of(alone, both)) {
            out.printf(
                    Locale.ROOT,
                    "%-8s %9.1f %12.1f %9.2f %9.1f %9.2f %14.0f %14.0f %12.2f  %s%n",
                    s.label(),
                    s.seconds(),
                    s.goodput(),
                    s.goodput() / capacity,
                    s.steadyGoodput(),
                    s.steadyGoodput() / capacity,
                    s.cpuMicrosPerMessage(),
                    s.dbCpuMicrosPerMessage(),
                    s.commitsPerMessage(),
                    s.shares());
        }
        out.printf(
                Locale.ROOT,
                "2 nodes: goodput %.2f of capacity (target >= 0.95), %.2f from 10 %% to 90 %%; CPU per message %.2f x"
                        + " one node's%n",
                both.goodput() / capacity,
                both.steadyGoodput() / capacity,
                both.cpuMicrosPerMessage() / alone.cpuMicrosPerMessage());
        return 0;
    }

    private void start(int i) throws Exception {
        Map<String, String> properties = new LinkedHashMap<>(shared);
        properties.put("jboss.node.name", NODES[i]);
        properties.put("jboss.tx.node.id", NODES[i]);
        Path base =
                WildFlyProcess.freshBase(layout.wildflyHome(), layout.workDir().resolve(NODES[i] + "-base"));
        nodes[i] = WildFlyProcess.builder(layout.wildflyHome())
                .baseDir(base)
                .config(CONFIG)
                .portOffset(OFFSETS[i])
                .systemProperties(properties)
                .consoleLog(layout.workDir().resolve(NODES[i] + "-console.log"))
                .out(out)
                .build();
        nodes[i].addSluiceUser(login.user(), login.password(), "admin");
        nodes[i].start(Duration.ofMinutes(3), layout.ear().getFileName().toString());
        nodes[i].deploy(layout.ear(), Duration.ofMinutes(3));
        clients[i] = new SluiceClient(base(i), login);
        for (int t = 0; t < 150 && !clients[i].isUp(); t++) {
            Thread.sleep(200);
        }
        out.println(NODES[i] + " up on port " + (8080 + OFFSETS[i]));
    }

    private static URI base(int i) {
        return URI.create("http://127.0.0.1:" + (8080 + OFFSETS[i]) + "/sluice/api/");
    }

    private long campaign(String name, int size) throws Exception {
        JsonArrayBuilder pool = Json.createArrayBuilder();
        for (int i = 0; i < sinkCount; i++) {
            pool.add("sink-" + i);
        }
        JsonObject draft = Json.createObjectBuilder(SampleCampaign.draft(name, chunkSize, connections))
                .add("mtas", pool)
                .build();
        long campaign = clients[0].createCampaign(draft);
        Path csv = layout.workDir().resolve("cluster-recipients-" + size + ".csv");
        SampleRecipients.write(csv, size, false);
        ProgressWatch quiet = new ProgressWatch(
                clients[0],
                new PrintStream(PrintStream.nullOutputStream()),
                Duration.ofMillis(500),
                Duration.ofMinutes(5));
        ImportResult imported = quiet.awaitImport(campaign, clients[0].importCsv(campaign, csv));
        if (imported.imported() != size) {
            throw new IllegalStateException("import ended with " + imported.imported() + " of " + size);
        }
        return campaign;
    }

    private Send send(String label, int[] running) throws Exception {
        if (warmUp > 0) {
            // The JIT's first minutes are not the CPU a message costs: warm the running nodes up, unmeasured.
            long first = campaign("Cluster benchmark, warm-up, " + label, warmUp);
            long t0 = System.nanoTime();
            clients[0].send(first);
            awaitCompleted(clients[0], first, Duration.ofMinutes(15));
            out.printf(
                    Locale.ROOT,
                    "%s: warm-up of %,d sent in %.1f s (not measured)%n",
                    label,
                    warmUp,
                    (System.nanoTime() - t0) / 1e9);
        }
        long campaign = campaign("Cluster benchmark, " + label, recipients);
        sinks.forEach(PacedSmtpSink::clear);
        Thread.sleep(6_000); // the nodes' transaction counters refresh every 5 s
        long[] transactions = new long[2];
        Duration[] cpu = new Duration[2];
        Duration dbCpu = databaseCpu();
        long commits = databaseCommits();
        for (int i : running) {
            transactions[i] = nodeTransactions(i);
            cpu[i] = cpu(i);
        }
        double steady;
        Instant sent = Instant.now();
        Instant ended;
        try (SteadyRate rate = new SteadyRate(
                () -> sinks.stream().mapToLong(PacedSmtpSink::accepted).sum(), recipients)) {
            clients[0].send(campaign);
            ended = awaitCompleted(clients[0], campaign, Duration.ofMinutes(15));
            steady = rate.perSecond();
        }
        double seconds = Duration.between(sent, ended).toNanos() / 1e9;
        Thread.sleep(6_000);
        double cpuNanos = 0;
        List<String> shares = new ArrayList<>();
        for (int i : running) {
            cpuNanos += cpu(i).minus(cpu[i]).toNanos();
            shares.add(NODES[i] + " " + (nodeTransactions(i) - transactions[i]));
        }
        long accepted = sinks.stream().mapToLong(PacedSmtpSink::accepted).sum();
        if (accepted != recipients) {
            out.println("WARNING: the sinks accepted " + accepted + " messages for " + recipients + " recipients");
        }
        double dbCpuNanos = databaseCpu().minus(dbCpu).toNanos();
        double commitsPerMessage = (double) (databaseCommits() - commits) / recipients;
        Send s = new Send(
                label,
                seconds,
                recipients / seconds,
                steady,
                cpuNanos / 1000 / recipients,
                dbCpuNanos / 1000 / recipients,
                commitsPerMessage,
                String.join(", ", shares));
        out.printf(
                Locale.ROOT,
                "%s: %.1f s, %.1f msgs/s (%.1f from 10 %% to 90 %% of the messages), %s%n",
                label,
                seconds,
                s.goodput(),
                s.steadyGoodput(),
                s.shares());
        return s;
    }

    private void failover() throws Exception {
        int size = recipients * 2 / 3;
        long campaign = campaign("Cluster benchmark, failover", size);
        sinks.forEach(PacedSmtpSink::clear);
        clients[0].send(campaign);
        while (clients[1].progress(campaign).getJsonObject("counts").getInt("sent") < size * 3 / 10) {
            Thread.sleep(100);
        }
        Set<Integer> heldByA = new HashSet<>();
        for (JsonObject slice : clients[1].slices(campaign).getValuesAs(JsonObject.class)) {
            if (slice.getBoolean("claimed") && NODES[0].equals(slice.getString("node", null))) {
                heldByA.add(slice.getInt("number"));
            }
        }
        long deadJob =
                clients[1].progress(campaign).getJsonNumber("executionId").longValue();
        ProcessHandle.of(nodes[0].serverPid()).ifPresent(ProcessHandle::destroyForcibly);
        long killedAt = System.nanoTime();
        double sliceTaken = -1;
        double jobTaken = -1;
        while (true) {
            double since = (System.nanoTime() - killedAt) / 1e9;
            if (sliceTaken < 0) {
                for (JsonObject slice : clients[1].slices(campaign).getValuesAs(JsonObject.class)) {
                    if (heldByA.contains(slice.getInt("number")) && NODES[1].equals(slice.getString("node", null))) {
                        sliceTaken = since;
                    }
                }
            }
            JsonObject progress = clients[1].progress(campaign);
            if (jobTaken < 0 && progress.getJsonNumber("executionId").longValue() != deadJob) {
                jobTaken = since;
            }
            if (!progress.getBoolean("running") || since > 600) {
                out.printf(
                        Locale.ROOT,
                        "%nFailover (N=%,d, node-a killed at 30 %% while holding slices %s): node-b claimed one of them"
                                + " %.1f s after the kill, ran the campaign's job after %.1f s, COMPLETED after %.1f s"
                                + " (%s); duplicates at the sinks: %d%n",
                        size,
                        heldByA,
                        sliceTaken,
                        jobTaken,
                        since,
                        progress.getString("status"),
                        sinks.stream().mapToLong(PacedSmtpSink::duplicates).sum());
                return;
            }
            Thread.sleep(100);
        }
    }

    /**
     * Polls once a second: the server's own end time makes the measurement exact, and the polls do not take CPU from
     * the node they measure (every one is an authenticated request).
     *
     * @return when the campaign's job ended, by the server's clock (this machine's)
     */
    private static Instant awaitCompleted(SluiceClient client, long campaign, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject progress = client.progress(campaign);
            String status = progress.getString("status");
            if ("COMPLETED".equals(status)) {
                return progress.get("ended") instanceof JsonString ended
                        ? Instant.parse(ended.getString())
                        : Instant.now();
            }
            if ("FAILED".equals(status) || "STOPPED".equals(status)) {
                throw new IllegalStateException("campaign " + campaign + " ended " + status);
            }
            Thread.sleep(1_000);
        }
        throw new IllegalStateException("campaign " + campaign + " not COMPLETED within " + timeout);
    }

    private Duration cpu(int i) {
        return ProcessHandle.of(nodes[i].serverPid())
                .flatMap(p -> p.info().totalCpuDuration())
                .orElseThrow(() -> new IllegalStateException(NODES[i] + ": no CPU time"));
    }

    /** CPU time of every PostgreSQL process on this machine (the server and its backends). */
    private static Duration databaseCpu() {
        return ProcessHandle.allProcesses()
                .filter(p ->
                        p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** Transactions committed in the nodes' database so far (PostgreSQL's statistics, flushed within a second). */
    private long databaseCommits() throws SQLException {
        try (Connection c = DriverManager.getConnection(
                        shared.get("sluice.db.url"), shared.get("sluice.db.user"), shared.get("sluice.db.password"));
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "select xact_commit from pg_stat_database where datname = current_database()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long nodeTransactions(int i) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (9990 + OFFSETS[i]) + "/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("(?m)^sluice_node_smtp_transactions_total\\S* ([0-9.E]+)$")
                .matcher(metrics.body());
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    void cleanUp() {
        for (WildFlyProcess node : nodes) {
            if (node != null) {
                node.close();
            }
        }
        for (PacedSmtpSink sink : sinks) {
            try {
                sink.close();
            } catch (Exception e) {
                out.println("closing a sink: " + e.getMessage());
            }
        }
    }
}
