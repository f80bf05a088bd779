package org.sluice.recipient.control;

import java.time.Instant;
import java.util.Map;

/**
 * The slice of a recipient the send job needs: who, and the values their message is rendered with.
 *
 * @param suppressed null if the address may be mailed; else why not (it is on the suppression list)
 * @param notBefore  for a recipient the MTA deferred: when it may be tried again; null for a first try
 */
public record PendingRecipient(
        long id,
        String address,
        String displayName,
        Map<String, String> mergeValues,
        String suppressed,
        Instant notBefore) {

    public PendingRecipient(
            long id, String address, String displayName, Map<String, String> mergeValues, String suppressed) {
        this(id, address, displayName, mergeValues, suppressed, null);
    }

    public PendingRecipient(long id, String address, String displayName, Map<String, String> mergeValues) {
        this(id, address, displayName, mergeValues, null, null);
    }
}
