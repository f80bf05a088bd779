package org.sluice.delivery.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.sluice.recipient.entity.RecipientState;

/**
 * The outcome journal: an append-only file of the final outcomes (SENT, FAILED) one SMTP writer received, written before the database
 * records them. Why: the embedded H2 keeps a committed change in memory for up to its write delay (500 ms) before it
 * reaches the file, so a killed JVM loses the last half second of commits, and those recipients would be mailed
 * again (ServerKilledMidSendIT; docs/benchmarks.md). A write() reaches the operating system at once and
 * survives the process; at the next start of the campaign the ledger applies what the database lost
 * ({@code LedgerDatabase.recoverJournals}).
 * <p>
 * After each chunk the ledger makes the database durable and the journal is emptied, so it holds one chunk at most.
 * A machine crash (power loss) is outside this guarantee: neither this file nor H2 is fsynced per message.
 */
public final class OutcomeJournalFile implements AutoCloseable {

    /** One journaled outcome: enough to mark the recipient and log the SMTP transaction. */
    public record Entry(
            long recipientId, RecipientState state, long mtaId, int replyCode, String messageId, String replyText) {}

    private final Path file;
    private final FileChannel channel;

    private OutcomeJournalFile(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(
                file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** Where a campaign's journals live: under the server's data directory, beside the database. */
    public static Path directory(long campaignId) {
        String base = System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir"));
        return Path.of(base, "sluice", "outcome-journal", "campaign-" + campaignId);
    }

    /** A new journal file for one writer (one partition of one run). */
    public static OutcomeJournalFile open(long campaignId) {
        Path dir = directory(campaignId);
        Path file = dir.resolve(UUID.randomUUID() + ".journal");
        try {
            Files.createDirectories(dir);
            return new OutcomeJournalFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the outcome journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Journals a final outcome; a deferral needs none (sending a deferred recipient again duplicates nothing). */
    public void append(long mtaId, DeliveryOutcome outcome) {
        RecipientState state = outcome.resultingState();
        if (state != RecipientState.SENT && state != RecipientState.FAILED) {
            return;
        }
        String line = outcome.recipientId() + "\t" + state + "\t" + mtaId + "\t"
                + outcome.reply().code() + "\t" + oneField(outcome.messageId()) + "\t"
                + oneField(outcome.reply().text()) + "\n";
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "writing the outcome of recipient " + outcome.recipientId() + " to the journal " + file
                            + " failed: " + e.getMessage(),
                    e);
        }
    }

    /** Empties the journal once the database holds its outcomes durably. */
    public void clear() {
        try {
            channel.truncate(0);
        } catch (IOException e) {
            throw new UncheckedIOException("emptying the outcome journal " + file + " failed: " + e.getMessage(), e);
        }
    }

    /** Closes the journal; its file goes when it holds nothing any more. */
    @Override
    public void close() {
        try {
            boolean empty = channel.size() == 0;
            channel.close();
            if (empty) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("closing the outcome journal " + file + " failed: " + e.getMessage(), e);
        }
    }

    /** The journal files a campaign's writers left, oldest first (none when every writer closed cleanly). */
    public static List<Path> leftBehind(long campaignId) {
        Path dir = directory(campaignId);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".journal"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing the outcome journals in " + dir + " failed: " + e.getMessage(), e);
        }
    }

    /** The entries of a journal file; a last line cut off by the crash is not an entry. */
    public static List<Entry> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the outcome journal " + file + " failed: " + e.getMessage(), e);
        }
        List<Entry> entries = new ArrayList<>();
        int start = 0;
        for (int end = text.indexOf('\n'); end >= 0; start = end + 1, end = text.indexOf('\n', start)) {
            String[] f = text.substring(start, end).split("\t", 6);
            if (f.length != 6) {
                throw new IllegalStateException("outcome journal " + file + " is damaged near byte " + start
                        + ": expected 6 tab-separated fields");
            }
            entries.add(new Entry(
                    Long.parseLong(f[0]),
                    RecipientState.valueOf(f[1]),
                    Long.parseLong(f[2]),
                    Integer.parseInt(f[3]),
                    f[4],
                    f[5]));
        }
        return entries;
    }

    private static String oneField(String value) {
        return value == null ? "" : value.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
