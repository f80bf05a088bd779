package org.sluice.recipient.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.sluice.recipient.control.CountChanges;
import org.sluice.recipient.control.CountCheck;
import org.sluice.recipient.control.CountSnapshot;
import org.sluice.recipient.control.RecipientStatements;
import org.sluice.recipient.control.StateCounts;
import org.sluice.security.Roles;

/**
 * A campaign's recipients counted by state, kept in one row per campaign (recipient_count) by every transaction that
 * stores recipients or moves them between states ({@link CountChanges}): reading them is a primary-key read, however
 * many recipients the campaign has. An admin can check them against a count of the tables, and correct them.
 */
@PermitAll
@Stateless
public class RecipientCounters {

    private static final Logger LOG = Logger.getLogger(RecipientCounters.class.getName());

    @PersistenceContext(unitName = "sluice")
    private EntityManager em;

    /**
     * Outside JTA, so a check chooses its transaction's isolation: the same database as the JTA datasource
     * (server/wildfly/sluice.cli).
     */
    @Resource(lookup = "java:jboss/datasources/SluiceLedgerDS")
    private DataSource outsideJta;

    /** A new campaign's counters, all zero, in the caller's transaction (after the campaign's row is written). */
    public void open(long campaignId) {
        em.createNativeQuery(RecipientStatements.OPEN_COUNTS)
                .setParameter(1, campaignId)
                .executeUpdate();
    }

    /**
     * Adds one transaction's changes to the counters, in the caller's transaction, after its pending writes: the
     * counter rows are the last locks a transaction takes ({@link CountChanges}).
     */
    public void add(CountChanges changes) {
        List<Object[]> updates = changes.updates();
        if (updates.isEmpty()) {
            return;
        }
        em.flush();
        for (Object[] parameters : updates) {
            var add = em.createNativeQuery(RecipientStatements.ADD_COUNTS);
            for (int i = 0; i < parameters.length; i++) {
                add.setParameter(i + 1, parameters[i]);
            }
            if (add.executeUpdate() != 1) {
                long campaignId = (Long) parameters[parameters.length - 1];
                throw new IllegalStateException(
                        CountChanges.noCounterRow(campaignId).getMessage());
            }
        }
    }

    /** A campaign's counts as last committed (all zero for an unknown campaign). */
    public StateCounts of(long campaignId) {
        List<?> rows = em.createNativeQuery(RecipientStatements.READ_COUNTS)
                .setParameter(1, campaignId)
                .getResultList();
        if (rows.isEmpty()) {
            return new StateCounts(0, 0, 0, 0, 0, 0);
        }
        Object[] row = (Object[]) rows.get(0);
        return new StateCounts(
                number(row[0]), number(row[1]), number(row[2]), number(row[3]), number(row[4]), number(row[5]));
    }

    /**
     * The counters against a count of the recipient and outcome tables, both read in one snapshot ({@link
     * CountSnapshot}): they agree while the campaign is being sent too. Costs a read of every recipient of the
     * campaign; locks nothing.
     */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public CountCheck check(long campaignId) {
        try (Connection c = outsideJta.getConnection()) {
            return CountSnapshot.check(c, campaignId);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "checking the recipient counts of campaign " + campaignId + " failed: " + e.getMessage(), e);
        }
    }

    /** Checks the counters and adds to them what they differ from the tables by. */
    @RolesAllowed(Roles.ADMIN)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public CountCheck correct(long campaignId) {
        try (Connection c = outsideJta.getConnection()) {
            CountCheck check = CountSnapshot.correct(c, campaignId);
            if (check.corrected()) {
                LOG.warning(check::report);
            }
            return check;
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "correcting the recipient counts of campaign " + campaignId + " failed: " + e.getMessage(), e);
        }
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
