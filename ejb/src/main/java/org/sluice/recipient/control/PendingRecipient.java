package org.sluice.recipient.control;

import java.util.Map;

/** The slice of a recipient the send job needs: who, and the values their message is rendered with. */
public record PendingRecipient(long id, String address, String displayName, Map<String, String> mergeValues) {
}
