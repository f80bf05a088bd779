package org.sluice.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import org.sluice.demo.client.SluiceClient;
import org.sluice.demo.server.WildFlyProcess;

/**
 * An MTA host as docs/load-aware-sending.md ("A probe on another host") sets it up, here on the same machine: a
 * second WildFly process (the provisioned distribution, a fresh server base dir of its own, plain
 * standalone-full.xml, ports +400, listening on 127.0.0.1 only), configured with the shipped
 * probe-war/wildfly/probe-remote.cli as RemoteProbeIT does it and running sluice-probe.war, which answers Sluice's
 * LoadManager through the Artemis broker inside Sluice's WildFly over HTTP upgrade, logged in as a broker user of
 * Sluice's server.
 */
final class RemoteProbeServer implements AutoCloseable {

    /** Clear of Sluice's server (+0) and the integration tests' servers (+100 to +300). */
    static final int PORT_OFFSET = 400;

    static final int HTTP_PORT = WildFlyProcess.HTTP_PORT + PORT_OFFSET;
    static final int MANAGEMENT_PORT = WildFlyProcess.MANAGEMENT_PORT + PORT_OFFSET;
    /** The WildFly configuration an MTA host runs: the distribution's own, no Sluice settings. */
    private static final String SERVER_CONFIG = "standalone-full.xml";
    /**
     * A probe answers from memory and counts the spool in the background: it needs far less than Sluice's 1 GB, and
     * a fixed heap keeps it from growing into the memory the measured server uses. An admin's JBOSS_JAVA_SIZING wins.
     */
    private static final String JAVA_SIZING = "-Xms128m -Xmx512m -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=256m";

    private final Path home;
    private final Path workDir;
    private final String probeId;
    private final PrintStream out;
    private final JBossCli cli;
    private WildFlyProcess wildFly;

    /**
     * @param home    the provisioned WildFly (the same distribution Sluice runs on)
     * @param workDir where its server base dir, settings and console log go
     * @param probeId the id this probe answers to (and its MTA has in Sluice)
     */
    RemoteProbeServer(Path home, Path workDir, String probeId, PrintStream out) {
        this.home = home;
        this.workDir = workDir;
        this.probeId = probeId;
        this.out = out;
        this.cli = new JBossCli(home, MANAGEMENT_PORT);
    }

    String probeId() {
        return probeId;
    }

    /**
     * Starts the server on a fresh base dir with the settings docs/load-aware-sending.md names for an MTA host: where
     * Sluice's broker is (host, HTTP port), the broker user, and the probe's id and queue reader. They go in a
     * properties file ({@code --properties}, readable only by its owner) rather than on the command line, so the
     * password is not in the process list.
     *
     * @param broker        the application user (group guest) created on Sluice's server with add-user.sh
     * @param brokerPort    Sluice's HTTP port, which carries the broker's HTTP upgrade
     * @param postfixQueue  the queue_directory of the Postfix this probe watches (the server runs as root: readable)
     */
    void start(SluiceClient.Login broker, int brokerPort, Path postfixQueue, Duration timeout)
            throws IOException, InterruptedException, TimeoutException {
        Path base = workDir.resolve("wildfly-remote-probe-base");
        Path settingsFile = base.resolve("sluice-probe-host.properties");
        wildFly = WildFlyProcess.builder(home)
                .name("the remote probe's WildFly")
                .baseDir(base)
                .config(SERVER_CONFIG)
                .portOffset(PORT_OFFSET)
                .bindAddress("127.0.0.1")
                .javaSizing(JAVA_SIZING)
                .propertiesFile(settingsFile)
                .consoleLog(workDir.resolve("wildfly-remote-probe-console.log"))
                .out(out)
                .build();
        // Before the base dir is emptied: a server left on these ports by an earlier run may still be using it.
        wildFly.requirePortsFree();
        WildFlyProcess.freshBase(home, base);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("sluice.broker.host", "127.0.0.1");
        settings.put("sluice.broker.port", Integer.toString(brokerPort));
        settings.put("sluice.broker.user", broker.user());
        settings.put("sluice.broker.password", broker.password());
        settings.put("sluice.probe.id", probeId);
        settings.put("sluice.probe.queue-reader", "postfix");
        settings.put("sluice.probe.postfix-queue-directory", postfixQueue.toString());
        // As the in-server probe counts it, so the two differ only in where they run.
        settings.put("sluice.probe.refresh-millis", "250");
        writePrivately(settingsFile, settings);
        wildFly.start(timeout);
    }

    /** Applies probe-war/wildfly/probe-remote.cli with WildFly's own CLI, as an admin would; it ends with a reload. */
    void configure(Path probeRemoteCli) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        cli.runScript(probeRemoteCli);
        out.printf(
                "Applied %s to the remote probe's WildFly (reloaded) in %.1f s%n",
                probeRemoteCli, (System.nanoTime() - t0) / 1e9);
    }

    /** Deploys the probe WAR as it is built (its settings are the server's system properties, see start). */
    void deploy(Path probeWar) throws IOException, InterruptedException {
        if (!Files.isRegularFile(probeWar)) {
            throw new IllegalStateException(
                    probeWar + " does not exist: build it first (./mvnw -pl probe-war install)");
        }
        long t0 = System.nanoTime();
        cli.runCommand("deploy " + probeWar.toAbsolutePath());
        out.printf(
                "%s deployed on the remote probe's WildFly in %.1f s%n",
                probeWar.getFileName(), (System.nanoTime() - t0) / 1e9);
    }

    /** One line for the benchmark's output: how this probe is reached. */
    String describe(String brokerUser, int brokerPort) {
        return "second WildFly (" + SERVER_CONFIG + ", base " + wildFly.baseDir() + ", port offset +" + PORT_OFFSET
                + ": HTTP 127.0.0.1:" + HTTP_PORT + ", management 127.0.0.1:" + MANAGEMENT_PORT
                + "), configured by probe-remote.cli, probe id "
                + probeId + ", broker user " + brokerUser + " (group guest) on Sluice's broker at 127.0.0.1:"
                + brokerPort
                + " (HTTP upgrade)";
    }

    /**
     * SIGTERM to the server JVM (WildFly's graceful shutdown), SIGKILL if it is still up after the grace period.
     * Idempotent: the benchmark's clean-up may run twice (normal end, then the shutdown hook).
     */
    void stop(Duration grace) {
        if (wildFly != null) {
            wildFly.stop(grace);
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }

    private static void writePrivately(Path file, Map<String, String> settings) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Properties properties = new Properties();
        properties.putAll(settings);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
            properties.store(writer, "System properties of the remote probe's WildFly (OverloadBenchmark)");
        }
    }
}
