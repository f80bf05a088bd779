package org.sluice.probe.queue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import org.sluice.probe.protocol.QueueDepth;

/**
 * Counts Postfix's queue by counting the files in its queue directories (one file per message, see qmgr(8) and
 * QSHAPE_README), without starting a process. Postfix hashes queue files into subdirectories named by one
 * character of the queue id (hash_queue_names, hash_queue_depth), so those are walked recursively.
 * <p>
 * Only one-character names are checked for being directories; every other entry is a queue file and is counted
 * from the directory listing alone, several times faster than a stat per file (Files.walkFileTree); the figures are
 * in docs/benchmarks.md (PostfixSpoolReaderTest prints its count's time).
 * It also means a file Postfix moves away during the count is never touched, so never an error.
 * <p>
 * Postfix keeps these directories mode 0700 owned by postfix; a probe running as another user gets an error
 * suggesting reader "postqueue", which asks Postfix instead.
 */
public final class PostfixSpoolReader implements QueueDepthReader {

    private final Path queueDirectory;

    public PostfixSpoolReader(Path queueDirectory) {
        this.queueDirectory = Objects.requireNonNull(queueDirectory, "queueDirectory");
    }

    @Override
    public QueueDepth read() {
        if (!Files.isDirectory(queueDirectory)) {
            return QueueDepth.unknown(
                    name(),
                    "Postfix queue directory " + queueDirectory
                            + " does not exist (set sluice.probe.postfix-queue-directory)");
        }
        try {
            // maildrop holds messages posted locally that pickup(8) has not yet moved to incoming.
            long incoming = count("incoming") + count("maildrop");
            long active = count("active");
            long deferred = count("deferred");
            return QueueDepth.of(name(), incoming, active, deferred);
        } catch (MissingQueueException e) {
            return QueueDepth.unknown(name(), e.getMessage());
        } catch (AccessDeniedException e) {
            return QueueDepth.unknown(
                    name(),
                    e.getFile() + " is not readable by user '"
                            + System.getProperty("user.name")
                            + "' (Postfix keeps it mode 0700): run the probe as postfix or"
                            + " root, or use queue reader 'postqueue'");
        } catch (IOException e) {
            return QueueDepth.unknown(
                    name(), "could not count the files under Postfix queue directory " + queueDirectory + ": " + e);
        }
    }

    @Override
    public String name() {
        return "postfix";
    }

    private long count(String queue) throws IOException {
        Path directory = queueDirectory.resolve(queue);
        if (!Files.isDirectory(directory)) {
            if (!Files.notExists(directory)) {
                // Neither there nor absent: the queue directory itself cannot be searched by this user.
                throw new AccessDeniedException(queueDirectory.toString());
            }
            throw new MissingQueueException(queueDirectory + " has no '" + queue + "' directory: is it Postfix's"
                    + " queue_directory (postconf -h queue_directory)? Set sluice.probe.postfix-queue-directory");
        }
        return countQueueFiles(directory);
    }

    private static long countQueueFiles(Path directory) throws IOException {
        long files = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                boolean hashName = entry.getFileName().toString().length() == 1;
                if (hashName && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    files += countHashDirectory(entry);
                } else {
                    files++;
                }
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        return files;
    }

    private static long countHashDirectory(Path directory) throws IOException {
        try {
            return countQueueFiles(directory);
        } catch (NoSuchFileException e) {
            return 0; // removed since it was listed (postsuper, an operator): it holds no messages now
        }
    }

    /** The queue directory lacks one of Postfix's queues: probably not a Postfix queue directory at all. */
    private static final class MissingQueueException extends IOException {

        private static final long serialVersionUID = 1L;

        MissingQueueException(String message) {
            super(message);
        }
    }
}
