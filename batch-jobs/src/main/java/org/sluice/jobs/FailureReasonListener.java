package org.sluice.jobs;

import jakarta.batch.api.listener.AbstractStepListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Puts the reason a step failed into the step's and the job's exit status ("FAILED: malformed CSV near
 * line 12..."), where the REST API, the console and the WildFly CLI show it; by default it is just "FAILED".
 */
@Named
@Dependent
public class FailureReasonListener extends AbstractStepListener {

    /** Exit statuses are stored in a VARCHAR column of the job repository; keep them readable and short. */
    private static final int MAX_LENGTH = 1000;

    @Inject
    private StepContext step;

    @Inject
    private JobContext job;

    @Override
    public void afterStep() {
        Exception failure = step.getException();
        if (failure == null) {
            return;
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = "FAILED: " + step.getStepName() + ": " + (root.getMessage() != null ? root.getMessage() : root.toString());
        if (reason.length() > MAX_LENGTH) {
            reason = reason.substring(0, MAX_LENGTH);
        }
        step.setExitStatus(reason);
        job.setExitStatus(reason);
    }
}
