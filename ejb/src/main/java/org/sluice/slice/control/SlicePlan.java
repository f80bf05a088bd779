package org.sluice.slice.control;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a campaign's id range into slices of about {@code size} ids, at least as many as the send step has partitions
 * (so each partition has a slice of its own from the start) and at most {@value #MAX_SLICES}. The last slice is
 * open-ended: a recipient stored after the cut (ids only grow) still belongs to a slice.
 */
public final class SlicePlan {

    /** Below the 65,536 slot numbers an advisory-lock space has. */
    public static final int MAX_SLICES = 10_000;

    private SlicePlan() {}

    /** @return {first id, last id} of each slice, in order */
    public static List<long[]> cut(long firstId, long lastId, int size, int atLeast) {
        long span = lastId - firstId + 1;
        long wanted = Math.max((span + Math.max(1, size) - 1) / Math.max(1, size), atLeast);
        int count = (int) Math.max(1, Math.min(Math.min(wanted, MAX_SLICES), span));
        List<long[]> slices = new ArrayList<>(count);
        long from = firstId;
        for (int i = 0; i < count; i++) {
            long to = i == count - 1 ? Long.MAX_VALUE : firstId + span * (i + 1) / count - 1;
            slices.add(new long[] {from, to});
            from = to + 1;
        }
        return slices;
    }
}
