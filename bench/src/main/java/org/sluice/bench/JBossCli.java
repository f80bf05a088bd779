package org.sluice.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * WildFly's own CLI ({@code bin/jboss-cli.sh --connect}) against one server's management port, as an admin runs it
 * on that host: no credentials, the CLI logs in as the local user (same host, same OS user as the server).
 */
final class JBossCli {

    private final Path home;
    private final int managementPort;

    JBossCli(Path home, int managementPort) {
        this.home = home;
        this.managementPort = managementPort;
    }

    /** Runs a CLI script ({@code --file}); a script ending in {@code reload} returns once the server is back. */
    String runScript(Path script) throws IOException, InterruptedException {
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("no CLI script at " + script);
        }
        return run("--file=" + script);
    }

    /** Runs one CLI command, e.g. {@code deploy /path/app.war}, which returns once the deployment is up. */
    String runCommand(String command) throws IOException, InterruptedException {
        return run("--command=" + command);
    }

    private String run(String what) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin/jboss-cli.sh").toString(),
                "--connect",
                "--controller=127.0.0.1:" + managementPort,
                what));
        // Output to a file, not a pipe: a hanging CLI must not block the timeout below on a read.
        Path output = Files.createTempFile("jboss-cli-", ".out");
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("JBOSS_HOME", home.toString());
            builder.environment()
                    .put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
            Process cli = builder.start();
            if (!cli.waitFor(3, TimeUnit.MINUTES)) {
                cli.destroyForcibly();
                throw new IllegalStateException("jboss-cli " + what + " did not finish within 3 minutes: "
                        + Files.readString(output, StandardCharsets.UTF_8).strip());
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            if (cli.exitValue() != 0) {
                throw new IllegalStateException(
                        "jboss-cli " + what + " failed (exit " + cli.exitValue() + "): " + printed.strip());
            }
            return printed;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
