package org.sluice.slice.control;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a campaign's id range into slices of about {@code size} ids, at least as many as the send step has partitions
 * (so each partition has a slice of its own from the start) and at most {@value #MAX_SLICES}. The last slice is
 * open-ended: a recipient stored after the cut (ids only grow) still belongs to a slice.
 * <p>
 * A large range ends in smaller slices: a round of half the size, then a quarter, then an eighth, each as many as
 * there are partitions. Partitions claim slices in order, so the last ones they claim are short and they run out of
 * work close together; with equal slices, the campaign's last minute was a few partitions each finishing a whole
 * slice while the others (and the MTAs they sent to) had nothing left.
 */
public final class SlicePlan {

    /** Below the 65,536 slot numbers an advisory-lock space has. */
    public static final int MAX_SLICES = 10_000;

    /** Rounds of smaller slices at the end: 1/2, 1/4 and 1/8 of the size. */
    private static final int TAPER_ROUNDS = 3;

    private SlicePlan() {}

    /** @return {first id, last id} of each slice, in order */
    public static List<long[]> cut(long firstId, long lastId, int size, int atLeast) {
        long span = lastId - firstId + 1;
        int sliceSize = Math.max(1, size);
        int partitions = Math.max(1, atLeast);
        List<Long> tail = taper(sliceSize, partitions);
        long tailSpan = tail.stream().mapToLong(Long::longValue).sum();
        if (span < (long) sliceSize * partitions + tailSpan) {
            return equal(firstId, span, sliceSize, partitions, MAX_SLICES, true);
        }
        List<long[]> slices = equal(firstId, span - tailSpan, sliceSize, partitions, MAX_SLICES - tail.size(), false);
        long from = firstId + span - tailSpan;
        for (long length : tail) {
            slices.add(new long[] {from, from + length - 1});
            from += length;
        }
        slices.get(slices.size() - 1)[1] = Long.MAX_VALUE;
        return slices;
    }

    /** The sizes of the slices that end the range: each round as many slices as partitions, half as long as before. */
    private static List<Long> taper(int size, int partitions) {
        List<Long> tail = new ArrayList<>();
        long length = size;
        for (int round = 0; round < TAPER_ROUNDS; round++) {
            length /= 2;
            if (length < 1 || tail.size() + partitions > MAX_SLICES / 2) {
                break;
            }
            for (int i = 0; i < partitions; i++) {
                tail.add(length);
            }
        }
        return tail;
    }

    /**
     * About {@code size} ids each, at least {@code atLeast} slices, at most {@code most} and never more than ids; the
     * last one open-ended or ending at the span's end.
     */
    private static List<long[]> equal(long firstId, long span, int size, int atLeast, int most, boolean openEnded) {
        long wanted = Math.max((span + size - 1) / size, atLeast);
        int count = (int) Math.max(1, Math.min(Math.min(wanted, most), span));
        List<long[]> slices = new ArrayList<>(count);
        long from = firstId;
        for (int i = 0; i < count; i++) {
            long to = i < count - 1
                    ? firstId + span * (i + 1) / count - 1
                    : openEnded ? Long.MAX_VALUE : firstId + span - 1;
            slices.add(new long[] {from, to});
            from = to + 1;
        }
        return slices;
    }
}
