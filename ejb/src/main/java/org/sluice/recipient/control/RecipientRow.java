package org.sluice.recipient.control;

import java.util.Map;

/** A source row that passed validation. */
public record RecipientRow(long lineNumber, RecipientAddress address, String displayName,
                           Map<String, String> mergeValues) implements ParsedRow {
}
