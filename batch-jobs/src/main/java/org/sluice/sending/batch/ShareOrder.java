package org.sluice.sending.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The order in which a partition sends a chunk's shares to the MTAs. Each partition sends its shares one after the
 * other; if every partition began with the same MTA they would queue at that MTA together while the others idled (a
 * convoy, one reason four partitions reached only 60 % of the capacity of four fixed-rate MTAs in the cluster
 * benchmark). Each partition starts at its own place in the list, and moves one place on per chunk.
 */
final class ShareOrder {

    private ShareOrder() {}

    /** The shares' entries starting at {@code start} (modulo their number), in the map's order after that. */
    static <K, V> List<Map.Entry<K, V>> rotated(Map<K, V> shares, int start) {
        List<Map.Entry<K, V>> entries = new ArrayList<>(shares.entrySet());
        if (entries.size() < 2) {
            return entries;
        }
        int first = Math.floorMod(start, entries.size());
        List<Map.Entry<K, V>> rotated = new ArrayList<>(entries.subList(first, entries.size()));
        rotated.addAll(entries.subList(0, first));
        return rotated;
    }
}
