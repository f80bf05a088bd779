package org.sluice.importsource.boundary;

import jakarta.ejb.ApplicationException;

/** An import source or recipient query that is refused; the message says which and why. */
@ApplicationException(rollback = true)
public class ImportSourceException extends RuntimeException {

    public ImportSourceException(String message) {
        super(message);
    }
}
