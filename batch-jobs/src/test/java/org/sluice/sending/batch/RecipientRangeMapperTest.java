package org.sluice.sending.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.batch.api.partition.PartitionPlan;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class RecipientRangeMapperTest {

    @Test
    void rangesAreContiguousAndCoverEveryIdFromTheFirstOnExactlyOnce() {
        PartitionPlan plan = RecipientRangeMapper.plan(1, 1001, 3);

        assertEquals(3, plan.getPartitions());
        assertEquals(3, plan.getThreads());
        Properties[] p = plan.getPartitionProperties();
        assertEquals("1", p[0].getProperty("firstId"));
        assertEquals(Long.parseLong(p[0].getProperty("lastId")) + 1, Long.parseLong(p[1].getProperty("firstId")));
        assertEquals(Long.parseLong(p[1].getProperty("lastId")) + 1, Long.parseLong(p[2].getProperty("firstId")));
        assertEquals(
                Long.toString(Long.MAX_VALUE),
                p[2].getProperty("lastId"),
                "a recipient stored after the plan was made still belongs to the last partition");
    }

    @Test
    void neverMorePartitionsThanIds() {
        PartitionPlan plan = RecipientRangeMapper.plan(500, 501, 8);

        assertEquals(2, plan.getPartitions());
        assertEquals("500", plan.getPartitionProperties()[0].getProperty("lastId"));
        assertEquals("501", plan.getPartitionProperties()[1].getProperty("firstId"));
    }

    @Test
    void sameInputSamePlanSoARestartResumesTheSamePartitions() {
        PartitionPlan first = RecipientRangeMapper.plan(7, 90_007, 4);
        PartitionPlan again = RecipientRangeMapper.plan(7, 90_007, 4);

        for (int i = 0; i < 4; i++) {
            assertEquals(first.getPartitionProperties()[i], again.getPartitionProperties()[i]);
        }
        assertFalse(first.getPartitionsOverride(), "a restart keeps the first run's partitions");
    }
}
