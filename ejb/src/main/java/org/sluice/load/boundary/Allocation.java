package org.sluice.load.boundary;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.sluice.load.control.MtaAdmission;

/**
 * How many messages each MTA takes from a chunk now ({@code shares}, MTA id to count, only MTAs that take any),
 * and the admission of every MTA in the pool that led to it.
 */
public record Allocation(Map<Long, Integer> shares, List<MtaAdmission> admissions) {

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
