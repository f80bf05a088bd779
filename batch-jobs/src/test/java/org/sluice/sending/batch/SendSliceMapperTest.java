package org.sluice.sending.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.batch.api.partition.PartitionPlan;
import org.junit.jupiter.api.Test;

class SendSliceMapperTest {

    @Test
    void onePartitionAndThreadPerConnection() {
        PartitionPlan plan = SendSliceMapper.plan(3);

        assertEquals(3, plan.getPartitions());
        assertEquals(3, plan.getThreads());
        assertEquals(3, plan.getPartitionProperties().length);
    }

    @Test
    void aRestartKeepsTheFirstRunsPartitionsSoEachResumesAtItsCheckpoint() {
        assertFalse(SendSliceMapper.plan(4).getPartitionsOverride());
    }
}
