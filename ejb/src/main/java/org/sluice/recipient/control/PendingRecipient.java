package org.sluice.recipient.control;

import java.util.Map;

/**
 * The slice of a recipient the send job needs: who, and the values their message is rendered with.
 *
 * @param suppressed null if the address may be mailed; else why not (it is on the suppression list)
 */
public record PendingRecipient(long id, String address, String displayName, Map<String, String> mergeValues,
                               String suppressed) {

    public PendingRecipient(long id, String address, String displayName, Map<String, String> mergeValues) {
        this(id, address, displayName, mergeValues, null);
    }
}
