package org.sluice.load.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sluice.load.control.ConnectionPermits.Holder;

class SendersNowTest {

    private static final long RELAY1 = 1;
    private static final long RELAY2 = 2;
    private static final long RELAY3 = 3;

    private final Holder a = new Holder(1, "partition a");
    private final Holder b = new Holder(1, "partition b");
    private final Holder c = new Holder(2, "partition c");

    @Test
    void aWriterGoesWhereFewestWritersSendNowAndTiesKeepItsOwnOrder() {
        SendersNow senders = new SendersNow();

        assertEquals(RELAY1, senders.begin(a, List.of(RELAY1, RELAY2, RELAY3)));
        assertEquals(RELAY2, senders.begin(b, List.of(RELAY1, RELAY2, RELAY3)), "relay1 is busy");
        assertEquals(RELAY3, senders.begin(c, List.of(RELAY2, RELAY1, RELAY3)), "relay1 and relay2 are busy");

        assertEquals(1, senders.count(RELAY1));
        assertEquals(1, senders.count(RELAY2));
        assertEquals(1, senders.count(RELAY3));
    }

    @Test
    void aChunkOffersTheMtasLeastBusyFirstAndTiesInTheWritersOrder() {
        LockTable database = new LockTable();
        SendersNow nodeA = new SendersNow(database.server("node-a"));
        SendersNow nodeB = new SendersNow(database.server("node-b"));
        nodeA.begin(a, List.of(RELAY1));
        nodeB.begin(b, List.of(RELAY1));
        nodeB.begin(c, List.of(RELAY3));

        assertEquals(List.of(RELAY2, RELAY3, RELAY1), nodeA.leastBusyFirst(List.of(RELAY1, RELAY2, RELAY3)));
        assertEquals(List.of(RELAY2, RELAY3, RELAY1), nodeB.leastBusyFirst(List.of(RELAY3, RELAY2, RELAY1)));
        nodeB.end(c);
        assertEquals(List.of(RELAY3, RELAY2, RELAY1), nodeB.leastBusyFirst(List.of(RELAY3, RELAY2, RELAY1)));
        assertEquals(2, nodeA.count(RELAY1), "asking takes no slot");
    }

    @Test
    void aWriterThatEndsItsShareNoLongerCounts() {
        SendersNow senders = new SendersNow();
        senders.begin(a, List.of(RELAY1, RELAY2));
        senders.begin(b, List.of(RELAY2, RELAY1));

        senders.end(a);

        assertEquals(0, senders.count(RELAY1));
        assertEquals(RELAY1, senders.begin(c, List.of(RELAY2, RELAY1)), "relay1 is free again");
    }

    @Test
    void aWriterCountsAtOneMtaAtATime() {
        SendersNow senders = new SendersNow();
        senders.begin(a, List.of(RELAY1));

        senders.begin(a, List.of(RELAY2)); // its next share, without an end in between (a failed send)

        assertEquals(0, senders.count(RELAY1));
        assertEquals(1, senders.count(RELAY2));
    }

    @Test
    void endingAWriterThatDoesNotSendChangesNothing() {
        SendersNow senders = new SendersNow();
        senders.begin(a, List.of(RELAY1));

        senders.end(b);
        senders.end(b);

        assertEquals(1, senders.count(RELAY1));
    }

    @Test
    void writersOfEveryServerOnTheDatabaseCount() {
        LockTable database = new LockTable();
        SendersNow nodeA = new SendersNow(database.server("node-a"));
        SendersNow nodeB = new SendersNow(database.server("node-b"));

        assertEquals(RELAY1, nodeA.begin(a, List.of(RELAY1, RELAY2)));
        assertEquals(RELAY2, nodeB.begin(b, List.of(RELAY1, RELAY2)), "node a's writer is at relay1");
        assertEquals(RELAY1, nodeB.begin(c, List.of(RELAY1, RELAY2)), "each relay has one: the first");

        assertEquals(2, nodeA.count(RELAY1));
        assertEquals(Set.of("node-a/1/0", "node-b/2/0", "node-b/1/1"), database.held());

        nodeA.end(a);
        nodeB.end(b);
        nodeB.end(c);
        assertEquals(Set.of(), database.held(), "every slot given back");
    }

    @Test
    void withoutTheDatabaseAWriterStillCountsInItsOwnServer() {
        LockTable database = new LockTable();
        SendersNow node = new SendersNow(database.server("node-a"));
        database.down = true;

        assertEquals(RELAY1, node.begin(a, List.of(RELAY1, RELAY2)));
        assertEquals(RELAY2, node.begin(b, List.of(RELAY1, RELAY2)));
        assertEquals(1, node.count(RELAY1));

        node.end(a);
        assertEquals(0, node.count(RELAY1));
        database.down = false;
        assertEquals(RELAY1, node.begin(a, List.of(RELAY1, RELAY2)));
        assertEquals(Set.of("node-a/1/0"), database.held(), "relay2's writer holds no slot: it had none to give");
    }

    @Test
    void aWriterNeedsAnMtaToChooseFrom() {
        assertThrows(IllegalArgumentException.class, () -> new SendersNow().begin(a, List.of()));
    }

    /** Advisory locks as a database holds them for several servers' sessions; down: every query fails. */
    private static final class LockTable {
        private final Map<String, String> owners = new HashMap<>();
        boolean down;

        Set<String> held() {
            Set<String> held = new HashSet<>();
            owners.forEach((key, server) -> held.add(server + "/" + key));
            return held;
        }

        SlotLocks server(String name) {
            return new SlotLocks() {
                @Override
                public boolean tryLock(long mtaId, int slot) {
                    return !down && owners.putIfAbsent(mtaId + "/" + slot, name) == null;
                }

                @Override
                public void unlock(long mtaId, int slot) {
                    owners.remove(mtaId + "/" + slot, name);
                }

                @Override
                public boolean stillHeld(long mtaId, int slot) {
                    return name.equals(owners.get(mtaId + "/" + slot));
                }

                @Override
                public int lockedByOthers(long mtaId) {
                    return (int) owners.entrySet().stream()
                            .filter(e -> e.getKey().startsWith(mtaId + "/")
                                    && !e.getValue().equals(name))
                            .count();
                }

                @Override
                public Set<Integer> locked(long mtaId) {
                    if (down) {
                        return null;
                    }
                    Set<Integer> slots = new HashSet<>();
                    owners.keySet().stream()
                            .filter(k -> k.startsWith(mtaId + "/"))
                            .forEach(k -> slots.add(Integer.parseInt(k.substring(k.indexOf('/') + 1))));
                    return slots;
                }
            };
        }
    }
}
