package org.sluice.load.control;

/**
 * No MTA of a campaign's pool had room before the campaign's wait deadline. Its message starts with
 * {@value #EXIT_STATUS}, which becomes the job's exit status; the details are in the incident it recorded.
 */
public class MtaOverloadedException extends RuntimeException {

    public static final String EXIT_STATUS = "MTA_OVERLOADED";
    private static final long serialVersionUID = 1L;

    public MtaOverloadedException(String detail) {
        super(EXIT_STATUS + ": " + detail);
    }
}
