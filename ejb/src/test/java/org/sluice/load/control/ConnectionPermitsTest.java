package org.sluice.load.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sluice.load.control.ConnectionPermits.Holder;

class ConnectionPermitsTest {

    private static final long MTA = 7;
    private static final long OTHER_MTA = 8;

    private final ConnectionPermits permits = new ConnectionPermits();
    private final Holder campaign1a = new Holder(1, "campaign 1 partition a");
    private final Holder campaign1b = new Holder(1, "campaign 1 partition b");
    private final Holder campaign2a = new Holder(2, "campaign 2 partition a");
    private final Holder campaign2b = new Holder(2, "campaign 2 partition b");

    @Test
    void campaignsTogetherGetNoMorePermitsThanTheMtaAllows() {
        assertTrue(permits.tryAcquire(MTA, campaign1a, 2));
        assertTrue(permits.tryAcquire(MTA, campaign1b, 2));

        assertFalse(permits.holdsWithin(MTA, campaign2a, 2));
        assertFalse(permits.tryAcquire(MTA, campaign2a, 2));
        assertFalse(permits.tryAcquire(MTA, campaign2b, 2));
        assertEquals(2, permits.inUse(MTA));
        assertEquals("2 of 2 connections in use by other campaigns", permits.refusal(MTA, campaign2a, 2));
    }

    @Test
    void aHolderAsksAgainForItsOwnPermitWithoutTakingASecond() {
        assertTrue(permits.tryAcquire(MTA, campaign1a, 2));
        assertTrue(permits.tryAcquire(MTA, campaign1a, 2));

        assertEquals(1, permits.inUse(MTA));
        assertTrue(permits.tryAcquire(MTA, campaign2a, 2));
    }

    @Test
    void eachMtaHasItsOwnLimit() {
        assertTrue(permits.tryAcquire(MTA, campaign1a, 1));
        assertFalse(permits.tryAcquire(MTA, campaign2a, 1));

        assertTrue(permits.tryAcquire(OTHER_MTA, campaign2a, 1));
        assertEquals(1, permits.inUse(OTHER_MTA));
    }

    @Test
    void theRefusalNamesTheCampaignsOwnPartitionsWhenNoOtherCampaignHoldsOne() {
        permits.tryAcquire(MTA, campaign1a, 1);

        assertEquals(
                "1 of 1 connections in use by this campaign's other partitions", permits.refusal(MTA, campaign1b, 1));
    }

    @Test
    void aConnectionThatFailedGivesItsPermitToTheNextCampaign() {
        permits.tryAcquire(MTA, campaign1a, 2);
        permits.tryAcquire(MTA, campaign1b, 2);

        permits.release(MTA, campaign1b); // its connection was lost

        assertEquals(1, permits.inUse(MTA));
        assertTrue(permits.tryAcquire(MTA, campaign2a, 2));
        assertFalse(permits.tryAcquire(MTA, campaign2b, 2));
    }

    @Test
    void aClosingWriterGivesBackEveryPermitItHeld() {
        permits.tryAcquire(MTA, campaign1a, 1);
        permits.tryAcquire(OTHER_MTA, campaign1a, 1);

        permits.releaseAll(campaign1a); // its step failed: close() releases everything

        assertEquals(0, permits.inUse(MTA));
        assertEquals(0, permits.inUse(OTHER_MTA));
        assertFalse(permits.holds(MTA, campaign1a));
        assertTrue(permits.tryAcquire(MTA, campaign2a, 1));
        assertTrue(permits.tryAcquire(OTHER_MTA, campaign2b, 1));
    }

    @Test
    void releasingAPermitNotHeldChangesNothing() {
        permits.tryAcquire(MTA, campaign1a, 2);

        permits.release(MTA, campaign2a);
        permits.releaseAll(campaign2b);

        assertEquals(1, permits.inUse(MTA));
        assertTrue(permits.holds(MTA, campaign1a));
    }

    @Test
    void aLoweredLimitTakesTheLatestPermitsBackAndAdmitsNobodyUntilBelowIt() {
        permits.tryAcquire(MTA, campaign1a, 4);
        permits.tryAcquire(MTA, campaign1b, 4);
        permits.tryAcquire(MTA, campaign2a, 4);

        // An admin lowers maxConnections from 4 to 1 while three connections are open.
        assertFalse(permits.overLimit(MTA, campaign1a, 1), "the first holder keeps its connection");
        assertTrue(permits.overLimit(MTA, campaign1b, 1));
        assertTrue(permits.overLimit(MTA, campaign2a, 1));
        assertTrue(permits.holdsWithin(MTA, campaign1a, 1));
        assertFalse(permits.holdsWithin(MTA, campaign1b, 1), "over the limit: no share for it");
        assertFalse(permits.tryAcquire(MTA, campaign2b, 1));
        assertEquals(3, permits.inUse(MTA), "open connections count until they are closed");

        permits.release(MTA, campaign1b);
        permits.release(MTA, campaign2a);

        assertEquals(1, permits.inUse(MTA));
        assertFalse(permits.tryAcquire(MTA, campaign2b, 1));
    }

