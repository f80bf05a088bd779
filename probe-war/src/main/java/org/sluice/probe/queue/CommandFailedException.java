package org.sluice.probe.queue;

/** A queue command that could not be started, exited non-zero or ran out of time; the message says which. */
class CommandFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    CommandFailedException(String message) {
        super(message);
    }
}
