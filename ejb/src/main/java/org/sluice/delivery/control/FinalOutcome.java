package org.sluice.delivery.control;

import java.sql.Timestamp;
import org.sluice.recipient.entity.RecipientState;

/** A final answer (accepted, 5xx) waiting for its group's commit. */
record FinalOutcome(long mtaId, DeliveryOutcome outcome, RecipientState state, Timestamp at) {}
