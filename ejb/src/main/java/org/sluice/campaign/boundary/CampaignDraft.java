package org.sluice.campaign.boundary;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.sluice.mta.boundary.MtaRegistry;

/**
 * What an admin gives to create a campaign. The MTA pool is {@code mtas} (names); {@code mta} names a one-MTA pool;
 * with neither, the pool is the MTA named "default". Null chunk size, connections or deadline take the defaults.
 */
@Schema(requiredProperties = {"name", "from"})
public record CampaignDraft(
        String name,
        String from,
        String replyTo,
        String subject,
        String textTemplate,
        String htmlTemplate,
        String mta,
        List<String> mtas,
        Integer chunkSize,
        Integer connections,
        Integer waitDeadlineSeconds) {

    List<String> mtaPool() {
        if (mtas != null && !mtas.isEmpty()) {
            return mtas;
        }
        return List.of(mta == null || mta.isBlank() ? MtaRegistry.DEFAULT_MTA : mta);
    }
}
