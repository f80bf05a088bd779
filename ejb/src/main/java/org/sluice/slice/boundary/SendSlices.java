package org.sluice.slice.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.List;
import javax.sql.DataSource;
import org.sluice.config.Setting;
import org.sluice.load.control.AdvisorySlotLocks;
import org.sluice.load.control.SlotLocks;
import org.sluice.schema.SupportedDatabase;
import org.sluice.slice.control.Slice;
import org.sluice.slice.control.SliceClaims;
import org.sluice.slice.control.SliceState;
import org.sluice.slice.control.SliceView;

/**
 * The send slices of every campaign and this server's claims on them ({@link SliceClaims}). On PostgreSQL the claims
 * are advisory locks, so every Sluice server sharing the database (a cluster's nodes) sends a different part of a
 * campaign; H2 is embedded in one server, which keeps its claims in memory.
 */
@PermitAll
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SendSlices {

    /** Recipients (ids) per slice: the unit of work a server claims. */
    public static final Setting SIZE = Setting.of("sluice.send.slice-size", "500");

    @Resource(lookup = "java:jboss/datasources/SluiceLedgerDS")
    private DataSource ledger;

    private AdvisorySlotLocks sharedLocks;
    private SliceClaims claims;

    @PostConstruct
    void chooseClaims() {
        SlotLocks locks = SlotLocks.THIS_SERVER_ONLY;
        if (SupportedDatabase.of(ledger) == SupportedDatabase.POSTGRESQL) {
            sharedLocks = new AdvisorySlotLocks(ledger, AdvisorySlotLocks.SLICES, "send slice", "campaign");
            locks = sharedLocks;
        }
        claims = new SliceClaims(ledger, locks, nodeName());
    }

    @PreDestroy
    synchronized void releaseAll() {
        claims.releaseAll();
        if (sharedLocks != null) {
            sharedLocks.close();
        }
    }

    /** Whether other servers may claim slices too (they share this database). */
    public boolean shared() {
        return sharedLocks != null;
    }

    /** See {@link SliceClaims#plan}. */
    public synchronized boolean plan(long campaignId, long firstId, long lastId, int atLeast) {
        return claims.plan(campaignId, firstId, lastId, SIZE.intValue(1, "recipients"), atLeast);
    }

    /** See {@link SliceClaims#claim}. */
    public synchronized Slice claim(long campaignId, int preferred) {
        return claims.claim(campaignId, preferred);
    }

    /** See {@link SliceClaims#release}. */
    public synchronized void release(Slice slice, SliceState state) {
        claims.release(slice, state);
    }

    public synchronized boolean stillHeld(Slice slice) {
        return claims.stillHeld(slice);
    }

    /** See {@link SliceClaims#holdLead}. */
    public synchronized boolean holdLead(long campaignId) {
        return claims.holdLead(campaignId);
    }

    public synchronized void releaseLead(long campaignId) {
        claims.releaseLead(campaignId);
    }

    /** See {@link SliceClaims#leadHeld}. */
    public synchronized boolean leadHeld(long campaignId) {
        return claims.leadHeld(campaignId);
    }

    public int unfinished(long campaignId) {
        return claims.unfinished(campaignId);
    }

    public synchronized int claimable(long campaignId) {
        return claims.claimable(campaignId);
    }

    public synchronized List<SliceView> list(long campaignId) {
        return claims.list(campaignId);
    }

    /** The name this server has in the cluster ({@code jboss.node.name}, by default the host name). */
    public static String nodeName() {
        String name = System.getProperty("jboss.node.name");
        return name == null || name.isBlank() ? "this server" : name;
    }
}
