package org.sluice.bounce.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.StoreClosedException;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sluice.bounce.control.BounceMailbox;
import org.sluice.bounce.control.BounceMailboxSettings;
import org.sluice.bounce.control.BounceMatch;
import org.sluice.bounce.control.BounceMatcher;
import org.sluice.bounce.control.BounceReader;
import org.sluice.bounce.control.DeliveryStatusReport;
import org.sluice.config.SettingSource;
import org.sluice.security.Roles;
import org.sluice.suppression.boundary.Unsubscribes;
import org.sluice.suppression.control.InvalidUnsubscribeTokenException;

/**
 * Reads the bounce mailbox: every delivery status notification attributed to a Sluice message is recorded
 * ({@link Bounces}, its own transaction, committed before the next message is read) and only then removed from the
 * mailbox. One pass at a time, whether started by the schedule or on demand.
 */
@PermitAll
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// No transaction around the pass: each bounce commits on its own, so a message is removed only after its effect.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BounceFetcher {

    private static final Logger LOG = Logger.getLogger(BounceFetcher.class.getName());
    private static final long ON_DEMAND_WAIT_SECONDS = 120;

    private final ReentrantLock passLock = new ReentrantLock();
    private final AtomicLong passes = new AtomicLong();
    private final BounceReader reader = new BounceReader();

    @EJB
    private Bounces bounces;

    @EJB
    private ReturnPaths returnPaths;

    @EJB
    private Unsubscribes unsubscribes;

    /**
     * A pass now; waits for a running one to end first.
     *
     * @throws BounceException       when no bounce mailbox is configured, or its settings are wrong
     * @throws BounceMailboxException when the mailbox cannot be reached or read
     */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public BounceFetch fetchNow() {
        BounceMailboxSettings settings = settings()
                .orElseThrow(
                        () -> new BounceException(
                                "no bounce mailbox is configured: set the system property sluice.bounce.host (see README, Bounces)"));
        try {
            if (!passLock.tryLock(ON_DEMAND_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new BounceException("a bounce fetch has been running for over " + ON_DEMAND_WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BounceException("interrupted while waiting for the running bounce fetch");
        }
        try {
            return pass(settings);
        } finally {
            passLock.unlock();
        }
    }

    /** The schedule's pass: none when no mailbox is configured or a pass is running. */
    public Optional<BounceFetch> fetchIfIdle() {
        Optional<BounceMailboxSettings> settings = settings();
        if (settings.isEmpty() || !passLock.tryLock()) {
            return Optional.empty();
        }
        try {
            return Optional.of(pass(settings.get()));
        } finally {
            passLock.unlock();
        }
    }

    private static Optional<BounceMailboxSettings> settings() {
        try {
            return BounceMailboxSettings.from(SettingSource.microProfileConfig());
        } catch (IllegalArgumentException e) {
            throw new BounceException("bounce mailbox settings: " + e.getMessage());
        }
    }

    /** Passes over the mailbox this server has started since it deployed Sluice (a metric per node). */
    public long passesStarted() {
        return passes.get();
    }

    private BounceFetch pass(BounceMailboxSettings settings) {
        passes.incrementAndGet();
        BounceMatcher matcher = new BounceMatcher(returnPaths.codec().orElse(null));
        Tally tally = new Tally();
        BounceMailbox.Pass pass;
        try {
            pass = new BounceMailbox(settings).drain(message -> handle(message, matcher, tally));
        } catch (MessagingException e) {
            throw new BounceMailboxException("bounce mailbox " + settings + ": " + e.getMessage() + " (" + tally.hard
                    + " hard and " + tally.soft + " soft bounces recorded before)");
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("bounce mailbox " + settings + ": " + e, e);
        }
        BounceFetch fetch = new BounceFetch(
                settings.toString(),
                pass.read(),
                tally.hard,
                tally.soft,
                tally.complaints,
                tally.unsubscribed,
                tally.ignored,
                tally.unmatched,
                tally.failed,
                pass.removed());
        LOG.log(
                fetch.hard() + fetch.soft() + fetch.complaints() + fetch.failed() > 0 ? Level.INFO : Level.FINE,
                () -> "Bounces: " + fetch);
        return fetch;
    }

    private boolean handle(Message message, BounceMatcher matcher, Tally tally) throws MessagingException {
        Optional<DeliveryStatusReport> report;
        try {
            report = reader.read(message);
        } catch (FolderClosedException | StoreClosedException lost) {
            throw lost; // the connection, not this message: end the pass
        } catch (MessagingException | IOException | RuntimeException unreadable) {
            tally.failed++;
            LOG.warning(() -> "Bounce mailbox message " + message.getMessageNumber() + " cannot be read, left there: "
                    + unreadable);
            return false;
        }
        if (report.isEmpty()) {
            return unsubscribeRequest(message, tally);
        }
        Optional<BounceMatch> match = matcher.match(report.get());
        if (match.isEmpty()) {
            tally.unmatched++;
            return false;
        }
        switch (bounces.record(report.get(), match.get())) {
            case HARD -> tally.hard++;
            case SOFT -> tally.soft++;
            case COMPLAINT -> tally.complaints++;
            case NOT_A_BOUNCE -> {
                tally.ignored++;
                return false;
            }
            case UNMATCHED -> {
                tally.unmatched++;
                return false;
            }
        }
        return true;
    }

    /**
     * A mail to the List-Unsubscribe mailto address (RFC 2369), when that address is delivered to this mailbox: its
     * subject is "unsubscribe TOKEN" as the header's mailto URL set it. A valid token unsubscribes like the one-click
     * POST; anything else is left in the mailbox.
     */
    private boolean unsubscribeRequest(Message message, Tally tally) throws MessagingException {
        Matcher subject = UNSUBSCRIBE_SUBJECT.matcher(message.getSubject() == null ? "" : message.getSubject());
        if (!subject.matches()) {
            tally.ignored++;
            return false;
        }
        String from =
                message.getFrom() == null || message.getFrom().length == 0 ? "?" : message.getFrom()[0].toString();
        try {
            unsubscribes.unsubscribe(subject.group(1), "unsubscribe mail from " + from);
        } catch (InvalidUnsubscribeTokenException forged) {
            tally.unmatched++;
            LOG.warning(() -> "Unsubscribe mail " + message.getMessageNumber() + " from " + from
                    + " has no valid token, left in the mailbox: " + forged.getMessage());
            return false;
        }
        tally.unsubscribed++;
        return true;
    }

    private static final Pattern UNSUBSCRIBE_SUBJECT = Pattern.compile("(?i)\\s*(?:re:\\s*)?unsubscribe\\s+(\\S+)\\s*");

    private static final class Tally {
        int hard;
        int soft;
        int complaints;
        int unsubscribed;
        int ignored;
        int unmatched;
        int failed;
    }
}
