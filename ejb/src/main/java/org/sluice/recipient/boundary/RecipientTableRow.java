package org.sluice.recipient.boundary;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.sluice.recipient.entity.RecipientState;

/** One recipient as the console's table shows it. */
@Schema(requiredProperties = {"id", "address", "state", "attempts"})
public record RecipientTableRow(
        long id,
        String address,
        String displayName,
        RecipientState state,
        String lastReply,
        int attempts,
        Instant updatedAt) {}
