package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sluice.testing.RefusingGreenMail;

/**
 * Two WildFly nodes (standalone-full-ha, ports +600 and +700 on 127.0.0.1) installed as docs/cluster.md says, sharing
 * one PostgreSQL database, and a probe on a third WildFly (standalone-full, +800) configured by probe-remote.cli with
 * both nodes: the nodes form one JGroups view, two campaigns started on different nodes share one MTA within its
 * maxConnections, the probed MTA's headroom is shared, the bounce schedule runs on one node only, and a node the
 * probe listens through is killed mid-campaign. PostgreSQL run only (a cluster needs a shared database).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final int[] OFFSETS = {600, 700};
    private static final String[] NAMES = {"node-a", "node-b"};
    private static final int SMTP_PORT = 3610;
    /** No mailbox listens here: a pass counts when it starts, and one that cannot connect is logged and retried. */
    private static final int IMAP_PORT = 3611;

    private static final int PROBE_OFFSET = 800;
    private static final String PROBE_ID = "cluster-probe";
    /** An admitted reading's part for this node: "…, 120 of it this server's (2 of 4 connections)". */
    private static final Pattern SHARE =
            Pattern.compile("(\\d+) of it this server's \\((\\d+) of (\\d+) connections\\)");

    private static final int RECIPIENTS = 300;
    private static final int LARGE = 20_000;
    private static final int KILLED = 10_000;
    private static final int REJOIN = 8_000;
    private static final int BUDGETED = 6_000;
    /** The probed MTA's queue limit: the probe reads no queue, so each reading allows this many messages. */
    private static final int HEADROOM = 200;

    private static final Duration START = Duration.ofMinutes(3);

    private static final RefusingGreenMail smtp = new RefusingGreenMail(SMTP_PORT);

    @RegisterExtension
    static final SmtpServerExtension SMTP_SERVER = SmtpServerExtension.startAndStop(smtp);

    private final String url = System.getProperty("sluice.it.cluster-db-url");
    private final Path bases =
            Path.of(System.getProperty("sluice.it.install-base")).resolveSibling("wildfly-cluster");
    private final Path scripts = Path.of(System.getProperty("sluice.layout.wildfly-scripts"));
    private final Path ear = Path.of(System.getProperty("sluice.layout.ear"));
    private final String driverJar = System.getProperty("sluice.layout.postgresql-driver-jar");
    private final String brokerUser = System.getProperty("sluice.it.broker-user");
    private final String brokerPassword = System.getProperty("sluice.it.broker-password");
    private final List<StandaloneServer> nodes = new ArrayList<>();
    private StandaloneServer probe;

    @BeforeAll
    void startTheNodes() throws Exception {
        assertNotNull(
                url,
                "sluice.it.cluster-db-url: a cluster shares a PostgreSQL database (the pom runs this test"
                        + " in the PostgreSQL run only)");
        String initialHosts = "127.0.0.1[" + (7600 + OFFSETS[0]) + "],127.0.0.1[" + (7600 + OFFSETS[1]) + "]";
        for (int i = 0; i < OFFSETS.length; i++) {
            Path base = bases.resolve(NAMES[i]);
            Path properties = Files.writeString(
                    Files.createDirectories(base).resolve("sluice.properties"),
                    String.join(
                            "\n",
                            "sluice.db.url=" + url,
                            "sluice.db.user=" + System.getProperty("sluice.it.db-user"),
                            "sluice.db.password=" + System.getProperty("sluice.it.db-password"),
                            "sluice.mta.host=127.0.0.1",
                            "sluice.mta.port=" + SMTP_PORT,
                            "sluice.cluster.initial-hosts=" + initialHosts,
                            // Every node opens the secrets the others sealed: one master key (docs/cluster.md).
                            "sluice.secrets.key-file=" + bases.resolve("sluice-secrets.key"),
                            "sluice.bounce.host=127.0.0.1",
                            "sluice.bounce.port=" + IMAP_PORT,
                            "sluice.bounce.user=bounces",
                            "sluice.bounce.password=bounces",
                            "sluice.bounce.fetch-interval-seconds=5",
                            "jboss.messaging.cluster.password=sluice-cluster-test",
                            ""));
            StandaloneServer node = new StandaloneServer(base, "standalone-full-ha.xml", OFFSETS[i], properties)
                    .withArguments("-Djboss.node.name=" + NAMES[i], "-Djboss.tx.node.id=" + NAMES[i]);
            nodes.add(node);
            Files.createFile(node.configurationDir().resolve("sluice-users.properties"));
            Files.createFile(node.configurationDir().resolve("sluice-roles.properties"));
            node.addApplicationUser(brokerUser, brokerPassword, "guest"); // the probe's login to the broker
            node.start(START);
            node.runScript(scripts.resolve("configure-postgresql.cli"), "-Dsluice.db.driver-jar=" + driverJar);
            node.runScript(scripts.resolve("configure-sluice.cli"));
            node.runScript(scripts.resolve("configure-cluster.cli"));
            node.addSluiceUser(SluiceUsers.ADMIN.user(), SluiceUsers.ADMIN.password(), "admin");
            node.command("deploy " + ear);
        }
        startTheProbe();
    }

    /** A probe on its own WildFly, configured as docs/cluster.md says: listening through both nodes. */
    private void startTheProbe() throws Exception {
        Path base = bases.resolve("probe");
        Path properties = Files.writeString(
                Files.createDirectories(base).resolve("probe.properties"),
                String.join(
                        "\n",
                        "sluice.broker.host=127.0.0.1",
                        "sluice.broker.port=" + (8080 + OFFSETS[0]),
                        "sluice.broker.host2=127.0.0.1",
                        "sluice.broker.port2=" + (8080 + OFFSETS[1]),
                        "sluice.broker.user=" + brokerUser,
                        "sluice.broker.password=" + brokerPassword,
                        "sluice.probe.id=" + PROBE_ID,
                        "sluice.probe.queue-reader=none",
                        "sluice.probe.spool-path=/tmp",
                        ""));
        probe = new StandaloneServer(base, "standalone-full.xml", PROBE_OFFSET, properties);
        probe.start(START);
        probe.runScript(Path.of(System.getProperty("sluice.layout.probe-remote-cli")));
        probe.command("deploy " + Path.of(System.getProperty("sluice.layout.probe-war")));
    }

    @AfterAll
    void stopTheServers() throws Exception {
        if (probe != null) {
            probe.close();
        }
        for (StandaloneServer node : nodes) {
            node.close();
        }
    }

    @Test
    void theNodesFormOneView() throws Exception {
        for (StandaloneServer node : nodes) {
            String view = node.operation("/subsystem=jgroups/channel=ee:read-attribute(name=view)")
                    .getString("result");
            for (String name : NAMES) {
                assertTrue(view.contains(name), "view of the channel ee: " + view);
            }
        }
    }

    @Test
    void campaignsOnTwoNodesShareAnMtaWithinItsConnections() throws Exception {
        SluiceRest a = new SluiceRest(OFFSETS[0]);
        SluiceRest b = new SluiceRest(OFFSETS[1]);
        a.putMta(
                "shared",
                Json.createObjectBuilder()
                        .add("host", "127.0.0.1")
                        .add("port", SMTP_PORT)
                        .add("maxConnections", 2)
                        .add("probeId", "")
                        .build());
        smtp.delayEachMessage(20);
        smtp.resetMaxConcurrentConnections(); // this test's peak, not an earlier test's on a wider MTA
        long onA = campaign(a, "cluster-a");
        long onB = campaign(b, "cluster-b");

        a.send(onA);
        b.send(onB);
        a.awaitFinished(onA, Duration.ofMinutes(4));
        b.awaitFinished(onB, Duration.ofMinutes(4));

        assertEquals("COMPLETED", b.progress(onA).getString("status"), "either node answers for any campaign");
        assertEquals("COMPLETED", a.progress(onB).getString("status"));
        assertEquals(2, smtp.maxConcurrentConnections(), "the MTA never saw more than its 2 connections at once");
        SentMail.assertEveryRecipientExactlyOnce(onA, RECIPIENTS, smtp);
        SentMail.assertEveryRecipientExactlyOnce(onB, RECIPIENTS, smtp);
    }

    @Test
    void bothNodesSendOneCampaignWithinTheMtasConnections() throws Exception {
        SluiceRest a = new SluiceRest(OFFSETS[0]);
        SluiceRest b = new SluiceRest(OFFSETS[1]);
        a.putMta("wide", wideMta());
        smtp.delayEachMessage(0);
        long campaign = a.createCampaign("cluster-wide", 200, 2, List.of("wide"), 600);
        JsonObject imported = a.importCsvChunked(campaign, SampleCsv.recipients(LARGE));
        assertEquals(LARGE, imported.getJsonObject("counts").getInt("imported"), imported.toString());
        Thread.sleep(6_000); // the metrics refresh every 5 s: the earlier tests' transactions are in
        long[] before = {nodeTransactions(OFFSETS[0]), nodeTransactions(OFFSETS[1])};

        smtp.resetMaxConcurrentConnections();
        a.send(campaign);
        JsonObject done = b.awaitFinished(campaign, Duration.ofMinutes(8));

        assertEquals("COMPLETED", done.getString("status"), done.toString());
        SentMail.assertEveryRecipientExactlyOnce(campaign, LARGE, smtp);
        assertTrue(smtp.maxConcurrentConnections() <= 4, "connections at once: " + smtp.maxConcurrentConnections());
        Thread.sleep(6_000); // the metrics refresh every 5 s
        long byA = nodeTransactions(OFFSETS[0]) - before[0];
        long byB = nodeTransactions(OFFSETS[1]) - before[1];
        System.out.println("ClusterIT: node-a sent " + byA + ", node-b " + byB + " of " + LARGE);
        assertEquals(LARGE, byA + byB, "every SMTP transaction was made by one of the nodes");
        assertTrue(byA >= LARGE * 3 / 10 && byB >= LARGE * 3 / 10, "each node sent at least 30 %: " + byA + ", " + byB);
        List<String> nodes = b.slices(campaign).getValuesAs(JsonObject.class).stream()
                .map(s -> s.getString("node"))
                .distinct()
                .sorted()
                .toList();
        assertEquals(List.of(NAMES[0], NAMES[1]), nodes, "the slices name the node that sent each");
    }

    /**
     * Both nodes send to a probed MTA: each takes its part of a reading's headroom, in proportion to the connections it
     * holds, so the parts add up to one reading's headroom and not one per node.
     */
    @Test
    void theNodesShareAProbedMtasHeadroom() throws Exception {
        SluiceRest a = new SluiceRest(OFFSETS[0]);
        SluiceRest b = new SluiceRest(OFFSETS[1]);
        a.putMta("probed", probedMta(HEADROOM));
        awaitAdmitted(b, "probed", Instant.EPOCH, Duration.ofSeconds(90));
        smtp.delayEachMessage(5);
        long campaign = a.createCampaign("cluster-budget", 200, 2, List.of("probed"), 600);
        a.importCsvChunked(campaign, SampleCsv.recipients(BUDGETED));

        a.send(campaign);
        int[] sharing = new int[2];
        List<String> agreeing = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (b.progress(campaign).getBoolean("running") && Instant.now().isBefore(deadline)) {
            Matcher onA = SHARE.matcher(a.mtaStatus().get("probed").getString("reason", ""));
            Matcher onB = SHARE.matcher(b.mtaStatus().get("probed").getString("reason", ""));
            boolean aShares = onA.find();
            boolean bShares = onB.find();
            sharing[0] += aShares ? 1 : 0;
            sharing[1] += bShares ? 1 : 0;
            // Both nodes counted the same connections: their parts must fit in one reading's headroom.
            if (aShares
                    && bShares
                    && onA.group(3).equals(onB.group(3))
                    && Integer.parseInt(onA.group(2)) + Integer.parseInt(onB.group(2))
                            == Integer.parseInt(onA.group(3))) {
                int sum = Integer.parseInt(onA.group(1)) + Integer.parseInt(onB.group(1));
                agreeing.add(onA.group() + " + " + onB.group());
                assertTrue(sum <= HEADROOM, "parts " + onA.group() + " + " + onB.group() + " exceed " + HEADROOM);
            }
            Thread.sleep(100);
        }

        JsonObject done = b.awaitFinished(campaign, Duration.ofSeconds(30));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        SentMail.assertEveryRecipientExactlyOnce(campaign, BUDGETED, smtp);
        System.out.println("ClusterIT: headroom parts seen on node-a " + sharing[0] + " times, node-b " + sharing[1]
                + "; both at once " + agreeing.size() + " times, e.g. "
                + agreeing.stream().findFirst().orElse("-"));
        assertTrue(sharing[0] > 0 && sharing[1] > 0, "each node took a part: " + sharing[0] + ", " + sharing[1]);
        assertTrue(agreeing.size() >= 3, "both nodes' parts seen together " + agreeing.size() + " times");
    }

    /**
     * Last: it kills a node (chosen by the seed) that started the campaign, runs its own job and holds one of the
     * probe's sessions, at a random point, and starts it again at the end. The campaign's MTA is probed, so the other
     * node sends only while the probe answers it through the broker cluster after the kill.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void aKilledNodesCampaignIsFinishedByTheOtherWithoutAnyCommand() throws Exception {
        long seed = Long.getLong("sluice.it.kill-seed", System.nanoTime());
        Random random = new Random(seed);
        int killAfter = KILLED * (20 + random.nextInt(50)) / 100;
        int lead = random.nextInt(2);
        int other = 1 - lead;
        System.out.println("ClusterIT: seed " + seed + " (-Dsluice.it.kill-seed=" + seed + "): " + NAMES[lead]
                + " is killed once " + killAfter + " of " + KILLED + " are sent");
        awaitProbeListeningOnBothNodes(Duration.ofSeconds(60));
        SluiceRest leader = new SluiceRest(OFFSETS[lead]);
        SluiceRest survivor = new SluiceRest(OFFSETS[other]);
        leader.putMta("probed-wide", probedMta(1_000_000));
        awaitAdmitted(survivor, "probed-wide", Instant.EPOCH, Duration.ofSeconds(90));
        smtp.delayEachMessage(0);
        long campaign = leader.createCampaign("cluster-kill", 200, 2, List.of("probed-wide"), 600);
        JsonObject imported = leader.importCsvChunked(campaign, SampleCsv.recipients(KILLED));
        assertEquals(KILLED, imported.getJsonObject("counts").getInt("imported"), imported.toString());

        leader.send(campaign);
        survivor.awaitSentAtLeast(campaign, killAfter, Duration.ofMinutes(4));
        nodes.get(lead).kill();
        Instant killed = Instant.now();
        long killedAt = System.nanoTime();
        awaitAdmitted(survivor, "probed-wide", killed, Duration.ofSeconds(60));
        double probeBack = (System.nanoTime() - killedAt) / 1e9;
        JsonObject done = survivor.awaitFinished(campaign, Duration.ofMinutes(5));
        double failover = (System.nanoTime() - killedAt) / 1e9;

        assertEquals("COMPLETED", done.getString("status"), "completed by the other node alone: " + done);
        Map<String, Integer> received = received(campaign);
        int duplicates = received.values().stream().mapToInt(n -> n - 1).sum();
        System.out.printf(
                "ClusterIT: %s killed after %d sent; the probe answered %s again %.1f s later; %s completed the"
                        + " campaign %.1f s after the kill; %d duplicates (bound: 2 per SMTP connection of the killed"
                        + " node, 4)%n",
                NAMES[lead], killAfter, NAMES[other], probeBack, NAMES[other], failover, duplicates);
        assertEquals(KILLED, received.size(), "every recipient mailed");
        assertTrue(duplicates <= 4, duplicates + " duplicates, more than 2 per SMTP connection of the killed node");
        assertEquals(KILLED, done.getJsonObject("counts").getInt("sent"), "every recipient recorded SENT once");

        // The killed node comes back and takes work again.
        nodes.get(lead).start(START);
        long before = nodeTransactions(OFFSETS[lead]);
        // More slices than the survivor's 2 partitions hold at once, and slow enough for the other's helper to find
        // them.
        smtp.delayEachMessage(5);
        survivor.putMta("wide", wideMta());
        long next = survivor.createCampaign("cluster-rejoin", 200, 2, List.of("wide"), 600);
        survivor.importCsvChunked(next, SampleCsv.recipients(REJOIN));
        survivor.send(next);
        assertEquals(
                "COMPLETED", survivor.awaitFinished(next, Duration.ofMinutes(4)).getString("status"));
        Thread.sleep(6_000);
        long byRestarted = nodeTransactions(OFFSETS[lead]) - before;
        System.out.println("ClusterIT: " + NAMES[lead] + ", started again, sent " + byRestarted + " of " + REJOIN);
        assertTrue(byRestarted > 0, "the restarted node helps with a campaign started on the other");
        SentMail.assertEveryRecipientExactlyOnce(next, REJOIN, smtp);
        // The probe's listener spreads over both nodes again, so it would survive the other's death too.
        awaitProbeListeningOnBothNodes(Duration.ofSeconds(60));
    }

    @Test
    void theBounceScheduleRunsOnOneNodeOnly() throws Exception {
        // Deltas: the timer may have moved once, when node b joined and Infinispan gave it the timer's key.
        long[] before = {bouncePasses(OFFSETS[0]), bouncePasses(OFFSETS[1])};
        Thread.sleep(30_000);
        long onA = bouncePasses(OFFSETS[0]) - before[0];
        long onB = bouncePasses(OFFSETS[1]) - before[1];
        assertTrue(onA + onB >= 3, "passes every 5 s: " + onA + " + " + onB);
        assertTrue(onA == 0 || onB == 0, "one node ran them all: " + onA + " on a, " + onB + " on b");
    }

    /** An MTA whose probe answers through the broker cluster; thresholds no host reaches, a queue limit per reading. */
    private static JsonObject probedMta(int maxQueueDepth) {
        return Json.createObjectBuilder()
                .add("host", "127.0.0.1")
                .add("port", SMTP_PORT)
                .add("maxConnections", 4)
                .add("probeId", PROBE_ID)
                .add("maxQueueDepth", maxQueueDepth)
                .add("queueResumeDepth", maxQueueDepth / 2)
                .add("loadPerCpuStop", 1000.0)
                .add("loadPerCpuResume", 900.0)
                .add("memoryStopPercent", 0.0)
                .add("memoryResumePercent", 0.0)
                .add("spoolMinFreeMb", 0)
                .build();
    }

    /** Waits until the node admits the MTA on a probe reading that arrived after {@code since}. */
    private static void awaitAdmitted(SluiceRest node, String mta, Instant since, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonObject last = node.mtaStatus().get(mta);
        while (!("ADMITTED".equals(last.getString("state"))
                && last.get("readAt") instanceof JsonString readAt
                && Instant.parse(readAt.getString()).isAfter(since))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("MTA " + mta + " not admitted on a reading after " + since + " within "
                        + timeout + ": " + last);
            }
            Thread.sleep(250);
            last = node.mtaStatus().get(mta);
        }
    }

    /**
     * Waits until each node's broker holds the probe's subscription to the status requests: the probe listens through
     * both, so it survives either's death.
     */
    private void awaitProbeListeningOnBothNodes(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        int[] subscriptions = new int[nodes.size()];
        while (true) {
            for (int i = 0; i < nodes.size(); i++) {
                subscriptions[i] = nodes.get(i)
                        .operation("/subsystem=messaging-activemq/server=default/jms-topic=SluiceProbeRequests"
                                + ":read-attribute(name=non-durable-subscription-count)")
                        .getInt("result");
            }
            if (Arrays.stream(subscriptions).allMatch(n -> n > 0)) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the probe's subscriptions per node after " + timeout + ": "
                        + Arrays.toString(subscriptions) + " (" + String.join(", ", NAMES) + ")");
            }
            Thread.sleep(500);
        }
    }

    private static JsonObject wideMta() {
        return Json.createObjectBuilder()
                .add("host", "127.0.0.1")
                .add("port", SMTP_PORT)
                .add("maxConnections", 4)
                .add("probeId", "")
                .build();
    }

    /** Messages received per Message-ID (one per recipient) of the campaign. */
    private static Map<String, Integer> received(long campaign) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getMessageID().startsWith("<sluice." + campaign + ".")) {
                counts.merge(m.getMessageID(), 1, Integer::sum);
            }
        }
        return counts;
    }

    private long campaign(SluiceRest node, String name) {
        long campaign = node.createCampaign(name, 10, 2, List.of("shared"), 600);
        JsonObject imported = node.importCsv(campaign, SampleCsv.recipients(RECIPIENTS));
        assertEquals(RECIPIENTS, imported.getJsonObject("counts").getInt("imported"), imported.toString());
        return campaign;
    }

    private static long nodeTransactions(int offset) throws Exception {
        return metric(offset, "sluice_node_smtp_transactions_total");
    }

    private static long bouncePasses(int offset) throws Exception {
        return metric(offset, "sluice_bounce_passes_total");
    }

    private static long metric(int offset, String name) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (9990 + offset) + "/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("(?m)^" + name + "\\S* ([0-9.E]+)$").matcher(metrics.body());
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }
}
