package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The audit log as an admin reads it: every change through the API (campaigns, their imports, starts, copies and
 * deletions, MTAs, the suppression list) with its caller, time and the target before and after; refused requests
 * leave no event; only admins read it, and nothing in the API changes it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuditLogIT {

    private static final int PORT_OFFSET = 100;
    private static final int SMTP_PORT = 3196;
    private static final String MTA = "audit-mta";

    private static final GreenMail smtp = SmtpServerExtension.plainSmtp(SMTP_PORT);

    @RegisterExtension
    static final SmtpServerExtension SMTP_SERVER = SmtpServerExtension.startAndStop(smtp);

    private final SluiceRest admin = new SluiceRest(PORT_OFFSET, SluiceUsers.ADMIN);
    private final SluiceRest operator = new SluiceRest(PORT_OFFSET, SluiceUsers.OPERATOR);
    private final SluiceRest viewer = new SluiceRest(PORT_OFFSET, SluiceUsers.VIEWER);

    @Deployment(testable = false)
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    @Test
    void everyChangeIsRecordedWithItsCallerAndTheTargetBeforeAndAfterAndTheLogCannotBeChanged() {
        HttpResponse<String> added = admin.raw(
                "POST",
                "mtas",
                "application/json",
                "{\"name\":\"" + MTA + "\",\"host\":\"127.0.0.1\",\"port\":" + SMTP_PORT + ",\"maxConnections\":1}");
        assertEquals(200, added.statusCode(), added.body());
        assertEquals(
                200,
                admin.raw("PUT", "mtas/" + MTA, "application/json", "{\"maxConnections\":3}")
                        .statusCode());

        long campaign = operator.createCampaign("audited", 10, 1, List.of(MTA), 60);
        assertEquals(
                200,
                operator.raw(
                                "PATCH",
                                "campaigns/" + campaign,
                                "application/merge-patch+json",
                                "{\"subject\":\"Audited {{name}}\"}")
                        .statusCode());
        // Refused: no event.
        assertEquals(
                400,
                operator.raw("PATCH", "campaigns/" + campaign, "application/merge-patch+json", "{\"chunkSize\":0}")
                        .statusCode());
        operator.importCsv(campaign, "email,name\naudit-1@example.org,One\naudit-2@example.org,Two\n");
        operator.send(campaign);
        assertEquals(
                "COMPLETED",
                operator.awaitFinished(campaign, Duration.ofMinutes(1)).getString("status"));
        HttpResponse<String> copied = operator.raw(
                "POST", "campaigns/" + campaign + "/copy", "application/json", "{\"name\":\"audited copy\"}");
        long copy = json(copied).getJsonNumber("id").longValue();
        assertEquals(
                204, operator.raw("DELETE", "campaigns/" + copy, null, null).statusCode());
        admin.raw("POST", "suppressions", "application/json", "{\"address\":\"audit-me@Example.ORG\"}");
        assertEquals(
                204,
                admin.raw("DELETE", "suppressions/audit-me@example.org", null, null)
                        .statusCode());

        List<JsonObject> campaignEvents = events("targetType=campaign&target=" + campaign);
        assertEquals(
                List.of("START", "IMPORT", "UPDATE", "CREATE"),
                campaignEvents.stream().map(e -> e.getString("action")).toList(),
                "newest first, the refused PATCH not among them: " + campaignEvents);
        assertTrue(
                campaignEvents.stream().allMatch(e -> e.getString("actor").equals(SluiceUsers.OPERATOR.user())),
                campaignEvents.toString());
        JsonObject update = campaignEvents.get(2);
        assertAll(
                () -> assertEquals(
                        "News for {{name}}", update.getJsonObject("before").getString("subject")),
                () -> assertEquals(
                        "Audited {{name}}", update.getJsonObject("after").getString("subject")),
                () -> assertTrue(
                        campaignEvents
                                        .get(1)
                                        .getJsonObject("after")
                                        .getJsonNumber("executionId")
                                        .longValue()
                                > 0,
                        "the import names its job execution"),
                () -> assertFalse(campaignEvents.get(0).getString("occurredAt").isBlank()));

        List<JsonObject> copyEvents = events("targetType=campaign&target=" + copy);
        assertEquals(
                List.of("DELETE", "CREATE"),
                copyEvents.stream().map(e -> e.getString("action")).toList());
        assertEquals("audited copy", copyEvents.get(0).getJsonObject("before").getString("name"));
        assertFalse(copyEvents.get(0).containsKey("after") && !copyEvents.get(0).isNull("after"));

        List<JsonObject> mtaEvents = events("targetType=mta&target=" + MTA);
        assertEquals(
                List.of("UPDATE", "CREATE"),
                mtaEvents.stream().map(e -> e.getString("action")).toList());
        assertEquals(SluiceUsers.ADMIN.user(), mtaEvents.get(0).getString("actor"));
        assertEquals(1, mtaEvents.get(0).getJsonObject("before").getInt("maxConnections"));
        assertEquals(3, mtaEvents.get(0).getJsonObject("after").getInt("maxConnections"));
        assertFalse(mtaEvents.get(0).getJsonObject("after").getBoolean("passwordSet"));

        List<JsonObject> suppressionEvents = events("targetType=suppression&target=audit-me@example.org");
        assertEquals(
                List.of("REMOVE", "ADD"),
                suppressionEvents.stream().map(e -> e.getString("action")).toList());
        assertEquals("ADMIN", suppressionEvents.get(1).getJsonObject("after").getString("reason"));

        // Only admins read it; nothing changes it.
        int all = events("limit=1000").size();
        assertAll(
                () -> assertEquals(403, operator.raw("GET", "audit", null, null).statusCode()),
                () -> assertEquals(403, viewer.raw("GET", "audit", null, null).statusCode()),
                () -> assertEquals(405, admin.raw("DELETE", "audit", null, null).statusCode()),
                () -> assertEquals(
                        405,
                        admin.raw("POST", "audit", "application/json", "{}").statusCode()),
                () -> assertEquals(
                        405, admin.raw("PUT", "audit", "application/json", "[]").statusCode()),
                () -> assertEquals(
                        400,
                        admin.raw("GET", "audit?targetType=users", null, null).statusCode()));
        assertEquals(all, events("limit=1000").size(), "no event added or removed by the refused calls");
    }

    private List<JsonObject> events(String query) {
        HttpResponse<String> response = admin.raw("GET", "audit?" + query, null, null);
        assertEquals(200, response.statusCode(), response.body());
        JsonArray array = Json.createReader(new StringReader(response.body())).readArray();
        return array.getValuesAs(JsonObject.class);
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
