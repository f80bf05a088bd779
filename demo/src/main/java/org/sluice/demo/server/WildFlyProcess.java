package org.sluice.demo.server;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;

/**
 * The provisioned WildFly (server/target/wildfly-*) as a child process: started with a configuration file (Sluice's
 * sluice.xml unless told otherwise), a port offset, a heap and system properties, an EAR deployed through the
 * deployment scanner, stopped with SIGTERM (WildFly's own graceful shutdown) and killed only if that does not end it
 * in time. The console goes to a log file. Built with {@link #builder}; the demo runs Sluice's server with the
 * defaults, the benchmarks run it on a fresh base dir and a second WildFly beside it with an offset.
 */
public final class WildFlyProcess implements AutoCloseable {

    /** The ports of a server without a port offset. */
    public static final int HTTP_PORT = 8080;

    public static final int MANAGEMENT_PORT = 9990;
    /** The heap Sluice is run with here and recommended in docs/configuration.md (Heap). */
    public static final String SLUICE_JAVA_SIZING = "-Xms1g -Xmx1g -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=256m";
    /** Sluice's server configuration, made by the server module. */
    public static final String SLUICE_CONFIG = "sluice.xml";
    /** The scanner's marker files (WildFly deployment scanner, README.txt in standalone/deployments). */
    private static final List<String> MARKERS = List.of(
            ".dodeploy",
            ".skipdeploy",
            ".isdeploying",
            ".deployed",
            ".failed",
            ".isundeploying",
            ".undeployed",
            ".pending");

    private final Path home;
    /** The server base dir (configuration, data, deployments, log): home/standalone or a fresh copy. */
    private final Path base;

    private final String name;
    private final String config;
    private final int portOffset;
    private final String bindAddress;
    private final String javaSizing;
    private final Map<String, String> properties;
    private final Path propertiesFile;
    private final Path consoleLog;
    private final PrintStream out;
    private Process process;

    private WildFlyProcess(Builder b) {
        this.home = b.home;
        this.base = b.base == null ? b.home.resolve("standalone") : b.base;
        this.name = b.name;
        this.config = b.config;
        this.portOffset = b.portOffset;
        this.bindAddress = b.bindAddress;
        this.javaSizing = b.javaSizing;
        this.properties = new TreeMap<>(b.properties);
        this.propertiesFile = b.propertiesFile;
        this.consoleLog = b.consoleLog == null ? base.resolve("log/console.log") : b.consoleLog;
        this.out = b.out;
    }

    /** A server of the provisioned WildFly at {@code home}; every option has a default (see {@link Builder}). */
    public static Builder builder(Path home) {
        return new Builder(home);
    }

    /** Options of a {@link WildFlyProcess}. */
    public static final class Builder {

        private final Path home;
        private Path base;
        private String name = "WildFly";
        private String config = SLUICE_CONFIG;
        private int portOffset;
        private String bindAddress;
        private String javaSizing = SLUICE_JAVA_SIZING;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private Path propertiesFile;
        private Path consoleLog;
        private PrintStream out = System.out;

        private Builder(Path home) {
            this.home = home;
        }

        /** A server base dir of its own (see {@link #freshBase}); default home/standalone. */
        public Builder baseDir(Path base) {
            this.base = base;
            return this;
        }

        /** How progress lines name this server; default "WildFly". */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The configuration file in the base dir's configuration/ ({@code -c}); default sluice.xml. */
        public Builder config(String config) {
            this.config = config;
            return this;
        }

        /** {@code jboss.socket.binding.port-offset}: every port moves by this much, so two servers run side by side. */
        public Builder portOffset(int portOffset) {
            this.portOffset = portOffset;
            return this;
        }

        /** The address the public and management interfaces listen on ({@code -b}, {@code -bmanagement}). */
        public Builder bindAddress(String bindAddress) {
            this.bindAddress = bindAddress;
            return this;
        }

        /**
         * The heap and metaspace ({@code JBOSS_JAVA_SIZING}); default {@link #SLUICE_JAVA_SIZING}. WildFly's own
         * default (-Xms64m -Xmx512m, bin/standalone.conf) starts small and grows under load; a fixed heap keeps runs
         * comparable. An admin's own JBOSS_JAVA_SIZING in the environment wins.
         */
        public Builder javaSizing(String javaSizing) {
            this.javaSizing = javaSizing;
            return this;
        }

        /** System properties for the server on its command line, e.g. sluice.mta.port. */
        public Builder systemProperties(Map<String, String> properties) {
            this.properties.putAll(properties);
            return this;
        }

        /** System properties from a file ({@code --properties}): secrets there stay out of the process list. */
        public Builder propertiesFile(Path propertiesFile) {
            this.propertiesFile = propertiesFile;
            return this;
        }

        /** Where the server's console output goes; default log/console.log in the base dir. */
        public Builder consoleLog(Path consoleLog) {
            this.consoleLog = consoleLog;
            return this;
        }

