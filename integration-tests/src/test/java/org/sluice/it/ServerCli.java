package org.sluice.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Changes a running test server as an admin would: WildFly's own CLI against its management port. */
final class ServerCli {

    private final int managementPort;

    ServerCli(int portOffset) {
        this.managementPort = 9990 + portOffset;
    }

    /** Sets (or replaces) system properties; Sluice reads them when the next pass or job starts. */
    void setSystemProperties(Map<String, String> properties) throws Exception {
        StringBuilder script = new StringBuilder();
        properties.forEach((name, value) -> script.append(remove(name))
                .append("/system-property=")
                .append(name)
                .append(":add(value=\"")
                .append(value)
                .append("\")\n"));
        run(script.toString());
    }

    void removeSystemProperties(Iterable<String> names) throws Exception {
        StringBuilder script = new StringBuilder();
        names.forEach(name -> script.append(remove(name)));
        run(script.toString());
    }

    private static String remove(String name) {
        return "if (outcome == success) of /system-property=" + name + ":read-resource\n" + "    /system-property="
                + name + ":remove\nend-if\n";
    }

    void run(String script) throws Exception {
        Path file = Files.createTempFile("sluice-it", ".cli");
        Files.writeString(file, script);
        Path cli = Path.of(System.getProperty("jboss.home"), "bin", "jboss-cli.sh");
        Process p = new ProcessBuilder(
                        cli.toString(), "--connect", "--controller=127.0.0.1:" + managementPort, "--file=" + file)
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("jboss-cli failed: " + output + "\nscript:\n" + script);
        }
        Files.delete(file);
    }
}
