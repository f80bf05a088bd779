package org.sluice.recipient.boundary;

import java.time.Instant;
import org.sluice.recipient.entity.RecipientState;

/** One recipient as the console's table shows it. */
public record RecipientTableRow(
        long id,
        String address,
        String displayName,
        RecipientState state,
        String lastReply,
        int attempts,
        Instant updatedAt) {}
