package org.sluice.jobs;

import jakarta.batch.api.listener.AbstractStepListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.sluice.load.control.MtaOverloadedException;
import org.sluice.recipient.control.CsvInputException;

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
        // A CsvInputException's message is complete (it names the line); the parser's cause below it does not.
        while (root.getCause() != null && root.getCause() != root && !(root instanceof CsvInputException)) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.toString();
        // An overloaded pool is an expected way to stop (an incident row holds the details): the exit status is
        // the bare MTA_OVERLOADED an admin or a script can test for.
        String reason = message.startsWith(MtaOverloadedException.EXIT_STATUS)
                ? MtaOverloadedException.EXIT_STATUS
                : "FAILED: " + step.getStepName() + ": " + message;
        if (reason.length() > MAX_LENGTH) {
            reason = reason.substring(0, MAX_LENGTH);
        }
        step.setExitStatus(reason);
        job.setExitStatus(reason);
    }
}
