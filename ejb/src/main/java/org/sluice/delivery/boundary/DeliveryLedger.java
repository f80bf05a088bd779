package org.sluice.delivery.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.sluice.delivery.control.DeliveryRecorder;
import org.sluice.delivery.control.H2WriteTurns;
import org.sluice.delivery.control.OutcomeJournal;
import org.sluice.delivery.control.RetryPolicy;

/**
 * Where the send path records what MTAs answered. Hands out one {@link DeliveryRecorder} per SMTP connection,
 * on the non-JTA ledger datasource: outcomes are facts the moment the MTA answers, so they commit on their own,
 * never with (or rolled back by) a chunk's transaction.
 */
@Stateless
public class DeliveryLedger {

    private static final Logger LOG = Logger.getLogger(DeliveryLedger.class.getName());

    @Resource(lookup = "java:jboss/datasources/SluiceLedgerDS")
    private DataSource ledgerDataSource;

    /** Writes the recorders' groups of outcomes while their send threads go on (the server's default executor). */
    @Resource
    private ManagedExecutorService ledgerWrites;

    @Inject
    private H2WriteTurns h2WriteTurns;

    /**
     * Applies the outcome journals a crashed run left (see {@link OutcomeJournal}) and removes them. Called before
     * a campaign's send step starts, so the reader does not read anyone the MTA already accepted.
     *
     * @return how many recipients the database had lost and now has again
     */
    public int recoverJournals(long campaignId) {
        List<Path> journals = OutcomeJournal.leftBehind(campaignId);
        int recovered = 0;
        try (DeliveryRecorder recorder = new DeliveryRecorder(ledgerDataSource, campaignId,
                RetryPolicy.fromSystemProperties(), Runnable::run, h2WriteTurns)) {
            for (Path journal : journals) {
                for (OutcomeJournal.Entry entry : OutcomeJournal.read(journal)) {
                    recovered += recorder.recover(entry) ? 1 : 0;
                }
                recorder.makeDurable();
                try {
                    Files.delete(journal);
                } catch (IOException e) {
                    throw new UncheckedIOException("removing the applied outcome journal " + journal + " failed: "
                            + e.getMessage(), e);
                }
            }
        }
        if (!journals.isEmpty()) {
            int total = recovered;
            LOG.warning(() -> "Campaign " + campaignId + ": applied " + journals.size() + " outcome journal(s) left by"
                    + " an interrupted run; " + total + " recipient(s) the MTA had accepted were not yet in the database");
        }
        return recovered;
    }

    /** The caller owns the recorder and closes it with its SMTP connection. */
    public DeliveryRecorder openRecorder(long campaignId) {
        return new DeliveryRecorder(ledgerDataSource, campaignId, RetryPolicy.fromSystemProperties(), ledgerWrites,
                h2WriteTurns);
    }
}
