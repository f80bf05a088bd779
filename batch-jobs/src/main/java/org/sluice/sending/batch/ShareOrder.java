package org.sluice.sending.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * The order of preference in which a partition offers the pool's MTAs for a chunk: the LoadManager gives the chunk
 * to the MTA the fewest writers send to now, and where several are equally busy, to the first in this order. Each
 * partition starts at its own place in the pool, and moves one place on per chunk, so partitions that find the MTAs
 * equally busy still start apart.
 */
final class ShareOrder {

    private ShareOrder() {}

    /** The list from {@code start} (modulo its size) to its end, then from its beginning. */
    static <T> List<T> rotated(List<T> pool, int start) {
        if (pool.size() < 2) {
            return pool;
        }
        int first = Math.floorMod(start, pool.size());
        List<T> rotated = new ArrayList<>(pool.subList(first, pool.size()));
        rotated.addAll(pool.subList(0, first));
        return rotated;
    }
}
