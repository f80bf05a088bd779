package org.sluice.slice.control;

/** Where a send slice stands. */
public enum SliceState {
    /** Some of its PENDING recipients have not been tried yet. */
    OPEN,
    /** Each was tried once; some wait for another attempt (DEFERRED). Claimed only once no slice is OPEN. */
    RETRY,
    /** Nobody in it is left to mail. */
    DONE
}
