package org.sluice.sending.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The order of preference in which a partition takes a chunk's shares: it sends each next to the MTA the fewest
 * writers send to now ({@code LoadManager.beginShare}), and where several are equally busy, to the first in this
 * order. Each partition starts at its own place in the list, and moves one place on per chunk, so partitions that
 * find the MTAs equally busy still start apart.
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
