package org.sluice.sending.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractCheckpointAlgorithm;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Ends a chunk after {@code chunkSize} recipients, or early when the reader has handed out the last recipient of a
 * pass: the next pass over the deferred recipients must see what this chunk's writer recorded, or it would read the
 * same recipient again before its outcome is known (see {@link PendingRecipientReader}).
 */
@Named
@Dependent
public class SendCheckpoints extends AbstractCheckpointAlgorithm {

    @Inject
    @BatchProperty
    private int chunkSize;

    @Inject
    private StepContext step;

    private int items;

    @Override
    public boolean isReadyToCheckpoint() {
        items++;
        return items >= Math.max(1, chunkSize) || PartitionSignals.of(step).passEndReached();
    }

    @Override
    public void beginCheckpoint() {
        items = 0;
    }
}
