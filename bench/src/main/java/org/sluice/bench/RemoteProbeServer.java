package org.sluice.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import org.sluice.demo.client.SluiceClient;
import org.sluice.demo.server.WildFlyProcess;

/**
 * An MTA host as README "A probe on another host" sets it up, here on the same machine: a second WildFly process
 * (the provisioned distribution, a fresh server base dir of its own, plain standalone-full.xml, ports +400, listening
 * on 127.0.0.1 only), configured with the shipped probe-war/wildfly/probe-remote.cli as RemoteProbeIT does it and
 * running sluice-probe.war, which answers Sluice's LoadManager through the Artemis broker inside Sluice's WildFly
 * over HTTP upgrade, logged in as a broker user of Sluice's server.
 * <p>
 * Not a {@link WildFlyProcess}: that one starts {@code -c sluice.xml} on the fixed ports 8080/9990 and refuses to
 * start while they are taken, and Sluice's own server holds them while this one runs.
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
    private Path base;
    private Process process;

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
     * Starts the server on a fresh base dir with the settings README names for an MTA host: where Sluice's broker is
     * (host, HTTP port), the broker user, and the probe's id and queue reader. They go in a properties file
     * ({@code --properties}, readable only by its owner) rather than on the command line, so the password is not in
     * the process list.
     *
     * @param broker        the application user (group guest) created on Sluice's server with add-user.sh
     * @param brokerPort    Sluice's HTTP port, which carries the broker's HTTP upgrade
     * @param postfixQueue  the queue_directory of the Postfix this probe watches (the server runs as root: readable)
     */
    void start(SluiceClient.Login broker, int brokerPort, Path postfixQueue, Duration timeout)
            throws IOException, InterruptedException, TimeoutException {
        requireFree(HTTP_PORT, "HTTP");
        requireFree(MANAGEMENT_PORT, "management");
        base = WildFlyProcess.freshBase(home, workDir.resolve("wildfly-remote-probe-base"));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("sluice.broker.host", "127.0.0.1");
        settings.put("sluice.broker.port", Integer.toString(brokerPort));
        settings.put("sluice.broker.user", broker.user());
        settings.put("sluice.broker.password", broker.password());
        settings.put("sluice.probe.id", probeId);
        settings.put("sluice.probe.queue.reader", "postfix");
        settings.put("sluice.probe.postfix.queue.directory", postfixQueue.toString());
        // As the in-server probe counts it, so the two differ only in where they run.
        settings.put("sluice.probe.refresh.millis", "250");
        Path settingsFile = writePrivately(base.resolve("sluice-probe-host.properties"), settings);

        Path consoleLog = workDir.resolve("wildfly-remote-probe-console.log");
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                "-c", SERVER_CONFIG,
                "-Djboss.server.base.dir=" + base,
                "-Djboss.socket.binding.port-offset=" + PORT_OFFSET,
                "-b", "127.0.0.1", "-bmanagement", "127.0.0.1", "-Djboss.bind.address.unsecure=127.0.0.1",
                "--properties=" + settingsFile.toUri()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(consoleLog.toFile());
        // As WildFlyProcess does: standalone.sh runs java in the background and passes SIGTERM on; the same JDK.
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        builder.environment().put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
        builder.environment().putIfAbsent("JBOSS_JAVA_SIZING", JAVA_SIZING);
        out.println("Starting the remote probe's WildFly (-c " + SERVER_CONFIG + ", port offset +" + PORT_OFFSET
                + ", settings " + settingsFile + "), console log " + consoleLog);
        long t0 = System.nanoTime();
        process = builder.start();
        String bootLine;
        while ((bootLine = bootLine(consoleLog)) == null) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the remote probe's WildFly exited with code " + process.exitValue()
                        + " while starting; see " + consoleLog);
            }
            if (System.nanoTime() - t0 > timeout.toNanos()) {
                throw new TimeoutException("the remote probe's WildFly did not start within " + timeout.toSeconds()
                        + " s; see " + consoleLog);
            }
            Thread.sleep(200);
        }
        out.printf("Remote probe's WildFly started in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, bootLine);
    }

    /** Applies probe-war/wildfly/probe-remote.cli with WildFly's own CLI, as an admin would; it ends with a reload. */
    void configure(Path probeRemoteCli) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        cli.runScript(probeRemoteCli);
        out.printf("Applied %s to the remote probe's WildFly (reloaded) in %.1f s%n", probeRemoteCli,
                (System.nanoTime() - t0) / 1e9);
    }

    /** Deploys the probe WAR as it is built (its settings are the server's system properties, see start). */
    void deploy(Path probeWar) throws IOException, InterruptedException {
        if (!Files.isRegularFile(probeWar)) {
            throw new IllegalStateException(probeWar + " does not exist: build it first (mvn -pl probe-war install)");
        }
        long t0 = System.nanoTime();
        cli.runCommand("deploy " + probeWar.toAbsolutePath());
        out.printf("%s deployed on the remote probe's WildFly in %.1f s%n", probeWar.getFileName(),
                (System.nanoTime() - t0) / 1e9);
    }

    /** One line for the benchmark's output: how this probe is reached. */
    String describe(String brokerUser, int brokerPort) {
        return "second WildFly (" + SERVER_CONFIG + ", base " + base + ", port offset +" + PORT_OFFSET + ": HTTP 127.0.0.1:"
                + HTTP_PORT + ", management 127.0.0.1:" + MANAGEMENT_PORT + "), configured by probe-remote.cli, probe id "
                + probeId + ", broker user " + brokerUser + " (group guest) on Sluice's broker at 127.0.0.1:" + brokerPort
                + " (HTTP upgrade)";
    }

    /**
     * SIGTERM to the server JVM (WildFly's graceful shutdown), SIGKILL if it is still up after the grace period.
     * Idempotent: the benchmark's clean-up may run twice (normal end, then the shutdown hook).
     */
    void stop(Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        out.println("Stopping the remote probe's WildFly ...");
        long t0 = System.nanoTime();
        List<ProcessHandle> jvms = process.descendants().toList();
        List<ProcessHandle> all = new ArrayList<>(jvms);
        all.add(process.toHandle());
        (jvms.isEmpty() ? List.of(process.toHandle()) : jvms).forEach(ProcessHandle::destroy);
        try {
            if (!awaitExit(all, grace)) {
                out.println("The remote probe's WildFly did not stop within " + grace.toSeconds() + " s: killing it");
                all.forEach(ProcessHandle::destroyForcibly);
                awaitExit(all, Duration.ofSeconds(10));
                return;
            }
            out.printf("Remote probe's WildFly stopped in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all.forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }

    private static Path writePrivately(Path file, Map<String, String> settings) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Properties properties = new Properties();
        properties.putAll(settings);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
            properties.store(writer, "System properties of the remote probe's WildFly (OverloadBenchmark)");
        }
        return file;
    }

    private static boolean awaitExit(List<ProcessHandle> processes, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (processes.stream().anyMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /** The boot message (WFLYSRV0025, or WFLYSRV0026 when something failed to start), once it is logged. */
    private static String bootLine(Path consoleLog) throws IOException {
        if (!Files.exists(consoleLog)) {
            return null;
        }
        for (String line : Files.readAllLines(consoleLog, StandardCharsets.ISO_8859_1)) {
            int at = Math.max(line.indexOf("WFLYSRV0025"), line.indexOf("WFLYSRV0026"));
            if (at >= 0) {
                return line.substring(at).strip();
            }
        }
        return null;
    }

    /** A server already on these ports (e.g. left by an aborted run) would otherwise get the CLI script. */
    private static void requireFree(int port, String what) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " (the remote probe's WildFly " + what + ") is in use on"
                    + " 127.0.0.1: is a WildFly from an earlier run still up? Stop it first.");
        }
    }
}
