package org.sluice.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A WildFly of the provisioned distribution run the way an admin runs theirs: {@code bin/standalone.sh} on a server
 * base dir of its own, holding the distribution's untouched configuration files, and changed only through
 * {@code bin/jboss-cli.sh --connect}. Every interface listens on 127.0.0.1 only, and {@link #close} stops the server
 * (killing it if it does not end in time).
 */
final class StandaloneServer implements AutoCloseable {

    private static final String STARTED = "WFLYSRV0025";
    private static final String STARTED_WITH_ERRORS = "WFLYSRV0026";

    private final Path home = Path.of(System.getProperty("jboss.home"));
    private final Path base;
    private final String config;
    private final int portOffset;
    private final Path propertiesFile;
    private final List<String> serverArguments = new ArrayList<>();
    private Process process;

    /**
     * @param base           the server base dir; made afresh with the distribution's own configuration files
     * @param config         the configuration file ({@code -c}), e.g. standalone-full.xml
     * @param propertiesFile system properties for the server ({@code --properties}), or null
     */
    StandaloneServer(Path base, String config, int portOffset, Path propertiesFile) throws IOException {
        this.base = base;
        this.config = config;
        this.portOffset = portOffset;
        this.propertiesFile = propertiesFile;
        copyDistributionConfiguration();
    }

    /** The distribution's configuration files, none of the server module's (sluice*.xml, Sluice's user files). */
    private void copyDistributionConfiguration() throws IOException {
        Path configuration = base.resolve("configuration");
        Files.createDirectories(configuration);
        Files.createDirectories(base.resolve("deployments"));
        try (var files = Files.list(home.resolve("standalone/configuration"))) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("sluice"))
                    .toList()) {
                Files.copy(file, configuration.resolve(file.getFileName()));
            }
        }
    }

    /** Further arguments of {@code standalone.sh} at every start, e.g. {@code -Djboss.node.name=a}. */
    StandaloneServer withArguments(String... arguments) {
        serverArguments.addAll(List.of(arguments));
        return this;
    }

    /** Kills the server's JVM (SIGKILL), as a crash would. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    Path configurationDir() {
        return base.resolve("configuration");
    }

    int managementPort() {
        return 9990 + portOffset;
    }

    void start(Duration timeout) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin/standalone.sh").toString(),
                "-c",
                config,
                "-Djboss.server.base.dir=" + base,
                "-Djboss.socket.binding.port-offset=" + portOffset,
                "-b",
                "127.0.0.1",
                "-bmanagement",
                "127.0.0.1",
                "-bprivate",
                "127.0.0.1",
                "-Djboss.bind.address.unsecure=127.0.0.1"));
        command.addAll(serverArguments);
        if (propertiesFile != null) {
            command.add("--properties=" + propertiesFile);
        }
        Path console = base.resolve("console.log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile());
        environment(builder);
        // standalone.sh then runs java in the background and passes SIGTERM on to it.
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        process = builder.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String log = Files.exists(console) ? Files.readString(console, StandardCharsets.UTF_8) : "";
            if (log.contains(STARTED)) {
                return;
            }
            if (log.contains(STARTED_WITH_ERRORS)) {
                throw new AssertionError(config + " started with errors; see " + console);
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(config + " did not start; see " + console);
            }
            Thread.sleep(250);
        }
    }

    /** A CLI script run with {@code --connect}, as an admin runs it; fails the test unless it succeeds. */
    String runScript(Path script, String... cliOptions) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--file=" + script));
        arguments.addAll(List.of(cliOptions));
        return cli(arguments);
    }

    /** One CLI command; fails the test unless it succeeds. */
    String command(String command) throws Exception {
        return cli(List.of("--command=" + command));
    }

    /** The result of an operation on the management model, e.g. {@code :read-attribute(name=server-state)}. */
    JsonObject operation(String operation) throws Exception {
        String output = cli(List.of("--output-json", "--command=" + operation));
        JsonObject response = Json.createReader(new StringReader(output)).readObject();
        if (!"success".equals(response.getString("outcome"))) {
            throw new AssertionError(operation + " failed: " + response);
        }
        return response;
    }

    String serverState() throws Exception {
        return operation(":read-attribute(name=server-state)").getString("result");
    }

    /**
     * The whole persistent configuration: {@code :read-resource(recursive=true)} without runtime attributes, so what
     * changes by itself (statistics, states, thread counts, uptime) is not part of it. Response headers (such as a
     * pending reload) are left out; {@link #serverState} tells those.
     */
    JsonObject configuration() throws Exception {
        return operation(":read-resource(recursive=true)").getJsonObject("result");
    }

    /** Adds a user to Sluice's realm with WildFly's own tool, as docs/install.md tells an admin. */
    void addSluiceUser(String user, String password, String role) throws Exception {
        addUser(
                List.of("-up", "sluice-users.properties", "-gp", "sluice-roles.properties", "-r", "SluiceRealm"),
                user,
                password,
                role);
    }

    /** Adds a user to the broker's realm (ApplicationRealm), as docs/load-aware-sending.md tells an admin. */
    void addApplicationUser(String user, String password, String group) throws Exception {
        addUser(List.of("-a"), user, password, group);
    }

    private void addUser(List<String> realm, String user, String password, String group) throws Exception {
        List<String> command =
                new ArrayList<>(List.of(home.resolve("bin/add-user.sh").toString()));
        command.addAll(realm);
        command.addAll(List.of(
                "-u",
                user,
                "-p",
                password,
                "-g",
                group,
                "-sc",
                configurationDir().toString()));
        run(command, "add-user.sh " + String.join(" ", realm));
    }

    private String cli(List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin/jboss-cli.sh").toString(),
                "--connect",
                "--controller=127.0.0.1:" + managementPort()));
        command.addAll(arguments);
        return run(command, "jboss-cli " + arguments);
    }

    private String run(List<String> command, String what) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        environment(builder);
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError(what + " failed:\n" + output);
        }
        return output;
    }

    private void environment(ProcessBuilder builder) {
        builder.environment().put("JBOSS_HOME", home.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    }

    /** Shuts the server down; kills it if it is still running after a minute. */
    @Override
    public void close() throws Exception {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            command(":shutdown");
        } catch (AssertionError alreadyGone) {
            // it may have ended meanwhile; checked below
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