    @Test
    void aPermitHeldOverALoweredLimitIsSaidToBeClosed() {
        permits.tryAcquire(MTA, campaign1a, 2);
        permits.tryAcquire(MTA, campaign2a, 2);

        assertEquals(
                "1 of 1 connections in use by other campaigns (maxConnections lowered: this partition closes"
                        + " its connection)",
                permits.refusal(MTA, campaign2a, 1));
    }

    @Test
    void aRaisedLimitLetsTheWaitingCampaignIn() {
        permits.tryAcquire(MTA, campaign1a, 1);
        assertFalse(permits.tryAcquire(MTA, campaign2a, 1));

        assertTrue(permits.tryAcquire(MTA, campaign2a, 2));
        assertEquals(2, permits.inUse(MTA));
    }

    /** Slots locked in a shared place, as another Sluice server on the same database would hold them. */
    private static final class SharedSlots implements SlotLocks {
        final java.util.Set<String> elsewhere = new java.util.HashSet<>();
        final java.util.Set<String> mine = new java.util.HashSet<>();
        final java.util.Set<String> lost = new java.util.HashSet<>();

        @Override
        public boolean tryLock(long mtaId, int slot) {
            String key = mtaId + "/" + slot;
            return !elsewhere.contains(key) && mine.add(key);
        }

        @Override
        public void unlock(long mtaId, int slot) {
            mine.remove(mtaId + "/" + slot);
        }

        @Override
        public boolean stillHeld(long mtaId, int slot) {
            return !lost.contains(mtaId + "/" + slot);
        }

        @Override
        public int lockedByOthers(long mtaId) {
            return (int)
                    elsewhere.stream().filter(k -> k.startsWith(mtaId + "/")).count();
        }

        @Override
        public java.util.Set<Integer> locked(long mtaId) {
            java.util.Set<Integer> slots = new java.util.HashSet<>();
            for (String key : elsewhere) {
                if (key.startsWith(mtaId + "/")) {
                    slots.add(Integer.parseInt(key.substring(key.indexOf('/') + 1)));
                }
            }
            for (String key : mine) {
                if (key.startsWith(mtaId + "/")) {
                    slots.add(Integer.parseInt(key.substring(key.indexOf('/') + 1)));
                }
            }
            return slots;
        }
    }

    @Test
    void slotsAnotherServerHoldsCountAgainstTheLimit() {
        SharedSlots shared = new SharedSlots();
        shared.elsewhere.add(MTA + "/0");
        ConnectionPermits clustered = new ConnectionPermits(shared);

        assertTrue(clustered.tryAcquire(MTA, campaign1a, 2), "slot 1 is free");
        assertFalse(clustered.tryAcquire(MTA, campaign1b, 2));
        assertEquals(2, clustered.inUse(MTA));
        assertEquals(
                "2 of 2 connections in use by other Sluice servers and this one",
                clustered.refusal(MTA, campaign2a, 2));

        shared.elsewhere.clear();
        assertTrue(clustered.tryAcquire(MTA, campaign1b, 2), "the other server closed its connection");
        assertEquals(java.util.Set.of(MTA + "/0", MTA + "/1"), shared.mine);
    }

    @Test
    void theRefusalNamesOtherServersWhenTheyHoldEverySlot() {
        SharedSlots shared = new SharedSlots();
        shared.elsewhere.add(MTA + "/0");
        ConnectionPermits clustered = new ConnectionPermits(shared);

        assertFalse(clustered.tryAcquire(MTA, campaign1a, 1));
        assertEquals("1 of 1 connections in use by other Sluice servers", clustered.refusal(MTA, campaign1a, 1));
    }

    @Test
    void aSlotLostToAnotherServerIsClosedAndGivenBack() {
        SharedSlots shared = new SharedSlots();
        ConnectionPermits clustered = new ConnectionPermits(shared);
        clustered.tryAcquire(MTA, campaign1a, 2);

        shared.lost.add(MTA + "/0");

        assertTrue(clustered.overLimit(MTA, campaign1a, 2));
        clustered.release(MTA, campaign1a);
        assertFalse(clustered.holds(MTA, campaign1a));
        assertEquals(java.util.Set.of(), shared.mine);
    }

    @Test
    void aClosingWriterUnlocksEverySharedSlotItHeld() {
        SharedSlots shared = new SharedSlots();
        ConnectionPermits clustered = new ConnectionPermits(shared);
        clustered.tryAcquire(MTA, campaign1a, 2);
        clustered.tryAcquire(OTHER_MTA, campaign1a, 2);
        clustered.tryAcquire(MTA, campaign2a, 2);

        clustered.releaseAll(campaign1a);

        assertEquals(java.util.Set.of(MTA + "/1"), shared.mine);
    }
}