        /** Where progress lines go; default System.out. */
        public Builder out(PrintStream out) {
            this.out = out;
            return this;
        }

        public WildFlyProcess build() {
            return new WildFlyProcess(this);
        }
    }

    public int httpPort() {
        return HTTP_PORT + portOffset;
    }

    public int managementPort() {
        return MANAGEMENT_PORT + portOffset;
    }

    public Path baseDir() {
        return base;
    }

    public Path deployments() {
        return base.resolve("deployments");
    }

    /**
     * Makes {@code dir} a new server base dir holding only the provisioned configuration and the deployment content
     * it names (data/content: the PostgreSQL driver of sluice-postgresql.xml), no other data, no deployments, no
     * logs: a run that measures something starts from an empty database every time.
     */
    public static Path freshBase(Path home, Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Path configuration = home.resolve("standalone/configuration");
        try (var files = Files.list(configuration)) {
            Files.createDirectories(dir.resolve("configuration"));
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, dir.resolve("configuration").resolve(file.getFileName()));
            }
        }
        Path content = home.resolve("standalone/data/content");
        if (Files.isDirectory(content)) {
            try (var paths = Files.walk(content)) {
                for (Path p : paths.toList()) {
                    Path target = dir.resolve("data/content")
                            .resolve(content.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
        }
        Files.createDirectories(dir.resolve("deployments"));
        return dir;
    }

    /**
     * Adds (or updates) a user of Sluice in this server's SluiceRealm, as an admin would (docs/install.md): WildFly's
     * own {@code add-user.sh -up sluice-users.properties -gp sluice-roles.properties -r SluiceRealm -u USER -p PASSWORD
     * -g ROLE} on this base dir's configuration. Sluice's API and console need a login in role admin, operator or
     * viewer.
     */
    public void addSluiceUser(String user, String password, String role) throws IOException, InterruptedException {
        addUser(
                List.of("-up", "sluice-users.properties", "-gp", "sluice-roles.properties", "-r", "SluiceRealm"),
                user,
                password,
                role);
        out.println("Sluice user " + user + " (role " + role + ") in " + base.resolve("configuration"));
    }

    /**
     * Adds (or updates) a user of WildFly's ApplicationRealm ({@code add-user.sh -a}), e.g. the broker user a remote
     * probe logs in to this server's Artemis as.
     */
    public void addApplicationUser(String user, String password, String group)
            throws IOException, InterruptedException {
        addUser(List.of("-a"), user, password, group);
        out.println("Application user " + user + " (group " + group + ") in " + base.resolve("configuration"));
    }

    private void addUser(List<String> realmOptions, String user, String password, String group)
            throws IOException, InterruptedException {
        Path script = home.resolve("bin/add-user.sh");
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(realmOptions);
        command.addAll(List.of(
                "-u",
                user,
                "-p",
                password,
                "-g",
                group,
                "-sc",
                base.resolve("configuration").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JBOSS_HOME", home.toString());
        builder.environment()
                .put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
        Process addUser = builder.start();
        String output = new String(addUser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (addUser.waitFor() != 0) {
            throw new IllegalStateException(script + " could not add user " + user + ": " + output.strip());
        }
    }

    /**
     * Starts the server and waits until it reports started. Deployments the scanner left from an earlier run
     * of {@code staleDeployments} are removed first, so the server boots without them.
     */
    public void start(Duration timeout, String... staleDeployments)
            throws IOException, InterruptedException, TimeoutException {
        Path script = home.resolve("bin/standalone.sh");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("no WildFly at " + home + " (" + script + " missing): build the server"
                    + " module first, e.g. ./mvnw -pl server install");
        }
        requirePortsFree();
        for (String deployment : staleDeployments) {
            removeDeployment(deployment);
        }
        Files.createDirectories(consoleLog.getParent());
        ProcessBuilder builder =
                new ProcessBuilder(command(script)).redirectErrorStream(true).redirectOutput(consoleLog.toFile());
        // standalone.sh then runs java in the background and passes SIGTERM/SIGINT on to it.
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        // The same JDK as this JVM, whatever is first on the PATH.
        builder.environment()
                .put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
        builder.environment().putIfAbsent("JBOSS_JAVA_SIZING", javaSizing);
        out.println("Starting " + name + " " + home.getFileName() + " (" + describeOptions() + "), console log "
                + consoleLog);
        long t0 = System.nanoTime();
        process = builder.start();
        String bootLine;
        while ((bootLine = bootLine()) == null) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " while starting; last lines of " + consoleLog + ":\n" + tail(consoleLog, 30));
            }
            if (System.nanoTime() - t0 > timeout.toNanos()) {
                throw new TimeoutException(
                        name + " did not start within " + timeout.toSeconds() + " s; see " + consoleLog);
            }
            Thread.sleep(200);
        }
        out.printf("%s started in %.1f s: %s%n", name, (System.nanoTime() - t0) / 1e9, bootLine);
    }

    private List<String> command(Path script) {
        List<String> command =
                new ArrayList<>(List.of(script.toString(), "-c", config, "-Djboss.server.base.dir=" + base));
        if (portOffset != 0) {
            command.add("-Djboss.socket.binding.port-offset=" + portOffset);
        }
        if (bindAddress != null) {
            // The unsecure interface too (standalone-full.xml has one): nothing listens beyond this address.
            command.addAll(List.of(
                    "-b", bindAddress, "-bmanagement", bindAddress, "-Djboss.bind.address.unsecure=" + bindAddress));
        }
        if (propertiesFile != null) {
            command.add("--properties=" + propertiesFile.toUri());
        }
        properties.forEach((property, value) -> command.add("-D" + property + "=" + value));
        return command;
    }

    /**
     * Copies the archive into standalone/deployments and waits for the scanner's .deployed or .failed marker.
     * The copy is renamed into place so the scanner never sees half an archive.
     *
     * @throws IllegalStateException with WildFly's failure description if the deployment failed
     */
    public void deploy(Path archive, Duration timeout) throws IOException, InterruptedException, TimeoutException {
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException(archive + " does not exist: build it first (./mvnw -pl ear -am install)");
        }
        String name = archive.getFileName().toString();
        Path target = deployments().resolve(name);
        Path deployed = deployments().resolve(name + ".deployed");
        Path failed = deployments().resolve(name + ".failed");
        out.printf("Deploying %s (%,d KB) ...%n", archive, Files.size(archive) / 1024);
        long t0 = System.nanoTime();
        Path partial = deployments().resolve(name + ".copying");
        Files.copy(archive, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        while (true) {
            if (Files.exists(deployed)) {
                out.printf("%s deployed in %.1f s%n", name, (System.nanoTime() - t0) / 1e9);
                return;
            }
            if (Files.exists(failed)) {
                throw new IllegalStateException(name + " failed to deploy: "
                        + Files.readString(failed).strip() + "\n(see " + base.resolve("log/server.log") + ")");
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(this.name + " exited while deploying " + name + "; see " + consoleLog);
            }
            if (System.nanoTime() - t0 > timeout.toNanos()) {
                throw new TimeoutException(
                        name + " not deployed after " + timeout.toSeconds() + " s; see " + consoleLog);
            }
            Thread.sleep(200);
        }
    }

    /** The server's java process (standalone.sh's child), for jstack and the like. */
    public long serverPid() {
        return process == null
                ? -1
                : process.descendants()
                        .filter(p -> p.info().command().orElse("").endsWith("java"))
                        .mapToLong(ProcessHandle::pid)
                        .findFirst()
                        .orElse(process.pid());
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Graceful shutdown: SIGTERM to the server JVM (WildFly's shutdown hook stops deployments and services;
     * standalone.sh then exits with it), SIGKILL if it is still up after the grace period.
     */
    public void stop(Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        out.println("Stopping " + name + " ...");
        long t0 = System.nanoTime();
        List<ProcessHandle> jvms = process.descendants().toList();
        List<ProcessHandle> all = new ArrayList<>(jvms);
        all.add(process.toHandle());
        (jvms.isEmpty() ? List.of(process.toHandle()) : jvms).forEach(ProcessHandle::destroy);
        try {
            if (!awaitExit(all, grace)) {
                out.println(name + " did not stop within " + grace.toSeconds() + " s: killing it");
                all.forEach(ProcessHandle::destroyForcibly);
                awaitExit(all, Duration.ofSeconds(10));
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all.forEach(ProcessHandle::destroyForcibly);
            return;
        }
        out.printf("%s stopped in %.1f s%n", name, (System.nanoTime() - t0) / 1e9);
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(60));
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

    private void removeDeployment(String name) throws IOException {
        Files.deleteIfExists(deployments().resolve(name));
        for (String marker : MARKERS) {
            Files.deleteIfExists(deployments().resolve(name + marker));
        }
    }

    /** The boot message (WFLYSRV0025, or WFLYSRV0026 when something failed to start), once it is logged. */
    private String bootLine() throws IOException {
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

    /**
     * Fails unless this server's HTTP and management ports are free on 127.0.0.1: a server already on them (another
     * WildFly, or one left by an aborted run) would otherwise get this one's requests and CLI commands.
     */
    public void requirePortsFree() {
        requireFree(httpPort(), "HTTP");
        requireFree(managementPort(), "management");
    }

    private void requireFree(int port, String what) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " (" + name + " " + what + ") is in use on 127.0.0.1:"
                    + " is another WildFly running, or one left from an earlier run? Stop it first.");
        }
    }

    private String describeOptions() {
        StringBuilder s = new StringBuilder("-c ").append(config);
        if (portOffset != 0) {
            s.append(", port offset +").append(portOffset);
        }
        if (bindAddress != null) {
            s.append(", on ").append(bindAddress);
        }
        if (propertiesFile != null) {
            s.append(", settings ").append(propertiesFile);
        }
        properties.forEach((k, v) -> s.append(" -D").append(k).append('=').append(v));
        return s.toString();
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
