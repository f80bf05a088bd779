package org.sluice.delivery.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.sluice.delivery.control.H2WriteTurns;
import org.sluice.delivery.control.LedgerWriter;
import org.sluice.delivery.control.OutcomeJournalFile;
import org.sluice.delivery.control.RetryPolicy;

/**
 * The ledger database, where the send path records what MTAs answered (recipient_outcome, delivery_record). Hands
 * out one {@link LedgerWriter} per SMTP connection, on the non-JTA ledger datasource (outcomes are facts the moment
 * the MTA answers, so they commit on their own, never with or rolled back by a chunk's transaction), and applies the
 * {@link OutcomeJournalFile}s a crashed run left.
 */
@Stateless
public class LedgerDatabase {

    private static final Logger LOG = Logger.getLogger(LedgerDatabase.class.getName());

    @Resource(lookup = "java:jboss/datasources/SluiceLedgerDS")
    private DataSource ledgerDataSource;

    /** Writes the ledger writers' groups of outcomes while their send threads go on (the server's default executor). */
    @Resource
    private ManagedExecutorService ledgerWrites;

    @Inject
    private H2WriteTurns h2WriteTurns;

    /**
     * Applies the outcome journals a crashed run left (see {@link OutcomeJournalFile}) and removes them. Called before
     * a campaign's send step starts, so the reader does not read anyone the MTA already accepted.
     *
     * @return how many recipients the database had lost and now has again
     */
    public int recoverJournals(long campaignId) {
        List<Path> journals = OutcomeJournalFile.leftBehind(campaignId);
        int recovered = 0;
        try (LedgerWriter writer = new LedgerWriter(
                ledgerDataSource, campaignId, RetryPolicy.fromSettings(), Runnable::run, h2WriteTurns)) {
            for (Path journal : journals) {
                for (OutcomeJournalFile.Entry entry : OutcomeJournalFile.read(journal)) {
                    recovered += writer.recover(entry) ? 1 : 0;
                }
                writer.makeDurable();
                try {
                    Files.deleteIfExists(journal); // its writer may have closed it cleanly meanwhile
                } catch (IOException e) {
                    throw new UncheckedIOException(
                            "removing the applied outcome journal " + journal + " failed: " + e.getMessage(), e);
                }
            }
        }
        if (!journals.isEmpty()) {
            int total = recovered;
            LOG.warning(() -> "Campaign " + campaignId + ": applied " + journals.size() + " outcome journal(s) left by"
                    + " an interrupted run; " + total
                    + " recipient(s) the MTA had accepted were not yet in the database");
        }
        return recovered;
    }

    /** The caller owns the ledger writer and closes it with its SMTP connection. */
    public LedgerWriter openWriter(long campaignId) {
        return new LedgerWriter(ledgerDataSource, campaignId, RetryPolicy.fromSettings(), ledgerWrites, h2WriteTurns);
    }
}
