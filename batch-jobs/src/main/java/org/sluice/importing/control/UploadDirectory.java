package org.sluice.importing.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.sluice.config.InvalidSettingException;
import org.sluice.config.Setting;

/**
 * Where uploaded recipient files wait for their import: {@code <server data dir>/sluice/imports}. A file holds
 * personal data, so it lives only as long as it is of use: its import deletes it once COMPLETED; a file whose import
 * failed or stopped is kept for a restart ({@code restart-job} in the CLI) until it is older than the retention
 * ({@code sluice.upload.retention-hours}, default {@value #DEFAULT_RETENTION_HOURS}), then deleted by the next sweep.
 * Files elsewhere on the server (an admin's own import of a server file) are never touched.
 */
public final class UploadDirectory {

    public static final Setting RETENTION = Setting.of("sluice.upload.retention-hours", "24");
    static final long DEFAULT_RETENTION_HOURS = Long.parseLong(RETENTION.defaultValue());

    private static final Logger LOG = Logger.getLogger(UploadDirectory.class.getName());
    private static final String PREFIX = "campaign-";
    private static final String SUFFIX = ".csv";

    private final Path dir;

    public UploadDirectory(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The server's upload directory. */
    public static UploadDirectory ofServer() {
        return new UploadDirectory(Path.of(
                System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir")),
                "sluice",
                "imports"));
    }

    /** How long a file whose import did not complete is kept, read at each sweep. */
    public static Duration retention() {
        try {
            return Duration.ofHours(RETENTION.longValue(0, "hours"));
        } catch (InvalidSettingException e) {
            // The sweep must go on (a file kept too long holds personal data): the log says why.
            LOG.warning(() -> e.getMessage() + ": using " + DEFAULT_RETENTION_HOURS);
            return Duration.ofHours(DEFAULT_RETENTION_HOURS);
        }
    }

    /** Streams an upload into a new file of its own (never held in memory). */
    public Path store(long campaignId, InputStream upload) {
        try {
            Files.createDirectories(dir);
            Path file = Files.createTempFile(dir, PREFIX + campaignId + "-", SUFFIX);
            Files.copy(upload, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "storing the uploaded recipient file in " + dir + " failed: " + e.getMessage(), e);
        }
    }

    /** Whether the file is an upload of this directory (and not some other file on the server). */
    public boolean holds(Path file) {
        Path normalized = file.toAbsolutePath().normalize();
        String name =
                normalized.getFileName() == null ? "" : normalized.getFileName().toString();
        return dir.equals(normalized.getParent()) && name.startsWith(PREFIX) && name.endsWith(SUFFIX);
    }

    /** Deletes an upload whose import is over; a file outside this directory is left alone. */
    public boolean delete(Path file) {
        if (!holds(file)) {
            return false;
        }
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warning(() -> "Could not delete the uploaded recipient file " + file + ": " + e);
            return false;
        }
    }

    /** Deletes the uploads last written before the cutoff: imports that failed or stopped and were left so. */
    public List<Path> deleteOlderThan(Instant cutoff) {
        List<Path> deleted = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return deleted;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path file : files) {
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff) && Files.deleteIfExists(file)) {
                        deleted.add(file);
                    }
                } catch (NoSuchFileException gone) {
                    // deleted meanwhile by its own import
                }
            }
        } catch (IOException e) {
            LOG.warning(() -> "Could not sweep the upload directory " + dir + ": " + e);
        }
        if (!deleted.isEmpty()) {
            LOG.info(() ->
                    "Deleted " + deleted.size() + " uploaded recipient file(s) older than the retention: " + deleted);
        }
        return deleted;
    }
}
