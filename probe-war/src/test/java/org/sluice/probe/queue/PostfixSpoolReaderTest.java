package org.sluice.probe.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sluice.probe.protocol.QueueDepth;

class PostfixSpoolReaderTest {

    @TempDir
    Path spool;

    @Test
    void countsHashedQueueFilesPerQueueWithMaildropAsIncoming() throws IOException {
        fakeSpool();
        queueFiles("incoming/3", 2);
        queueFiles("maildrop", 1);
        queueFiles("active/A/B", 3);
        queueFiles("active/C", 1);
        queueFiles("deferred/F/0", 2);
        queueFiles("hold/1", 5);

        QueueDepth depth = new PostfixSpoolReader(spool).read();

        assertEquals(QueueDepth.of("postfix", 3, 4, 2), depth);
        assertEquals(9, depth.total());
    }

    @Test
    void emptyQueuesCountAsZeroNotUnknown() throws IOException {
        fakeSpool();

        assertEquals(QueueDepth.of("postfix", 0, 0, 0), new PostfixSpoolReader(spool).read());
    }

    @Test
    void missingQueueDirectoryIsUnknownAndNamesTheProperty() {
        Path missing = spool.resolve("postfix");

        QueueDepth depth = new PostfixSpoolReader(missing).read();

        assertEquals(
                QueueDepth.unknown(
                        "postfix",
                        "Postfix queue directory " + missing
                                + " does not exist (set sluice.probe.postfix-queue-directory)"),
                depth);
    }

    @Test
    void directoryWithoutPostfixQueuesIsUnknownNotEmpty() throws IOException {
        Files.createDirectories(spool.resolve("incoming"));

        QueueDepth depth = new PostfixSpoolReader(spool).read();

        assertEquals(
                QueueDepth.unknown(
                        "postfix",
                        spool + " has no 'maildrop' directory: is it Postfix's"
                                + " queue_directory (postconf -h queue_directory)? Set sluice.probe.postfix-queue-directory"),
                depth);
    }

    @Test
    void unreadableQueueIsUnknownAndSaysHowToFixIt() throws Exception {
        fakeSpool();
        queueFiles("active/A", 2);
        Path active = spool.resolve("active");
        Files.setPosixFilePermissions(active, PosixFilePermissions.fromString("---------"));
        try {
            String user = System.getProperty("user.name");
            String expected = QueueDepth.unknown(
                            "postfix",
                            active + " is not readable by user '" + user
                                    + "' (Postfix keeps it mode 0700): run the probe as postfix or root, or use queue reader 'postqueue'")
                    .toString();

            assertEquals(expected, readAsUnprivileged(spool));
        } finally {
            Files.setPosixFilePermissions(active, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /**
     * The reader's view of the spool from a process that file permissions apply to. Root reads mode-000
     * directories anyway (CI runs as root), so then the reader runs in a child JVM without the capabilities
     * that bypass permissions (util-linux setpriv); any other user reads in this JVM.
     */
    private static String readAsUnprivileged(Path spool) throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            return new PostfixSpoolReader(spool).read().toString();
        }
        Process p = new ProcessBuilder(
                        "setpriv",
                        "--inh-caps=-all",
                        "--bounding-set=-dac_override,-dac_read_search",
                        "--",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        ReadSpoolWithoutPrivileges.class.getName(),
                        spool.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0, output);
        return output;
    }

    @Test
    void oneCharacterFileIsAQueueFileNotAHashDirectory() throws IOException {
        fakeSpool();
        queueFiles("deferred/7", 1);
        Files.createFile(spool.resolve("deferred/8"));

        assertEquals(QueueDepth.of("postfix", 0, 0, 2), new PostfixSpoolReader(spool).read());
    }

    @Test
    void filesMovedAwayDuringTheCountAreNotAnError() throws Exception {
        fakeSpool();
        List<Path> files = queueFiles("deferred/0", 5_000);
        Thread mover = new Thread(() -> files.forEach(f -> f.toFile().delete()));

        mover.start();
        QueueDepth depth = new PostfixSpoolReader(spool).read();
        mover.join();

        assertNull(depth.error());
        assertTrue(depth.deferred() >= 0 && depth.deferred() <= 5_000, "deferred " + depth.deferred());
    }

    @Test
    void counts100000QueuedFiles() throws IOException {
        fakeSpool();
        String hex = "0123456789ABCDEF";
        for (String queue : List.of("incoming", "active", "deferred")) {
            for (char hash : hex.toCharArray()) {
                Files.createDirectories(spool.resolve(queue).resolve(String.valueOf(hash)));
            }
        }
        for (int i = 0; i < 100_000; i++) {
            // Postfix's default hash_queue_depth of 1: one hex level under each queue
            String queue = i % 10 == 0 ? "active" : i % 3 == 0 ? "incoming" : "deferred";
            Files.createFile(spool.resolve(queue)
                    .resolve(String.valueOf(hex.charAt(i % 16)))
                    .resolve(String.format("%05X%07d", i, i)));
        }
        PostfixSpoolReader reader = new PostfixSpoolReader(spool);

        long first = System.nanoTime();
        QueueDepth depth = reader.read();
        long firstMillis = (System.nanoTime() - first) / 1_000_000;
        long second = System.nanoTime();
        reader.read();
        long secondMillis = (System.nanoTime() - second) / 1_000_000;

        assertEquals(100_000, depth.total());
        assertEquals(10_000, depth.active());
        assertEquals(30_000, depth.incoming());
        assertEquals(60_000, depth.deferred());
        System.out.println("PostfixSpoolReader counted 100,000 queued files in " + firstMillis + " ms (first), "
                + secondMillis + " ms (second)");
    }

    private void fakeSpool() throws IOException {
        for (String queue : List.of("incoming", "active", "deferred", "maildrop", "hold", "corrupt")) {
            Files.createDirectories(spool.resolve(queue));
        }
    }

    private List<Path> queueFiles(String directory, int count) throws IOException {
        Path dir = Files.createDirectories(spool.resolve(directory));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            files.add(Files.createFile(dir.resolve("4F2B1C" + i)));
        }
        return files;
    }
}
