package org.sluice.probe.protocol;

/** A probe reply that cannot be used: not JSON, a required field missing or wrong, or a newer protocol version. */
public class ProbeReplyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProbeReplyException(String message) {
        super(message);
    }

    public ProbeReplyException(String message, Throwable cause) {
        super(message, cause);
    }
}
