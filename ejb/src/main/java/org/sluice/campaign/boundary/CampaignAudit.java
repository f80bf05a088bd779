package org.sluice.campaign.boundary;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import org.sluice.campaign.entity.Campaign;
import org.sluice.mta.entity.Mta;

/** A campaign's settings and state as the audit log keeps them before and after a change (JSON). */
public final class CampaignAudit {

    private CampaignAudit() {}

    public static String state(Campaign c) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("name", c.getName())
                .add("from", c.getFromAddress())
                .add("status", c.getStatus().name())
                .add(
                        "mtas",
                        Json.createArrayBuilder(
                                c.getMtas().stream().map(Mta::getName).toList()))
                .add("chunkSize", c.getChunkSize())
                .add("connections", c.getConnections())
                .add("waitDeadlineSeconds", c.getWaitDeadlineSeconds());
        addNullable(json, "replyTo", c.getReplyTo());
        addNullable(json, "subject", c.getSubjectTemplate());
        addNullable(json, "textTemplate", c.getTextTemplate());
        addNullable(json, "htmlTemplate", c.getHtmlTemplate());
        addNullable(
                json,
                "sendingWindow",
                c.getSendingWindow() == null ? null : c.getSendingWindow().describe());
        return json.build().toString();
    }

    private static void addNullable(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }
}
