package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The crash guarantee, measured: while a 20,000-recipient campaign is being sent, WildFly's JVM is killed with
 * SIGKILL (no shutdown hook, no suspend, no chunk boundary), started again on the same server base dir (H2 file,
 * lock file, job repository and transaction log as the kill left them), and the campaign restarted. Everyone must
 * be mailed, and duplicates are at most one per open SMTP transaction (accepted, outcome not yet journaled). The
 * embedded H2 writes commits to its file up to its write delay later, so the file lacks the last outcomes; the
 * writers' outcome journals (docs/delivery-guarantee.md, "Crash guarantee") hold them and the restart applies them.
 * Three kills on one server, at about 20 %, 50 % and 80 % of the messages received; the seed is printed and
 * {@code -Dsluice.it.kill-seed} replays it.
 */
@ExtendWith(ArquillianExtension.class)
class ServerKilledMidSendIT {

    private static final String SERVER = "wildfly-restartable";
    private static final String DEPLOYMENT = "sluice";
    private static final int PORT_OFFSET = 200;
    private static final int RECIPIENTS = 20_000;
    /** Two MTAs and two partitions: each partition keeps a connection to each MTA, so four SMTP connections. */
    private static final int[] SMTP_PORTS = {3140, 3141};

    private static final int CONNECTIONS = 2;
    /** Per message at the MTA: slows the send enough that a kill lands at a chosen point of it. */
    private static final long MESSAGE_DELAY_MILLIS = 1;

    private static final double[] KILL_FRACTIONS = {0.2, 0.5, 0.8};

    @ArquillianResource
    private ContainerController server;

    @ArquillianResource
    private Deployer deployer;

    private final List<CountingGreenMail> mtas =
            Arrays.stream(SMTP_PORTS).mapToObj(CountingGreenMail::new).toList();

    @RegisterExtension
    final SmtpServerExtension smtpServers = SmtpServerExtension.startAndStop(mtas);

    private final SluiceRest sluice = new SluiceRest(PORT_OFFSET);
    private final SluiceDatabase database = SluiceDatabase.restartServer();

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(SERVER)
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    @BeforeEach
    void startSluice() {
        mtas.forEach(mta -> mta.delayEachMessage(MESSAGE_DELAY_MILLIS));
        server.start(SERVER);
        deployer.deploy(DEPLOYMENT);
    }

    @AfterEach
    void stopSluice() throws Exception {
        if (server.isStarted(SERVER)) {
            if (serverAnswers()) {
                deployer.undeploy(DEPLOYMENT);
            }
            server.stop(SERVER);
        }
    }

    /**
     * Arquillian's bookkeeping: the process is already gone. Its stop asks the management interface to shut down when
     * it still takes the process for alive, which it can for a moment after the kill (connection refused): then ask
     * again.
     */
    private void stopDeadServer() {
        for (int attempt = 1; ; attempt++) {
            try {
                server.stop(SERVER);
                return;
            } catch (Exception e) {
                if (attempt == 5) {
                    throw e;
                }
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            }
        }
    }

    /** What one kill showed. */
    private record KillRun(
            double targetFraction,
            int receivedAtSignal,
            int receivedWhenDead,
            int recordedAtKill,
            int openConnectionsAtKill,
            int bound,
            int duplicates,
            int recoveredFromJournal,
            double secondsToKill,
            double secondsToRestart,
            double secondsTotal) {}

    @Test
    void sigkillMidSendThenRestartMailsEveryoneAndDuplicatesAtMostOneMessagePerOpenSmtpTransaction() throws Exception {
        long seed = Long.getLong("sluice.it.kill-seed", System.nanoTime());
        System.out.printf("ServerKilledMidSendIT: seed %d (replay with -Dsluice.it.kill-seed=%d)%n", seed, seed);
        Random random = new Random(seed);
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < SMTP_PORTS.length; i++) {
            String name = "kill-sink-" + (i + 1);
            sluice.putMta(
                    name,
                    Json.createObjectBuilder()
                            .add("host", "127.0.0.1")
                            .add("port", SMTP_PORTS[i])
                            .add("maxConnections", 4)
                            .build());
            pool.add(name);
        }

        List<KillRun> runs = new ArrayList<>();
        for (double around : KILL_FRACTIONS) {
            double fraction = around + (random.nextDouble() - 0.5) / 10; // +-5 points
            // A random pause after the n-th message, so the kill lands anywhere in an SMTP transaction, not just after
            // a 250.
            runs.add(killMidSendAndRestart(pool, fraction, random.nextInt(3000)));
        }

