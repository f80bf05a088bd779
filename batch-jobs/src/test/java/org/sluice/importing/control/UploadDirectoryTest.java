package org.sluice.importing.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadDirectoryTest {

    @TempDir
    Path server;

    @Test
    void anUploadIsStoredWholeAndOnlyUploadsOfThisDirectoryAreDeleted() throws Exception {
        UploadDirectory uploads = new UploadDirectory(server.resolve("imports"));
        Path stored =
                uploads.store(42, new ByteArrayInputStream("email\na@example.org\n".getBytes(StandardCharsets.UTF_8)));
        Path adminsOwn = Files.writeString(server.resolve("campaign-42-customers.csv"), "email\nb@example.org\n");
        Path lookalike = Files.writeString(server.resolve("imports").resolve("notes.txt"), "keep");

        assertEquals("email\na@example.org\n", Files.readString(stored));
        assertTrue(uploads.holds(stored));
        assertFalse(uploads.holds(adminsOwn), "a file elsewhere on the server");
        assertFalse(uploads.holds(server.resolve("imports").resolve("..").resolve("campaign-42-customers.csv")));
        assertFalse(uploads.delete(adminsOwn));
        assertFalse(uploads.delete(lookalike));
        assertTrue(uploads.delete(stored));
        assertFalse(Files.exists(stored));
        assertTrue(Files.exists(adminsOwn));
        assertTrue(Files.exists(lookalike));
    }

    @Test
    void theSweepDeletesUploadsOlderThanTheCutoffAndKeepsNewerOnes() throws Exception {
        UploadDirectory uploads = new UploadDirectory(server.resolve("imports"));
        Instant now = Instant.parse("2026-12-04T12:00:00Z");
        Path failedLastWeek = uploads.store(1, new ByteArrayInputStream(new byte[] {'x'}));
        Path failedAnHourAgo = uploads.store(2, new ByteArrayInputStream(new byte[] {'y'}));
        Files.setLastModifiedTime(failedLastWeek, FileTime.from(now.minus(Duration.ofDays(7))));
        Files.setLastModifiedTime(failedAnHourAgo, FileTime.from(now.minus(Duration.ofHours(1))));

        List<Path> deleted = uploads.deleteOlderThan(now.minus(Duration.ofHours(24)));

        assertEquals(List.of(failedLastWeek), deleted);
        assertFalse(Files.exists(failedLastWeek));
        assertTrue(Files.exists(failedAnHourAgo));
    }

    @Test
    void theRetentionIsReadInHoursAndAWrongValueFallsBackToTheDefault() {
        String before = System.getProperty(UploadDirectory.RETENTION.name());
        try {
            System.setProperty(UploadDirectory.RETENTION.name(), "2");
            assertEquals(Duration.ofHours(2), UploadDirectory.retention());
            System.setProperty(UploadDirectory.RETENTION.name(), "two days");
            assertEquals(Duration.ofHours(UploadDirectory.DEFAULT_RETENTION_HOURS), UploadDirectory.retention());
            System.clearProperty(UploadDirectory.RETENTION.name());
            assertEquals(Duration.ofHours(UploadDirectory.DEFAULT_RETENTION_HOURS), UploadDirectory.retention());
        } finally {
            if (before != null) {
                System.setProperty(UploadDirectory.RETENTION.name(), before);
            }
        }
    }
}
