package org.sluice.sending.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.sluice.recipient.boundary.RecipientsToSend;
import org.sluice.recipient.control.PendingRecipient;
import org.sluice.slice.boundary.SendSlices;
import org.sluice.slice.control.Slice;
import org.sluice.slice.control.SliceState;

/** The reader against in-memory recipients and slices: when a slice may be called DONE, and when a partition ends. */
class PendingRecipientReaderTest {

    private static final long CAMPAIGN = 7;

    private final Recipients recipients = new Recipients();
    private final Slices slices = new Slices();
    private final StepContext step = transientDataOnly(StepContext.class);
    private final PendingRecipientReader reader = new PendingRecipientReader();

    PendingRecipientReaderTest() throws Exception {
        set("campaignId", CAMPAIGN);
        set("pageSize", 10);
        set("waitForOthers", "false");
        set("recipients", recipients);
        set("slices", slices);
        set("step", step);
        set("job", transientDataOnly(JobContext.class));
    }

    @Test
    void aSliceReadAndSentThroughIsDoneAndTheNextIsClaimed() throws Exception {
        recipients.pending(1, 2, 3, 4, 5, 6);
        slices.add(new Slice(CAMPAIGN, 0, 1, 3, SliceState.OPEN), new Slice(CAMPAIGN, 1, 4, 6, SliceState.OPEN));
        reader.open(null);

        assertEquals(List.of(1L, 2L, 3L), readChunk());
        recipients.sent(1, 2, 3);
        reader.checkpointInfo();
        assertEquals(List.of(4L, 5L, 6L), readChunk());
        recipients.sent(4, 5, 6);
        reader.checkpointInfo();

        assertNull(reader.readItem(), "nothing left");
        assertEquals(List.of("0 DONE", "1 DONE"), slices.released);
    }

    /**
     * A Stop (or another node taking the campaign over) leaves the rest of a chunk unsent. A stopped partition may
     * still be asked for items; it must end there, and its slice must not be DONE with those recipients unsent.
     */
    @Test
    void aStoppedChunkEndsThePartitionAndLeavesItsSliceUnfinished() throws Exception {
        recipients.pending(1, 2, 3, 4);
        slices.add(new Slice(CAMPAIGN, 0, 1, 4, SliceState.OPEN));
        reader.open(null);

        assertEquals(List.of(1L, 2L, 3L, 4L), readChunk());
        recipients.sent(1, 2); // the writer stopped before 3
        PartitionSignals.of(step).unsentFrom(3);
        Object checkpoint = reader.checkpointInfo();

        assertNull(reader.readItem(), "the stopped partition ends");
        reader.close();
        assertEquals(List.of("0 kept"), slices.released, "the slice goes back unfinished, not DONE");
        assertEquals(new PendingRecipientReader.SlicePosition(0, 0, 2), checkpoint, "a restart reads 3 again");
    }

    @Test
    void aSliceWithPendingRecipientsAfterItsPassIsNeverDone() throws Exception {
        recipients.pending(1, 2, 3);
        slices.add(new Slice(CAMPAIGN, 0, 1, 3, SliceState.OPEN));
        reader.open(null);

        assertEquals(List.of(1L, 2L, 3L), readChunk());
        recipients.sent(1, 3); // 2 got no outcome
        reader.checkpointInfo();

        assertNull(reader.readItem());
        assertEquals(List.of("0 kept"), slices.released, "back for another partition to read from its start");
    }

    /** Reads until the reader ends the chunk at a pass's end (as SendCheckpoints does), or returns null. */
    private List<Long> readChunk() throws Exception {
        List<Long> ids = new ArrayList<>();
        while (true) {
            PendingRecipient r = (PendingRecipient) reader.readItem();
            if (r == null) {
                return ids;
            }
            ids.add(r.id());
            if (PartitionSignals.of(step).passEndReached()) {
                return ids;
            }
        }
    }

    private void set(String field, Object value) throws Exception {
        Field f = PendingRecipientReader.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(reader, value);
    }

    /** A batch context that keeps its transient user data and nothing else. */
    @SuppressWarnings("unchecked")
    private static <T> T transientDataOnly(Class<T> type) {
        Object[] data = new Object[1];
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "getTransientUserData":
                    return data[0];
                case "setTransientUserData":
                    data[0] = args[0];
                    return null;
                default:
                    throw new UnsupportedOperationException(method.getName());
            }
        });
    }

    /** Recipients by id: PENDING until marked sent. */
    private static final class Recipients extends RecipientsToSend {
        private final Map<Long, Boolean> pending = new TreeMap<>();

        void pending(long... ids) {
            for (long id : ids) {
                pending.put(id, true);
            }
        }

        void sent(long... ids) {
            for (long id : ids) {
                pending.put(id, false);
            }
        }

        @Override
        public List<PendingRecipient> pendingPage(long campaignId, long afterId, long lastId, int limit) {
            return pending.entrySet().stream()
                    .filter(e -> e.getValue() && e.getKey() > afterId && e.getKey() <= lastId)
                    .limit(limit)
                    .map(e -> new PendingRecipient(e.getKey(), "r" + e.getKey() + "@example.org", null, Map.of()))
                    .toList();
        }

        @Override
        public List<PendingRecipient> deferredPage(long campaignId, long afterId, long lastId, int limit) {
            return List.of();
        }

        @Override
        public boolean hasDeferred(long campaignId, long firstId, long lastId) {
            return false;
        }

        @Override
        public boolean hasPending(long campaignId, long firstId, long lastId) {
            return !pendingPage(campaignId, firstId - 1, lastId, 1).isEmpty();
        }
    }

    /** Slices claimed in order; records each release as "number STATE" ("kept" when the state stays). */
    private static final class Slices extends SendSlices {
        private final List<Slice> open = new ArrayList<>();
        final List<String> released = new ArrayList<>();

        void add(Slice... added) {
            open.addAll(List.of(added));
        }

        @Override
        public synchronized Slice claim(long campaignId, int preferred) {
            return open.isEmpty() ? null : open.remove(0);
        }

        @Override
        public synchronized void release(Slice slice, SliceState state) {
            released.add(slice.number() + " " + (state == null ? "kept" : state.name()));
        }

        @Override
        public synchronized boolean stillHeld(Slice slice) {
            return true;
        }

        @Override
        public int unfinished(long campaignId) {
            return open.size();
        }
    }
}
