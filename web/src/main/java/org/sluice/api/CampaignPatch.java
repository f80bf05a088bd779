package org.sluice.api;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.sluice.campaign.boundary.CampaignDraft;
import org.sluice.campaign.entity.Campaign;
import org.sluice.mta.entity.Mta;

/**
 * An RFC 7396 JSON merge patch of a campaign: the properties given replace the campaign's, {@code null} clears one
 * (an optional one is then empty, a number takes its default, a required one is refused by the draft's checks), and
 * the rest stay. Read here rather than bound to a record, because binding cannot tell a property left out from one
 * set to null.
 */
final class CampaignPatch {

    static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private static final Set<String> TEXTS =
            Set.of("name", "from", "replyTo", "subject", "textTemplate", "htmlTemplate");
    private static final Set<String> NUMBERS = Set.of("chunkSize", "connections", "waitDeadlineSeconds");
    private static final String MTAS = "mtas";

    private CampaignPatch() {}

    /** The campaign as it will be with the patch applied, as a draft for the service's checks. */
    static CampaignDraft apply(Campaign campaign, JsonObject patch) {
        for (String property : patch.keySet()) {
            if (!TEXTS.contains(property) && !NUMBERS.contains(property) && !property.equals(MTAS)) {
                throw invalid("unknown property '" + shown(property) + "' (a patch may set name, from, replyTo,"
                        + " subject, textTemplate, htmlTemplate, mtas, chunkSize, connections, waitDeadlineSeconds)");
            }
        }
        return new CampaignDraft(
                text(patch, "name", campaign.getName()),
                text(patch, "from", campaign.getFromAddress()),
                text(patch, "replyTo", campaign.getReplyTo()),
                text(patch, "subject", campaign.getSubjectTemplate()),
                text(patch, "textTemplate", campaign.getTextTemplate()),
                text(patch, "htmlTemplate", campaign.getHtmlTemplate()),
                null,
                mtas(patch, campaign),
                number(patch, "chunkSize", campaign.getChunkSize(), Campaign.DEFAULT_CHUNK_SIZE),
                number(patch, "connections", campaign.getConnections(), Campaign.DEFAULT_CONNECTIONS),
                number(
                        patch,
                        "waitDeadlineSeconds",
                        campaign.getWaitDeadlineSeconds(),
                        Campaign.DEFAULT_WAIT_DEADLINE_SECONDS));
    }

    private static String text(JsonObject patch, String property, String current) {
        if (!patch.containsKey(property)) {
            return current;
        }
        JsonValue value = patch.get(property);
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw invalid("property '" + property + "' must be a string or null");
    }

    private static Integer number(JsonObject patch, String property, int current, int defaultValue) {
        if (!patch.containsKey(property)) {
            return current;
        }
        JsonValue value = patch.get(property);
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return defaultValue;
        }
        if (value instanceof JsonNumber n && n.isIntegral()) {
            try {
                return n.intValueExact();
            } catch (ArithmeticException e) {
                // out of int range: refused below like any other wrong value
            }
        }
        throw invalid("property '" + property + "' must be a whole number or null");
    }

    private static List<String> mtas(JsonObject patch, Campaign campaign) {
        if (!patch.containsKey(MTAS)) {
            return campaign.getMtas().stream().map(Mta::getName).toList();
        }
        JsonValue value = patch.get(MTAS);
        if (value.getValueType() != JsonValue.ValueType.ARRAY
                || value.asJsonArray().isEmpty()) {
            throw invalid("property 'mtas' must be a list naming at least one MTA");
        }
        List<String> names = new ArrayList<>();
        for (JsonValue name : value.asJsonArray()) {
            if (!(name instanceof JsonString s)) {
                throw invalid("property 'mtas' must list MTA names (strings)");
            }
            names.add(s.getString());
        }
        return names;
    }

    private static String shown(String property) {
        String clean = property.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "..." : clean;
    }

    private static BadRequestException invalid(String detail) {
        return new BadRequestException(ApiErrors.response(Response.Status.BAD_REQUEST, detail));
    }
}
