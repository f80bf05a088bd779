package org.sluice.importing.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.file.Path;
import java.time.Instant;
import java.util.logging.Logger;
import org.sluice.importing.control.UploadDirectory;

/**
 * Deletes an uploaded recipient file when its import has COMPLETED (the rows are in the database; the file would
 * only be a second copy of personal data), and sweeps uploads whose import failed or stopped longer ago than the
 * retention. A failed import keeps its file meanwhile, so it can be restarted.
 */
@Named
@Dependent
public class UploadedFileCleanup extends AbstractJobListener {

    private static final Logger LOG = Logger.getLogger(UploadedFileCleanup.class.getName());

    @Inject
    @BatchProperty
    private String file;

    @Inject
    private JobContext job;

    @Override
    public void afterJob() {
        UploadDirectory uploads = UploadDirectory.ofServer();
        // While afterJob runs the execution is still STARTED unless it failed or is being stopped.
        BatchStatus batch = job.getBatchStatus();
        boolean completed = batch == BatchStatus.STARTED || batch == BatchStatus.COMPLETED;
        if (completed && file != null && uploads.delete(Path.of(file))) {
            LOG.fine(() -> "Deleted the imported upload " + file + " (job execution " + job.getExecutionId() + ")");
        }
        uploads.deleteOlderThan(Instant.now().minus(UploadDirectory.retention()));
    }
}
