package org.sluice.slice.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sluice.load.control.SlotLocks;
import org.sluice.schema.SchemaMigration;

/** Two servers sharing one database claim a campaign's slices, as two cluster nodes on PostgreSQL do. */
class SliceClaimsTest {

    private static final long CAMPAIGN = 41;

    private JdbcDataSource dataSource;
    private final Map<String, String> lockTable = new HashMap<>();
    private SharedLocks locksA;
    private SliceClaims a;
    private SliceClaims b;

    @BeforeEach
    void aCampaignOfTenThousandIds() throws Exception {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:slices" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        SchemaMigration.flyway(dataSource).migrate();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO mta (id, name, host, port, tls_mode, max_connections, enabled)"
                    + " VALUES (7, 'default', '127.0.0.1', 25, 'NONE', 2, TRUE)");
            s.execute("INSERT INTO campaign (id, name, from_address, subject_template, status, mta_id, chunk_size,"
                    + " connections, created_at) VALUES (" + CAMPAIGN + ", 'News', 'news@example.com', 'Hi',"
                    + " 'SENDING', 7, 100, 2, CURRENT_TIMESTAMP)");
        }
        locksA = new SharedLocks("a");
        a = new SliceClaims(dataSource, locksA, "node-a");
        b = new SliceClaims(dataSource, new SharedLocks("b"), "node-b");
        assertTrue(a.plan(CAMPAIGN, 1, 10_000, 2_500, 4));
    }

    @Test
    void noTwoServersOrPartitionsHoldTheSameSlice() {
        Slice a1 = a.claim(CAMPAIGN, -1);
        Slice a2 = a.claim(CAMPAIGN, -1);
        Slice b1 = b.claim(CAMPAIGN, -1);
        Slice b2 = b.claim(CAMPAIGN, -1);

        assertEquals(Set.of(0, 1, 2, 3), Set.of(a1.number(), a2.number(), b1.number(), b2.number()));
        assertNull(a.claim(CAMPAIGN, -1), "every slice is held");
        assertEquals(0, b.claimable(CAMPAIGN));
        assertEquals(4, a.unfinished(CAMPAIGN));
        assertEquals("node-b", a.list(CAMPAIGN).get(b1.number()).node());
    }

    @Test
    void aSliceWithDeferredRecipientsComesBackOnlyOnceNoSliceIsOpen() {
        Slice first = a.claim(CAMPAIGN, -1);
        a.release(first, SliceState.RETRY);

        assertEquals(1, a.claim(CAMPAIGN, -1).number(), "untried slices first");
        assertEquals(2, a.claim(CAMPAIGN, -1).number());
        assertEquals(3, a.claim(CAMPAIGN, -1).number());
        Slice retry = a.claim(CAMPAIGN, -1);
        assertEquals(0, retry.number());
        assertEquals(SliceState.RETRY, retry.state());
    }

    @Test
    void aDoneSliceIsNeverClaimedAgainAndTheLastOneEndsTheCampaignsSlices() {
        for (int i = 0; i < 4; i++) {
            a.release(a.claim(CAMPAIGN, -1), SliceState.DONE);
        }
        assertNull(b.claim(CAMPAIGN, -1));
        assertEquals(0, b.unfinished(CAMPAIGN));
        assertTrue(a.plan(CAMPAIGN, 1, 10_000, 2_500, 4), "a run after every slice is done cuts new ones");
    }

    @Test
    void aRestartKeepsTheUnfinishedSlicesAndResumesTheOneInItsCheckpoint() {
        a.release(a.claim(CAMPAIGN, -1), SliceState.DONE);

        assertFalse(b.plan(CAMPAIGN, 1, 10_000, 1_000, 2), "slices of the earlier run are still unfinished");
        assertEquals(3, b.unfinished(CAMPAIGN));
        assertEquals(2, b.claim(CAMPAIGN, 2).number(), "the slice of the checkpoint");
        assertNotEquals(0, b.claim(CAMPAIGN, 0).number(), "a DONE slice is not claimed again, even if preferred");
    }

    @Test
    void theSlicesOfAServerThatDiedAreFreeForTheOthers() {
        Slice held = a.claim(CAMPAIGN, -1);
        a.claim(CAMPAIGN, -1);
        assertEquals(2, b.claimable(CAMPAIGN));

        locksA.sessionEnds(); // the server died: its database session, and every lock of it, is gone

        assertEquals(4, b.claimable(CAMPAIGN));
        assertEquals(held.number(), b.claim(CAMPAIGN, held.number()).number());
        assertFalse(a.stillHeld(held), "the dead server's claim is lost");
    }

    @Test
    void aStaleHolderCannotMarkASliceItLost() {
        Slice held = a.claim(CAMPAIGN, -1);
        locksA.sessionEnds();
        Slice taken = b.claim(CAMPAIGN, held.number());

        a.release(held, SliceState.DONE); // the old holder, back from a broken connection, finishes its reading

        assertEquals(SliceState.OPEN, b.list(CAMPAIGN).get(taken.number()).state());
        assertTrue(b.stillHeld(taken));
    }

    @Test
    void theCampaignsOwnJobIsSeenAliveWhileItsServersSessionLives() {
        assertFalse(b.leadHeld(CAMPAIGN));
        assertTrue(a.holdLead(CAMPAIGN));
        assertTrue(a.holdLead(CAMPAIGN), "held already");

        assertTrue(b.leadHeld(CAMPAIGN));
        assertFalse(b.holdLead(CAMPAIGN), "one server runs the campaign's job at a time");
        assertEquals(4, b.claimable(CAMPAIGN), "the lead lock is not a slice");

        locksA.sessionEnds();
        assertFalse(b.leadHeld(CAMPAIGN), "the server died");
        assertTrue(b.holdLead(CAMPAIGN), "another takes over");
    }

    @Test
    void releasingGivesTheSliceBackWithItsState() {
        Slice held = a.claim(CAMPAIGN, -1);
        assertNotNull(held);
        a.release(held, null);

        assertEquals(4, b.claimable(CAMPAIGN));
        assertEquals(
                List.of(0, 1, 2, 3),
                b.list(CAMPAIGN).stream().map(SliceView::number).toList());
        assertFalse(b.list(CAMPAIGN).get(0).claimed());
    }

    /** One lock table for every "server", like PostgreSQL's advisory locks; each server is one session. */
    private final class SharedLocks implements SlotLocks {
        private final String session;
        private final Set<String> mine = new HashSet<>();

        SharedLocks(String session) {
            this.session = session;
        }

        @Override
        public boolean tryLock(long owner, int slot) {
            String key = owner + "/" + slot;
            String holder = lockTable.putIfAbsent(key, session);
            if (holder == null || holder.equals(session)) {
                mine.add(key);
                return true;
            }
            return false;
        }

        @Override
        public void unlock(long owner, int slot) {
            String key = owner + "/" + slot;
            if (mine.remove(key)) {
                lockTable.remove(key, session);
            }
        }

        @Override
        public boolean stillHeld(long owner, int slot) {
            return session.equals(lockTable.get(owner + "/" + slot));
        }

        @Override
        public int lockedByOthers(long owner) {
            return (int) lockTable.entrySet().stream()
                    .filter(e ->
                            e.getKey().startsWith(owner + "/") && !e.getValue().equals(session))
                    .count();
        }

        @Override
        public Set<Integer> locked(long owner) {
            Set<Integer> slots = new HashSet<>();
            for (String key : lockTable.keySet()) {
                if (key.startsWith(owner + "/")) {
                    slots.add(Integer.parseInt(key.substring(key.indexOf('/') + 1)));
                }
            }
            return slots;
        }

        void sessionEnds() {
            lockTable.values().removeIf(session::equals);
        }
    }
}
