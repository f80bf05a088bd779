package org.sluice.recipient.control;

import java.util.Map;

/** A source row that passed validation: a recipient to store. */
public record ValidRow(long lineNumber, RecipientAddress address, String displayName, Map<String, String> mergeValues)
        implements ParsedRow {}
