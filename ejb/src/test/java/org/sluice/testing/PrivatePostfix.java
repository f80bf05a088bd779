package org.sluice.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A private Postfix instance from Debian's postfix package (installed by .ci/run): its own configuration and spool
 * under the test's target directory, smtpd on a loopback port, relaying everything to a sink on another loopback
 * port the test controls, retrying deferred mail every second. Needs root (Postfix's master runs as root).
 */
public final class PrivatePostfix implements AutoCloseable {

    private static final List<String> QUEUES = List.of("incoming", "active", "deferred", "maildrop");

    private final Path dir;

    private PrivatePostfix(Path dir) {
        this.dir = dir;
    }

    public static PrivatePostfix start(Path dir, int smtpdPort, int relayPort) throws Exception {
        return start(dir, smtpdPort, relayPort, Map.of());
    }

    /** @param settings further main.cf settings (e.g. delivery concurrency for a benchmark) */
    public static PrivatePostfix start(Path dir, int smtpdPort, int relayPort, Map<String, String> settings)
            throws Exception {
        if (!Files.isExecutable(Path.of("/usr/sbin/postfix"))) {
            throw new IllegalStateException(
                    "/usr/sbin/postfix is missing: install Debian's postfix package (.ci/run does)");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("a private Postfix instance needs root (its master process runs as root)");
        }
        PrivatePostfix postfix = new PrivatePostfix(dir.toAbsolutePath());
        postfix.configure(smtpdPort, relayPort, settings);
        postfix.run("postfix", "-c", postfix.dir.toString(), "start");
        return postfix;
    }

    private void configure(int smtpdPort, int relayPort, Map<String, String> settings) throws Exception {
        run("rm", "-rf", dir.toString());
        Files.createDirectories(dir.resolve("queue"));
        Path data = Files.createDirectories(dir.resolve("data"));
        UserPrincipalLookupService users = data.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(data, users.lookupPrincipalByName("postfix"));
        Files.writeString(
                dir.resolve("main.cf"),
                String.join(
                        "\n",
                        "compatibility_level = 3.6",
                        "queue_directory = " + dir.resolve("queue"),
                        "data_directory = " + data,
                        "mail_owner = postfix",
                        "setgid_group = postdrop",
                        "inet_interfaces = 127.0.0.1",
                        "inet_protocols = ipv4",
                        "myhostname = sluice-it.localdomain",
                        "mydestination =",
                        "local_recipient_maps =",
                        "alias_maps =",
                        "alias_database =",
                        "relayhost = [127.0.0.1]:" + relayPort,
                        "mynetworks = 127.0.0.0/8",
                        "syslog_name = postfix-sluice-it",
                        "maillog_file_prefixes = " + dir,
                        "maillog_file = " + dir.resolve("maillog"),
                        // Deferred mail is retried within a second or two once the sink is back.
                        "minimal_backoff_time = 1s",
                        "maximal_backoff_time = 2s",
                        "queue_run_delay = 1s",
                        "smtp_connect_timeout = 2s",
                        settings.entrySet().stream()
                                .map(e -> e.getKey() + " = " + e.getValue())
                                .collect(java.util.stream.Collectors.joining("\n")),
                        ""));
        String master = Files.readString(Path.of("/usr/share/postfix/master.cf.dist"), StandardCharsets.UTF_8)
                .replaceFirst(
                        "(?m)^smtp\\s+inet\\s+n\\s+-\\s+y\\s+-\\s+-\\s+smtpd",
                        "127.0.0.1:" + smtpdPort + " inet n - n - - smtpd");
        Files.writeString(dir.resolve("master.cf"), master);
        run("postconf", "-c", dir.toString(), "-F", "*/*/chroot = n");
    }

    public Path queueDirectory() {
        return dir.resolve("queue");
    }

    /**
     * Messages in the queue now: files under incoming, active, deferred and maildrop (the test runs as root). Files
     * Postfix moves or deletes during the walk are skipped, not errors.
     */
    public long queueDepth() throws IOException {
        // By queue id (the file's name, kept when Postfix moves it from queue to queue): a message moving from
        // incoming to active while the walk goes from one to the next is counted once, not twice.
        Set<String> ids = new HashSet<>();
        for (String q : QUEUES) {
            Path d = queueDirectory().resolve(q);
            if (Files.isDirectory(d)) {
                Files.walkFileTree(d, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile()) {
                            ids.add(file.getFileName().toString());
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE; // gone between listing and reading: already delivered
                    }
                });
            }
        }
        return ids.size();
    }

    /** Asks Postfix to retry deferred mail now. */
    public void flush() throws Exception {
        run("postqueue", "-c", dir.toString(), "-f");
    }

    @Override
    public void close() throws Exception {
        run("postfix", "-c", dir.toString(), "stop");
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