        System.out.println("ServerKilledMidSendIT: " + RECIPIENTS + " recipients, " + SMTP_PORTS.length + " MTAs, "
                + CONNECTIONS + " partitions, seed " + seed);
        System.out.println("  kill at | received at SIGKILL | when dead | in the database file | recovered from "
                + "journals | open transactions (bound) | duplicates | to kill | restart | total");
        for (KillRun r : runs) {
            System.out.printf(
                    Locale.ROOT,
                    "  %5.1f %% | %19d | %9d | %20d | %23d | %17d (%d) | %10d | %5.1f s | %5.1f s | %5.1f s%n",
                    r.targetFraction() * 100,
                    r.receivedAtSignal(),
                    r.receivedWhenDead(),
                    r.recordedAtKill(),
                    r.recoveredFromJournal(),
                    r.openConnectionsAtKill(),
                    r.bound(),
                    r.duplicates(),
                    r.secondsToKill(),
                    r.secondsToRestart(),
                    r.secondsTotal());
        }
    }

    private KillRun killMidSendAndRestart(List<String> pool, double fraction, int pauseMicros) throws Exception {
        mtas.forEach(CountingGreenMail::forget);
        int killAt = (int) Math.round(RECIPIENTS * fraction);
        long campaign = sluice.createCampaign(
                String.format(Locale.ROOT, "SIGKILL at %.1f %%", fraction * 100), 500, CONNECTIONS, pool, 900);
        JsonObject imported = sluice.importCsv(campaign, SampleCsv.recipients(RECIPIENTS));
        assertEquals(RECIPIENTS, imported.getJsonObject("counts").getInt("imported"), imported.toString());
        int bound = openSmtpConnectionsBound(campaign);
        ProcessHandle wildfly = serverProcess();

        long started = System.nanoTime();
        sluice.send(campaign);
        awaitAccepted(killAt);
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(pauseMicros));
        int openAtKill = openConnections();
        int receivedAtSignal = accepted();
        assertTrue(wildfly.destroyForcibly(), "SIGKILL to " + wildfly.pid()); // destroyForcibly is kill(pid, SIGKILL)
        wildfly.onExit().get(30, TimeUnit.SECONDS);
        long dead = System.nanoTime();
        // The kernel closes a dead process's sockets; a message whose last bytes were already on the wire still lands.
        awaitNoOpenConnections();
        int receivedWhenDead = accepted();
        System.out.printf(
                Locale.ROOT,
                "ServerKilledMidSendIT: campaign %d, SIGKILL to pid %d after %d of %d messages "
                        + "(%d when dead), %d SMTP connections open%n",
                campaign,
                wildfly.pid(),
                receivedAtSignal,
                RECIPIENTS,
                receivedWhenDead,
                openAtKill);

        stopDeadServer();
        server.start(SERVER);
        long restarted = System.nanoTime();

        // What the database file kept, against what the MTAs had accepted. H2 writes commits to its file up to its
        // WRITE_DELAY later, so the file lacks the last outcomes; the writers' outcome journals have them and the
        // restart applies them before reading anyone.
        Set<String> recorded = database.recipients(campaign).entrySet().stream()
                .filter(e -> e.getValue().state().equals("SENT"))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        Set<String> acceptedBeforeRestart =
                deliveries().stream().map(CountingGreenMail.Delivery::recipient).collect(Collectors.toSet());
        assertTrue(
                acceptedBeforeRestart.containsAll(recorded),
                "every recipient recorded SENT was received: the ledger never runs ahead of the MTA");
        assertTrue(recorded.size() < RECIPIENTS, "the kill came before the campaign ended: " + recorded.size());
        Set<String> acceptedNotRecorded = new HashSet<>(acceptedBeforeRestart);
        acceptedNotRecorded.removeAll(recorded);
        // The counters lost what the outcomes lost: the same transactions wrote both.
        database.assertCountsEqualARecount(campaign);

        sluice.restart(campaign);
        JsonObject done = sluice.awaitFinished(campaign, Duration.ofMinutes(3));
        long ended = System.nanoTime();

        assertEquals("COMPLETED", done.getString("batchStatus"), done.toString());
        Map<String, Long> received = receivedByRecipient(campaign);
        Set<String> duplicated = received.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        int duplicates = (int) received.values().stream().mapToLong(n -> n - 1).sum();
        int recoveredFromJournal = acceptedNotRecorded.size() - duplicated.size();
        System.out.printf(
                Locale.ROOT,
                "ServerKilledMidSendIT: campaign %d done, %d messages for %d recipients: "
                        + "%d accepted but not in the database file at the kill, %d of them recovered from the outcome "
                        + "journals, %d duplicates (bound: %d open SMTP transactions)%n",
                campaign,
                received.values().stream().mapToLong(Long::longValue).sum(),
                received.size(),
                acceptedNotRecorded.size(),
                recoveredFromJournal,
                duplicates,
                bound);

        Set<String> everyone =
                IntStream.range(0, RECIPIENTS).mapToObj(SampleCsv::address).collect(Collectors.toSet());
        Map<String, SluiceDatabase.RecipientRow> rows = database.recipients(campaign);
        Map<String, List<SluiceDatabase.DeliveryRecordRow>> records = database.deliveryRecords(campaign);
        Map<String, Set<String>> messageIds = messageIdsByRecipient();
        database.assertCountsEqualARecount(campaign);
        assertAll(
                "campaign " + campaign + " killed after " + receivedAtSignal + " messages",
                () -> assertEquals(everyone, received.keySet(), "every recipient received at least one message"),
                () -> assertTrue(
                        acceptedNotRecorded.containsAll(duplicated),
                        "only a message accepted but not recorded at the kill can be sent twice: " + duplicated),
                () -> assertTrue(
                        duplicates <= bound,
                        duplicates + " duplicates, more than the " + bound
                                + " SMTP transactions that can be open at once"),
                () -> assertTrue(openAtKill <= bound, openAtKill + " connections open, bound " + bound),
                () -> assertEquals(RECIPIENTS, done.getJsonObject("counts").getInt("sent"), done.toString()),
                () -> assertTrue(
                        rows.values().stream().allMatch(r -> r.state().equals("SENT") && r.attempts() == 1),
                        "every recipient SENT, one recorded attempt"),
                () -> assertEquals(everyone, records.keySet(), "a delivery_record for every recipient"),
                () -> assertTrue(
                        records.entrySet().stream()
                                .allMatch(e -> e.getValue().size() == 1
                                        && e.getValue().get(0).replyCode() == 250
                                        && e.getValue().get(0).attempt() == 1
                                        && messageIds
                                                .get(e.getKey())
                                                .equals(Set.of(
                                                        e.getValue().get(0).messageId()))),
                        "one 250 record per recipient, attempt 1, with the Message-ID every copy received carries"));

        return new KillRun(
                fraction,
                receivedAtSignal,
                receivedWhenDead,
                recorded.size(),
                openAtKill,
                bound,
                duplicates,
                recoveredFromJournal,
                seconds(dead - started),
                seconds(restarted - dead),
                seconds(ended - started));
    }

    /**
     * The SMTP transactions the campaign can have open at one instant: the job opens one connection per partition
     * to each MTA of its pool, and each connection carries at most one transaction. Partitions are the campaign's
     * connections, capped by the smallest maxConnections in the pool (SendSliceMapper), as Sluice stores them.
     */
    private int openSmtpConnectionsBound(long campaign) {
        JsonObject settings = sluice.campaign(campaign);
        List<String> pool = settings.getJsonArray("mtas").getValuesAs(JsonString::getString);
        Map<String, JsonObject> configured = sluice.mtas();
        int smallest = pool.stream()
                .mapToInt(name -> configured.get(name).getInt("maxConnections"))
                .min()
                .orElseThrow();
        return Math.min(settings.getInt("connections"), smallest) * pool.size();
    }

    /**
     * The server's JVM as the management API names it ({@code pid@host}); it must be a process this test JVM
     * started (Arquillian launches java directly), so the kill can never hit anything else.
     */
    private static ProcessHandle serverProcess() throws Exception {
        try (ModelControllerClient client = managementClient()) {
            ModelNode answer = client.execute(Operations.createReadAttributeOperation(
                    Operations.createAddress("core-service", "platform-mbean", "type", "runtime"), "name"));
            assertTrue(Operations.isSuccessfulOutcome(answer), answer.toString());
            String name = Operations.readResult(answer).asString();
            long pid = Long.parseLong(name.substring(0, name.indexOf('@')));
            return ProcessHandle.current()
                    .descendants()
                    .filter(p -> p.pid() == pid)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(
                            "the server's pid " + pid + " (" + name + ") is not a process this test started"));
        }
    }

    private static boolean serverAnswers() {
        try (ModelControllerClient client = managementClient()) {
            return Operations.isSuccessfulOutcome(client.execute(
                    Operations.createReadAttributeOperation(new ModelNode().setEmptyList(), "server-state")));
        } catch (Exception e) {
            return false;
        }
    }

    private static ModelControllerClient managementClient() throws Exception {
        return ModelControllerClient.Factory.create("remote+http", "127.0.0.1", 9990 + PORT_OFFSET);
    }

    /** Messages of this campaign per envelope recipient; fails on mail of any other campaign. */
    private Map<String, Long> receivedByRecipient(long campaign) {
        Map<String, Long> counts = new HashMap<>();
        for (CountingGreenMail.Delivery d : deliveries()) {
            assertTrue(d.messageId().startsWith("<sluice." + campaign + "."), "mail of another campaign: " + d);
            counts.merge(d.recipient(), 1L, Long::sum);
        }
        return counts;
    }

    private Map<String, Set<String>> messageIdsByRecipient() {
        return deliveries().stream()
                .collect(Collectors.groupingBy(
                        CountingGreenMail.Delivery::recipient,
                        Collectors.mapping(CountingGreenMail.Delivery::messageId, Collectors.toSet())));
    }

    private List<CountingGreenMail.Delivery> deliveries() {
        return mtas.stream().flatMap(m -> m.deliveries().stream()).toList();
    }

    private int accepted() {
        return mtas.stream().mapToInt(CountingGreenMail::accepted).sum();
    }

    private int openConnections() {
        return mtas.stream().mapToInt(CountingGreenMail::openConnections).sum();
    }

    private void awaitAccepted(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (accepted() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + accepted() + " of " + count + " messages arrived within 2 minutes");
            }
            Thread.sleep(1); // about one message at this rate
        }
    }

    private void awaitNoOpenConnections() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (openConnections() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(openConnections() + " SMTP connections still open 30 s after the kill");
            }
            Thread.sleep(10);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
