package org.sluice.demo.sample;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * The demo's campaign: a two-part (text + HTML) newsletter of about 2 KB per message, personalised with
 * the merge fields {@link SampleRecipients} writes. The benchmark's plain Jakarta Mail loop renders these
 * same templates, so both senders put the same bytes on the wire.
 */
public final class SampleCampaign {

    public static final String FROM = "newsletter@sluice.example";
    public static final String REPLY_TO = "editors@sluice.example";
    public static final String SUBJECT = "{{first_name}}, the {{city}} locks open on Saturday";
    public static final String TEXT = """
            Hello {{first_name}},

            The lock keepers of {{city}} open the gates this Saturday at ten. Bring the family: there
            are guided walks along the towpath every hour, a model boat pond for the children, and the
            pump house is open to visitors for the first time in twenty years.

            What's on
              10:00  Gates open, welcome at the upper lock
              11:00  Guided walk: how a flight of locks lifts a barge 20 metres
              13:00  Lunch by the basin (local food stalls)
              15:00  Model boat regatta
              17:00  Closing of the gates

            See you there,
            The {{city}} Canal Society

            You receive this because {{email}} subscribed to our newsletter.
            """;
    public static final String HTML = """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>Open day</title></head>
            <body style="font-family: sans-serif; max-width: 40em">
            <p>Hello {{first_name}},</p>
            <p>The lock keepers of <strong>{{city}}</strong> open the gates this Saturday at ten. Bring the
            family: there are guided walks along the towpath every hour, a model boat pond for the children,
            and the pump house is open to visitors for the first time in twenty years.</p>
            <table>
            <tr><td>10:00</td><td>Gates open, welcome at the upper lock</td></tr>
            <tr><td>11:00</td><td>Guided walk: how a flight of locks lifts a barge 20 metres</td></tr>
            <tr><td>13:00</td><td>Lunch by the basin (local food stalls)</td></tr>
            <tr><td>15:00</td><td>Model boat regatta</td></tr>
            <tr><td>17:00</td><td>Closing of the gates</td></tr>
            </table>
            <p>See you there,<br>The {{city}} Canal Society</p>
            <p style="font-size: small; color: #666">You receive this because {{email}} subscribed to our
            newsletter.</p>
            </body></html>
            """;

    private SampleCampaign() {}

    /** The body of POST /campaigns (org.sluice.campaign.boundary.CampaignDraft); the default MTA. */
    public static JsonObject draft(String name, int chunkSize, int connections) {
        return Json.createObjectBuilder()
                .add("name", name)
                .add("from", FROM)
                .add("replyTo", REPLY_TO)
                .add("subject", SUBJECT)
                .add("textTemplate", TEXT)
                .add("htmlTemplate", HTML)
                .add("chunkSize", chunkSize)
                .add("connections", connections)
                .build();
    }
}
