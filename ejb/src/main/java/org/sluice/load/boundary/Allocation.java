package org.sluice.load.boundary;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.sluice.load.control.MtaAdmission;

/**
 * How many messages each MTA takes from a chunk now ({@code shares}, MTA id to count, only MTAs that take any),
 * and the admission of every MTA in the pool that led to it. The writer holds a connection permit for every MTA
 * with a share; {@code surrender} names the MTAs whose maxConnections was lowered below the connections open, where
 * this writer's connection is one too many: it closes it and releases the permit.
 */
public record Allocation(Map<Long, Integer> shares, List<MtaAdmission> admissions, Set<Long> surrender) {

    public boolean none() {
        return shares.isEmpty();
    }

    public int total() {
        return shares.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Why nothing may be sent now: every MTA of the pool with its state and reason. */
    public String reason() {
        return admissions.stream().map(MtaAdmission::describe).collect(Collectors.joining("; "));
    }
}
