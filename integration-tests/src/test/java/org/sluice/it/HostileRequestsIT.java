package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an attacker or a broken client sends over HTTP, and that it changes nothing: oversized and crafted bodies to
 * the open unsubscribe endpoint, a forged token whose body never comes, a logged-in console's cookie on another
 * site's form POST, bodies of the wrong type, malformed JSON, paging out of range, racing restarts, bodies over the
 * listener's limit beside a chunked CSV upload over it. Every refusal is a status and a short message, never a stack
 * trace.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileRequestsIT {

    private static final int PORT_OFFSET = 100;
    private static final int HTTP_PORT = 8080 + PORT_OFFSET;
    private static final String BASE = "http://127.0.0.1:" + HTTP_PORT;
    private static final int SMTP_PORT = 3210;
    private static final String MTA = "hostile-it";
    private static final Pattern HTTP_URI = Pattern.compile("<(https?://[^>]+)>");
    /** What no answer to a client may contain: stack frames, exception or class names, platform message ids. */
    private static final Pattern INTERNALS =
            Pattern.compile("Exception|\\tat |\\b(?:org|java|jakarta)\\.[a-z]+\\.|RESTEASY\\d|JBERET\\d|WFLY");

    private static final GreenMail smtp = SmtpServerExtension.plainSmtp(SMTP_PORT);

    @RegisterExtension
    static final SmtpServerExtension SMTP_SERVER = SmtpServerExtension.startAndStop(smtp);

    private final SluiceRest admin = new SluiceRest(PORT_OFFSET);
    private final SluiceDatabase database = SluiceDatabase.suiteServer();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Deployment(testable = false)
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    @BeforeEach
    void mta() {
        admin.putMta(
                MTA,
                Json.createObjectBuilder()
                        .add("host", "127.0.0.1")
                        .add("port", SMTP_PORT)
                        .add("maxConnections", 1)
                        .build());
    }

    // --- the open unsubscribe endpoint ----------------------------------------------------------------

    @Test
    void aMebibyteCraftedBodyToAValidUnsubscribeLinkIsRefusedWithin100MsAndUnsubscribesNobody() throws Exception {
        String person = "crafted@hostile.test";
        long campaign = sentCampaign("crafted body", List.of(person));
        String path = unsubscribePath(person);
        // Parts whose headers never end (a backtracking pattern over them takes seconds), and a real one-click part
        // at the end: were the body read, this would unsubscribe.
        byte[] crafted = craftedMultipart(1 << 20);
        assertEquals(200, raw("GET", path, null, 0, null).status(), "warm-up");

        long started = System.nanoTime();
        RawResponse withLength = raw("POST", path, "multipart/form-data; boundary=XyZ", crafted.length, crafted);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        // Without a Content-Length (chunked) the body is read up to the limit and no further: Undertow then closes
        // the connection without an answer.
        RawResponse chunked = rawOrClosed("POST", path, "multipart/form-data; boundary=XyZ", craftedMultipart(1 << 20));
        RawResponse chunkedForm = rawOrClosed(
                "POST",
                path,
                "application/x-www-form-urlencoded",
                ("List-Unsubscribe=One-Click&pad=" + "x".repeat(1 << 20)).getBytes(StandardCharsets.US_ASCII));
        // A 20 MiB one, announced as curl and browsers do for large bodies: refused before a byte of it is sent (by
        // the listener, whose max-post-size is 10 MB: 400).
        RawResponse huge = rawExpectingContinue("POST", path, "multipart/form-data; boundary=XyZ", 20L << 20, null);

        assertAll(
                () -> assertEquals(413, withLength.status(), withLength.toString()),
                () -> assertTrue(took.toMillis() < 100, "refused after " + took.toMillis() + " ms"),
                () -> assertTrue(Set.of(413, CLOSED).contains(chunked.status()), chunked.toString()),
                () -> assertTrue(Set.of(413, CLOSED).contains(chunkedForm.status()), chunkedForm.toString()),
                () -> assertEquals(400, huge.status(), huge.toString()),
                () -> assertFalse(INTERNALS
                        .matcher(withLength.body() + chunked.body() + chunkedForm.body())
                        .find()),
                () -> assertNull(database.suppression(person), "nobody unsubscribed"),
                () -> assertEquals(
                        "SENT", database.recipients(campaign).get(person).state()),
                () -> assertTrue(
                        get(BASE + path).body().contains("Stop all mail"), "the page still offers to unsubscribe"));
    }

    @Test
    void aForgedTokenIsRefusedWithoutWaitingForTheBodyWhileAValidOneWaitsForIt() throws Exception {
        String person = "waits@hostile.test";
        sentCampaign("forged token", List.of(person));
        String valid = unsubscribePath(person);
        String forged = valid.replaceFirst("/unsubscribe/.*", "/unsubscribe/1.1." + "A".repeat(43));

        // Headers announcing 3,000 bytes, and not one byte of body: only a server that does not read it can answer.
        RawResponse refused = rawHeadersOnly(forged, 3000, Duration.ofSeconds(5));
        assertEquals(400, refused.status(), refused.toString());
        assertTrue(refused.body().contains("Unsubscribe link not valid"), refused.body());
        assertThrows(
                SocketTimeoutException.class,
                () -> rawHeadersOnly(valid, 3000, Duration.ofSeconds(1)),
                "a valid token's body is read (the server waits for it)");
        assertNull(database.suppression(person));
    }

    @Test
    void mailClientsOneClickPostsUrlEncodedMultipartOrChunkedStillUnsubscribeAndOtherTypesAre415() throws Exception {
        String form = "form@hostile.test";
        String multipart = "multipart@hostile.test";
        String plain = "plain@hostile.test";
        String chunked = "chunked@hostile.test";
        long campaign = sentCampaign("one-click", List.of(form, multipart, plain, chunked));

        HttpResponse<String> byForm =
                post(BASE + unsubscribePath(form), "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
        HttpResponse<String> byMultipart = post(
                BASE + unsubscribePath(multipart),
                "multipart/form-data; boundary=b1",
                "--b1\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--b1--\r\n");
        HttpResponse<String> byPlain = post(BASE + unsubscribePath(plain), "text/plain", "List-Unsubscribe=One-Click");
        // No Content-Length (as an HTTP/2 client may send it): read up to the limit, which it is far below.
        RawResponse byChunks = raw(
                "POST",
                unsubscribePath(chunked),
                "application/x-www-form-urlencoded",
                -1,
                "List-Unsubscribe=One-Click".getBytes(StandardCharsets.US_ASCII));

        assertAll(
                () -> assertEquals(200, byForm.statusCode(), byForm.body()),
                () -> assertEquals(200, byMultipart.statusCode(), byMultipart.body()),
                () -> assertEquals(415, byPlain.statusCode(), byPlain.body()),
                () -> assertEquals(200, byChunks.status(), byChunks.body()),
                () -> assertEquals(
                        new SluiceDatabase.SuppressionRow("UNSUBSCRIBED", "one-click POST", campaign),
                        database.suppression(chunked)),
                () -> assertEquals(
                        new SluiceDatabase.SuppressionRow("UNSUBSCRIBED", "one-click POST", campaign),
                        database.suppression(form)),
                () -> assertEquals(
                        new SluiceDatabase.SuppressionRow("UNSUBSCRIBED", "one-click POST", campaign),
                        database.suppression(multipart)),
                () -> assertNull(database.suppression(plain)));
    }

    // --- cross-site requests ---------------------------------------------------------------------------

    @Test
    void aLoggedInConsolesCookieCannotStartACampaignFromAnotherSitesForm() throws Exception {
        long campaign = draftWithRecipients("cross-site", 3);
        HttpClient browser =
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> form = browser.send(
                HttpRequest.newBuilder(URI.create(BASE + "/sluice/login.xhtml"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> login =
                ApiSecurityIT.login(browser, form.body(), SluiceUsers.OPERATOR.user(), SluiceUsers.OPERATOR.password());
        assertEquals(302, login.statusCode(), "logged in: " + login.body());
        int mailBefore = smtp.getReceivedMessages().length;

        // What another site's page makes the browser send: its form, the console's cookie, that site's Origin.
        HttpResponse<String> attack = browser.send(
                HttpRequest.newBuilder(URI.create(BASE + "/sluice/api/campaigns/" + campaign + "/send"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Origin", "https://evil.example")
                        .POST(HttpRequest.BodyPublishers.ofString("go=1"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> cookieRead = browser.send(
                HttpRequest.newBuilder(URI.create(BASE + "/sluice/api/campaigns"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        // A browser that was once given Basic credentials sends them by itself: refused by Origin and by body type.
        HttpResponse<String> basicCrossOrigin = http.send(
                HttpRequest.newBuilder(URI.create(BASE + "/sluice/api/campaigns/" + campaign + "/send"))
                        .header("Authorization", SluiceUsers.OPERATOR.basic())
                        .header("Origin", "https://evil.example")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> basicForm = http.send(
                HttpRequest.newBuilder(URI.create(BASE + "/sluice/api/campaigns/" + campaign + "/send"))
                        .header("Authorization", SluiceUsers.OPERATOR.basic())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("go=1"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> console = browser.send(
                HttpRequest.newBuilder(URI.create(BASE + "/sluice/campaigns.xhtml"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(1000); // a campaign started by mistake would have mailed by now (3 recipients, one connection)

        JsonObject progress = admin.progress(campaign);
        assertAll(
                () -> assertEquals(401, attack.statusCode(), attack.body()),
                () -> assertEquals(401, cookieRead.statusCode(), "the console's cookie is no credential on the API"),
                () -> assertEquals(403, basicCrossOrigin.statusCode(), basicCrossOrigin.body()),
                () -> assertTrue(basicCrossOrigin.body().contains("another origin"), basicCrossOrigin.body()),
                () -> assertEquals(415, basicForm.statusCode(), basicForm.body()),
                () -> assertEquals(200, console.statusCode(), "the console itself still works with its cookie"),
                () -> assertEquals("DRAFT", progress.getString("status"), progress.toString()),
                () -> assertEquals(3, progress.getJsonObject("counts").getInt("pending"), progress.toString()),
                () -> assertEquals(mailBefore, smtp.getReceivedMessages().length, "no mail sent"));
        // The same request as a script sends it still starts the campaign.
        assertEquals(
                202,
                new SluiceRest(PORT_OFFSET, SluiceUsers.OPERATOR)
                        .raw("POST", "campaigns/" + campaign + "/send", null, null)
                        .statusCode());
        assertEquals(
                "COMPLETED",
                admin.awaitFinished(campaign, Duration.ofMinutes(1)).getString("status"));
    }

    // --- bad input ---------------------------------------------------------------------------------------

    @Test
    void malformedJsonWrongTypesAndWrongContentTypesAnswer4xxWithAShortMessageAndChangeNothing() {
        int campaignsBefore = admin.allCampaigns().size();
        record Case(String method, String path, String type, String body, int status) {}
        List<Case> cases = List.of(
                new Case("POST", "campaigns", "application/json", "{\"name\": \"broken\",", 400),
                new Case(
                        "POST",
                        "campaigns",
                        "application/json",
                        "{\"name\":\"x\",\"from\":\"a@b.test\",\"chunkSize\":\"many\"}",
                        400),
                new Case("POST", "campaigns", "application/json", "[1, 2]", 400),
                new Case("POST", "campaigns", "application/json", "", 400),
                new Case("PUT", "mtas/" + MTA, "application/json", "{\"maxConnections\": {\"a\": 1}}", 400),
                new Case("POST", "suppressions", "application/json", "{\"address\": 12", 400),
                new Case("POST", "campaigns", "text/plain", "{\"name\":\"x\"}", 415),
                new Case("POST", "campaigns", "application/x-www-form-urlencoded", "name=x", 415),
                new Case("POST", "suppressions", "multipart/form-data; boundary=x", "--x--", 415),
                new Case("POST", "campaigns/1/recipients", "text/plain", "email\nx@example.test\n", 415),
                new Case("POST", "bounces/fetch", "text/plain", "now", 415),
                new Case("GET", "campaigns/not-a-number", null, null, 404),
                new Case("GET", "no-such-thing", null, null, 404),
                new Case("DELETE", "campaigns", null, null, 405),
                new Case("GET", "campaigns/987654321", null, null, 404),
                new Case(
                        "PUT",
                        "campaigns/987654321",
                        "application/json",
                        "{\"name\":\"x\",\"from\":\"a@b.test\"}",
                        404),
                new Case("POST", "campaigns/987654321/send", null, null, 404),
                new Case(
                        "POST",
                        "campaigns",
                        "application/json",
                        "{\"name\":\"x\",\"from\":\"a@b.test\",\"subject\":\"s\",\"textTemplate\":\"t\","
                                + "\"mtas\":[\"no-such-mta\"]}",
                        422),
                new Case("POST", "suppressions", "application/json", "{\"address\":\"not an address\"}", 422));
        for (Case c : cases) {
            HttpResponse<String> response = admin.raw(c.method(), c.path(), c.type(), c.body());
            String what = c.method() + " " + c.path() + " " + c.body() + ": " + response.body();
            assertEquals(c.status(), response.statusCode(), what);
            assertTrue(
                    response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                    what);
            JsonObject problem = json(response);
            assertEquals(c.status(), problem.getInt("status"), what);
            assertEquals("about:blank", problem.getString("type"), what);
            assertFalse(problem.getString("title").isBlank(), what);
            assertTrue(problem.getString("detail").length() < 300, what);
            assertFalse(INTERNALS.matcher(response.body()).find(), what);
        }
        assertEquals(campaignsBefore, admin.allCampaigns().size(), "no campaign created");
        assertEquals(1, admin.mtas().get(MTA).getInt("maxConnections"), "MTA unchanged");
    }

    @Test
    void aCampaignIsReadInFullAndMergePatchedAndABadPatchChangesNothing() {
        long campaign = draftWithRecipients("patch me", 2);
        String path = "campaigns/" + campaign;
        JsonObject before = json(admin.raw("GET", path, null, null));
        assertAll(
                () -> assertEquals(campaign, before.getJsonNumber("id").longValue()),
                () -> assertEquals("DRAFT", before.getString("status")),
                () -> assertEquals("Hello {{name}}", before.getString("textTemplate")),
                () -> assertEquals("<p>Hello {{name}}</p>", before.getString("htmlTemplate")),
                () -> assertEquals(List.of(MTA), before.getJsonArray("mtas").getValuesAs(JsonString::getString)),
                () -> assertEquals(2, before.getJsonObject("counts").getInt("pending")));

        HttpResponse<String> patched = admin.raw(
                "PATCH",
                path,
                "application/merge-patch+json",
                "{\"subject\": \"New for {{name}}\", \"chunkSize\": 7, \"htmlTemplate\": null}");
        assertEquals(200, patched.statusCode(), patched.body());
        JsonObject after = json(admin.raw("GET", path, null, null));
        assertAll(
                () -> assertEquals("New for {{name}}", after.getString("subject")),
                () -> assertEquals(7, after.getInt("chunkSize")),
                () -> assertFalse(
                        after.containsKey("htmlTemplate") && !after.isNull("htmlTemplate"),
                        "null clears the HTML part"),
                () -> assertEquals(before.getString("name"), after.getString("name"), "left out: kept"),
                () -> assertEquals(before.getString("textTemplate"), after.getString("textTemplate")),
                () -> assertEquals(before.getInt("connections"), after.getInt("connections")),
                () -> assertEquals(json(patched), after, "the PATCH answers the campaign as it is now"));

        record Bad(String type, String body, int status, String detail) {}
        for (Bad bad : List.of(
                new Bad("application/merge-patch+json", "{\"chunkSize\": \"many\"}", 400, "'chunkSize'"),
                new Bad("application/merge-patch+json", "{\"chunkSize\": 1e40}", 400, "'chunkSize'"),
                new Bad(
                        "application/merge-patch+json",
                        "{\"status\": \"COMPLETED\"}",
                        400,
                        "unknown property 'status'"),
                new Bad("application/merge-patch+json", "{\"mtas\": []}", 400, "'mtas'"),
                new Bad("application/merge-patch+json", "{\"mtas\": [\"no-such-mta\"]}", 422, "no-such-mta"),
                new Bad("application/merge-patch+json", "{\"name\": null}", 400, "name"),
                new Bad("application/merge-patch+json", "{\"subject\": \"{{#unclosed}}\"}", 400, "subject"),
                new Bad("application/merge-patch+json", "{\"subject\": ", 400, "JSON"),
                new Bad("text/plain", "{\"chunkSize\": 3}", 415, "Content-Type"))) {
            HttpResponse<String> response = admin.raw("PATCH", path, bad.type(), bad.body());
            String what = bad + ": " + response.body();
            assertEquals(bad.status(), response.statusCode(), what);
            assertTrue(json(response).getString("detail").contains(bad.detail()), what);
            assertFalse(INTERNALS.matcher(response.body()).find(), what);
        }
        assertEquals(after, json(admin.raw("GET", path, null, null)), "no bad patch changed anything");
        assertEquals(
                404,
                admin.raw("PATCH", "campaigns/987654321", "application/merge-patch+json", "{}")
                        .statusCode());
    }

    @Test
    void aCampaignIsCopiedWithoutRecipientsAndDeletedWithItsRowsButNeverWhileItIsSent() {
        long sent = sentCampaign("delete me", List.of("deleted-1@hostile.test", "deleted-2@hostile.test"));
        admin.raw("POST", "suppressions", "application/json", "{\"address\":\"deleted-2@hostile.test\"}");

        HttpResponse<String> named =
                admin.raw("POST", "campaigns/" + sent + "/copy", "application/json", "{\"name\":\"next issue\"}");
        assertEquals(201, named.statusCode(), named.body());
        long copy = json(named).getJsonNumber("id").longValue();
        assertTrue(named.headers().firstValue("Location").orElse("").endsWith("/api/campaigns/" + copy));
        JsonObject original = json(admin.raw("GET", "campaigns/" + sent, null, null));
        JsonObject copied = json(admin.raw("GET", "campaigns/" + copy, null, null));
        assertAll(
                () -> assertEquals("next issue", copied.getString("name")),
                () -> assertEquals("DRAFT", copied.getString("status")),
                () -> assertEquals(0, copied.getJsonObject("counts").getInt("pending")),
                () -> assertEquals(0, database.recipients(copy).size(), "no recipients copied"),
                () -> {
                    for (String field : List.of("from", "subject", "textTemplate", "htmlTemplate", "mtas")) {
                        assertEquals(original.get(field), copied.get(field), field);
                    }
                });
        HttpResponse<String> unnamed = admin.raw("POST", "campaigns/" + sent + "/copy", "application/json", "{}");
        assertEquals(201, unnamed.statusCode(), unnamed.body());
        assertEquals("Copy of delete me", json(unnamed).getString("name"));

        HttpResponse<String> deleted = admin.raw("DELETE", "campaigns/" + sent, null, null);
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertAll(
                () -> assertEquals(
                        404, admin.raw("GET", "campaigns/" + sent, null, null).statusCode()),
                () -> assertEquals(
                        404,
                        admin.raw("DELETE", "campaigns/" + sent, null, null).statusCode()),
                () -> assertEquals(0, database.recipients(sent).size()),
                () -> assertEquals(
                        0, database.count("SELECT COUNT(*) FROM recipient_count WHERE campaign_id = ?", sent)),
                () -> assertEquals(0, database.count("SELECT COUNT(*) FROM campaign_mta WHERE campaign_id = ?", sent)),
                () -> assertEquals(
                        0,
                        database.count("SELECT COUNT(*) FROM delivery_record d WHERE NOT EXISTS"
                                + " (SELECT 1 FROM recipient r WHERE r.id = d.recipient_id)"),
                        "no delivery record left without its recipient"),
                () -> assertEquals(
                        200, admin.raw("GET", "campaigns/" + copy, null, null).statusCode(), "the copy stays"),
                () -> assertEquals(
                        200,
                        admin.raw("GET", "suppressions/deleted-2@hostile.test", null, null)
                                .statusCode(),
                        "the suppression list keeps its entry"));

        // While it is being sent (waiting for an MTA whose probe never answers), a delete is refused and changes
        // nothing.
        admin.putMta(
                "hostile-silent",
                Json.createObjectBuilder()
                        .add("host", "127.0.0.1")
                        .add("port", SMTP_PORT)
                        .add("maxConnections", 1)
                        .add("probeId", "hostile-nobody")
                        .build());
        long waiting = admin.createCampaign("delete while sending", 10, 1, List.of("hostile-silent"), 3600);
        admin.importCsv(waiting, "email\nwaiting-1@hostile.test\nwaiting-2@hostile.test\n");
        admin.send(waiting);
        admin.awaitStatus(waiting, "WAITING_FOR_MTA", Duration.ofSeconds(60));
        HttpResponse<String> refused = admin.raw("DELETE", "campaigns/" + waiting, null, null);
        assertEquals(409, refused.statusCode(), refused.body());
        assertTrue(json(refused).getString("detail").contains("stop it before deleting it"), refused.body());
        assertEquals(2, database.recipients(waiting).size(), "nothing deleted");
        admin.raw("POST", "campaigns/" + waiting + "/stop", null, null);
        admin.awaitStatus(waiting, "STOPPED", Duration.ofSeconds(60));
        assertEquals(
                204, admin.raw("DELETE", "campaigns/" + waiting, null, null).statusCode());
        assertEquals(0, database.recipients(waiting).size());
    }

    @Test
    void aConnectionTestShowsTheServersRepliesOrWhyItFailedAndSendsNothing() {
        int before = smtp.getReceivedMessages().length;
        HttpResponse<String> ok = admin.raw("POST", "mtas/" + MTA + "/connection-test", null, null);
        assertEquals(200, ok.statusCode(), ok.body());
        JsonObject check = json(ok);
        List<String> replies = check.getJsonArray("serverReplies").getValuesAs(JsonString::getString);
        assertAll(
                () -> assertTrue(check.getBoolean("connected"), ok.body()),
                () -> assertFalse(check.getBoolean("encrypted"), ok.body()),
                () -> assertFalse(check.containsKey("problem") && !check.isNull("problem"), ok.body()),
                () -> assertTrue(replies.get(0).startsWith("220 "), "the greeting first: " + replies),
                () -> assertTrue(replies.stream().anyMatch(r -> r.startsWith("250")), "the EHLO reply: " + replies));

        admin.putMta(
                "hostile-closed",
                Json.createObjectBuilder()
                        .add("host", "127.0.0.1")
                        .add("port", 1)
                        .build());
        JsonObject refused = json(admin.raw("POST", "mtas/hostile-closed/connection-test", null, null));
        assertFalse(refused.getBoolean("connected"), refused.toString());
        assertTrue(refused.getString("problem").contains("Connection refused"), refused.toString());
        assertTrue(refused.getString("problem").contains("127.0.0.1"), refused.toString());

        assertEquals(
                404,
                admin.raw("POST", "mtas/no-such-mta/connection-test", null, null)
                        .statusCode());
        assertEquals(before, smtp.getReceivedMessages().length, "a connection test sends no mail");
    }

    @Test
    void theSuppressionListIsImportedAndExportedAsCsvAndABrokenFileAddsNothing() {
        String csv = "email,detail\n"
                + "csv-1@hostile.test,asked by phone\n"
                + "not-an-address,x\n"
                + "CSV-2@Hostile.TEST,\"two, with a comma\"\n"
                + "csv-1@hostile.test,again\n";
        HttpResponse<String> imported = admin.raw("POST", "suppressions/import", "text/csv", csv);
        assertEquals(200, imported.statusCode(), imported.body());
        JsonObject report = json(imported);
        assertAll(
                () -> assertEquals(4, report.getInt("rows")),
                () -> assertEquals(2, report.getInt("added")),
                () -> assertEquals(1, report.getInt("listed"), "the repeated address keeps its first entry"),
                () -> assertEquals(1, report.getInt("invalid")),
                () -> assertTrue(
                        report.getJsonArray("rejected").getString(0).startsWith("line 3: "), report.toString()));
        assertEquals(
                "asked by phone",
                json(admin.raw("GET", "suppressions/csv-1@hostile.test", null, null))
                        .getString("detail"));

        HttpResponse<String> export = admin.get("suppressions/export", "text/csv");
        assertEquals(200, export.statusCode());
        assertTrue(export.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(export.body().startsWith("email,reason,detail,campaign_id,suppressed_at\r\n"), export.body());
        assertTrue(export.body().contains("CSV-2@Hostile.TEST,ADMIN,\"two, with a comma\","), export.body());

        long before = admin.raw("GET", "suppressions", null, null)
                .headers()
                .firstValueAsLong("X-Total-Count")
                .orElseThrow();
        record Broken(String type, byte[] body, String detail) {}
        for (Broken broken : List.of(
                new Broken("text/csv", "address\nbroken-1@hostile.test\n".getBytes(StandardCharsets.UTF_8), "'email'"),
                new Broken(
                        "text/csv",
                        "email\nbroken-2@hostile.test\n\"broken-3@hostile.test\n".getBytes(StandardCharsets.UTF_8),
                        "malformed CSV"),
                new Broken(
                        "text/csv",
                        "email\nbroken-4@hostile.test\nj\u00e9r\u00f4me@hostile.test\n"
                                .getBytes(StandardCharsets.ISO_8859_1),
                        "not UTF-8"))) {
            HttpResponse<String> refused = admin.rawBytes("POST", "suppressions/import", broken.type(), broken.body());
            assertEquals(422, refused.statusCode(), refused.body());
            assertTrue(json(refused).getString("detail").contains(broken.detail()), refused.body());
        }
        assertEquals(
                before,
                admin.raw("GET", "suppressions", null, null)
                        .headers()
                        .firstValueAsLong("X-Total-Count")
                        .orElseThrow(),
                "a broken file adds nothing, not even its good rows");
        SluiceRest operator = new SluiceRest(PORT_OFFSET, SluiceUsers.OPERATOR);
        assertEquals(403, operator.get("suppressions/export", "text/csv").statusCode());
        assertEquals(
                403,
                operator.raw("POST", "suppressions/import", "text/csv", "email\nx@hostile.test\n")
                        .statusCode());
    }

    @Test
    void listsArePagedAndPagingOutOfRangeAnswers400() {
        long campaign = draftWithRecipients("paging 1", 3);
        long second = draftWithRecipients("paging 2", 1);
        long third = draftWithRecipients("paging 3", 1);

        List<Long> newest = ids(admin.raw("GET", "campaigns?limit=2", null, null));
        List<Long> secondPage = ids(admin.raw("GET", "campaigns?offset=1&limit=1", null, null));
        assertAll(
                () -> assertEquals(List.of(third, second), newest),
                () -> assertEquals(List.of(second), secondPage),
                () -> assertTrue(ids(admin.raw("GET", "campaigns", null, null)).size() <= 100, "100 by default"),
                () -> assertEquals(
                        1,
                        array(admin.raw("GET", "campaigns/" + campaign + "/recipients?limit=1", null, null))
                                .size()));

        // One paging style: a full page links to the next (RFC 8288), by offset or by the last id; the last has none.
        HttpResponse<String> firstTwo = admin.raw("GET", "campaigns?limit=2", null, null);
        String next = nextLink(firstTwo);
        assertTrue(next.endsWith("campaigns?limit=2&offset=2") || next.endsWith("campaigns?offset=2&limit=2"), next);
        List<Long> followed = ids(admin.raw("GET", next, null, null));
        assertEquals(campaign, followed.get(0), "the page after the newest two starts with the third newest");
        HttpResponse<String> oneRecipient =
                admin.raw("GET", "campaigns/" + campaign + "/recipients?limit=2", null, null);
        String after = nextLink(oneRecipient);
        long lastShown =
                array(oneRecipient).getJsonObject(1).getJsonNumber("id").longValue();
        assertTrue(after.contains("after=" + lastShown), after);
        HttpResponse<String> rest = admin.raw("GET", after, null, null);
        assertEquals(1, array(rest).size(), "the third recipient: " + rest.body());
        assertTrue(rest.headers().firstValue("Link").isEmpty(), "the last page links nowhere");

        for (String path : List.of(
                "campaigns?limit=0",
                "campaigns?limit=-1",
                "campaigns?limit=1001",
                "campaigns?limit=99999999999",
                "campaigns?offset=-1",
                "campaigns?limit=abc",
                "campaigns/" + campaign + "/incidents?limit=1001",
                "campaigns/" + campaign + "/incidents?offset=-5",
                "bounces?campaign=" + campaign + "&limit=-3",
                "bounces?campaign=abc",
                "suppressions?limit=5000",
                "suppressions?offset=-1",
                "campaigns/" + campaign + "/rejections?limit=10001",
                "campaigns/" + campaign + "/recipients?limit=501",
                "campaigns/" + campaign + "/rejections?offset=-1",
                "campaigns/" + campaign + "/recipients?after=-1")) {
            HttpResponse<String> response = admin.raw("GET", path, null, null);
            assertEquals(400, response.statusCode(), path + ": " + response.body());
            assertTrue(
                    json(response).getString("detail").startsWith("query parameter "), path + ": " + response.body());
        }
    }

    @Test
    void racingRestartsAnswer202Or409AndNeverAnInternalError() throws Exception {
        long campaign = draftWithRecipients("racing restarts", 2000);
        admin.send(campaign);
        admin.awaitSentAtLeast(campaign, 20, Duration.ofMinutes(1));
        admin.stop(campaign);
        assertEquals(
                "STOPPED", admin.awaitFinished(campaign, Duration.ofMinutes(1)).getString("status"));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<HttpResponse<String>> answers = new ArrayList<>();
        try {
            List<Callable<HttpResponse<String>>> restarts = IntStream.range(0, 4)
                    .<Callable<HttpResponse<String>>>mapToObj(
                            i -> () -> admin.raw("POST", "campaigns/" + campaign + "/restart", null, null))
                    .toList();
            for (Future<HttpResponse<String>> answer : pool.invokeAll(restarts)) {
                answers.add(answer.get());
            }
        } finally {
            pool.shutdownNow();
        }

        String seen = answers.stream().map(a -> a.statusCode() + " " + a.body()).collect(Collectors.joining("\n"));
        assertTrue(answers.stream().allMatch(a -> Set.of(202, 409).contains(a.statusCode())), seen);
        assertTrue(answers.stream().anyMatch(a -> a.statusCode() == 202), seen);
        assertFalse(INTERNALS.matcher(seen).find(), seen);
        assertEquals(
                "COMPLETED",
                admin.awaitFinished(campaign, Duration.ofMinutes(3)).getString("status"));
    }

    // --- request size per path ------------------------------------------------------------------------------

    @Test
    void aCsvUploadOverTheListenersLimitIsImportedWhenSentChunkedWhileOtherLargeBodiesAreRefused() throws Exception {
        long campaign = draftWithRecipients("big upload", 0);
        long tooLarge = draftWithRecipients("too large upload", 0);
        String note = "n".repeat(540);
        String csv = IntStream.range(0, 20_000)
                .mapToObj(i -> "big-" + i + "@upload.hostile.test,Person " + i + "," + note)
                .collect(Collectors.joining("\n", "email,name,note\n", "\n"));
        assertTrue(csv.length() > 11_000_000, csv.length() + " bytes");
        int campaignsBefore = admin.allCampaigns().size();
        long overTenMegabytes = 11_000_000;

        // Announced with a Content-Length over the listener's max-post-size (WildFly's stock 10 MB): refused while
        // the request is parsed, before any handler, whatever the path (docs/security.md).
        RawResponse bigDraft = rawExpectingContinue(
                "POST", "/sluice/api/campaigns", "application/json", overTenMegabytes, SluiceUsers.ADMIN.basic());
        RawResponse bigMta = rawExpectingContinue(
                "PUT", "/sluice/api/mtas/" + MTA, "application/json", overTenMegabytes, SluiceUsers.ADMIN.basic());
        RawResponse bigCsvWithLength = rawExpectingContinue(
                "POST",
                "/sluice/api/campaigns/" + campaign + "/recipients",
                "text/csv",
                csv.length(),
                SluiceUsers.ADMIN.basic());
        // Chunked, the upload path alone takes it: its limit is sluice.upload.max-bytes (16 MiB here, arquillian.xml).
        JsonObject imported = admin.importCsvChunked(campaign, csv);
        // Over that limit it is cut while being read.
        RawResponse overUploadLimit = rawOrClosed(
                "POST",
                "/sluice/api/campaigns/" + tooLarge + "/recipients",
                "text/csv",
                (csv + csv.substring(csv.indexOf('\n') + 1, 6_000_000)).getBytes(StandardCharsets.US_ASCII),
                SluiceUsers.ADMIN.basic());

        assertAll(
                () -> assertEquals(400, bigDraft.status(), bigDraft.toString()),
                () -> assertEquals(400, bigMta.status(), bigMta.toString()),
                () -> assertEquals(400, bigCsvWithLength.status(), bigCsvWithLength.toString()),
                () -> assertEquals(campaignsBefore, admin.allCampaigns().size(), "no campaign created"),
                () -> assertEquals("COMPLETED", imported.getString("batchStatus"), imported.toString()),
                () -> assertEquals(20_000, imported.getJsonObject("counts").getInt("imported"), imported.toString()),
                () -> assertTrue(Set.of(413, CLOSED).contains(overUploadLimit.status()), overUploadLimit.toString()),
                () -> assertFalse(INTERNALS.matcher(overUploadLimit.body()).find(), overUploadLimit.body()),
                () -> assertEquals(0, database.recipients(tooLarge).size(), "nothing imported over the limit"));
    }

    // --- fixtures ---------------------------------------------------------------------------------------------

    private long draftWithRecipients(String name, int recipients) {
        long campaign = admin.createCampaign(name, 10, 1, List.of(MTA), 60);
        if (recipients > 0) {
            String csv = IntStream.range(0, recipients)
                    .mapToObj(i -> name.replace(' ', '-') + "-" + i + "@hostile.test,Person " + i)
                    .collect(Collectors.joining("\n", "email,name\n", "\n"));
            assertEquals("COMPLETED", admin.importCsv(campaign, csv).getString("batchStatus"));
        }
        return campaign;
    }

    private long sentCampaign(String name, List<String> addresses) {
        long campaign = admin.createCampaign(name, 10, 1, List.of(MTA), 60);
        admin.importCsv(campaign, addresses.stream().collect(Collectors.joining("\n", "email\n", "\n")));
        admin.send(campaign);
        assertEquals(
                "COMPLETED",
                admin.awaitFinished(campaign, Duration.ofMinutes(1)).getString("status"));
        return campaign;
    }

    /** The path of the unsubscribe URL in the List-Unsubscribe header of the (one) message to this address. */
    private static String unsubscribePath(String address) throws Exception {
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0])
                    .getAddress()
                    .equals(address)) {
                Matcher url = HTTP_URI.matcher(m.getHeader("List-Unsubscribe", null));
                assertTrue(url.find(), m.getHeader("List-Unsubscribe", null));
                return URI.create(url.group(1)).getRawPath();
            }
        }
        throw new AssertionError("no message to " + address);
    }

    /** multipart/form-data of about {@code size} bytes: parts whose headers never end, then a one-click part. */
    private static byte[] craftedMultipart(int size) {
        String unended = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n" + "x\r\n".repeat(40);
        String oneClick =
                "--XyZ\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--XyZ--\r\n";
        return (unended.repeat(size / unended.length()) + oneClick).getBytes(StandardCharsets.US_ASCII);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String type, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static JsonArray array(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readArray();
    }

    private static List<Long> ids(HttpResponse<String> response) {
        return array(response).getValuesAs(JsonObject.class).stream()
                .map(c -> c.getJsonNumber("id").longValue())
                .toList();
    }

    // --- HTTP/1.1 by hand, for what java.net.http will not send: a body that keeps coming after the answer, a
    //     Content-Length with no body ---------------------------------------------------------------------------

    record RawResponse(int status, String body) {}

    /** The status of a request the server ended by closing the connection (or resetting it) without an answer. */
    private static final int CLOSED = -1;

    /** A chunked request, whose answer may be a closed connection. */
    private static RawResponse rawOrClosed(String method, String path, String type, byte[] body) throws Exception {
        return rawOrClosed(method, path, type, body, null);
    }

    private static RawResponse rawOrClosed(String method, String path, String type, byte[] body, String authorization)
            throws Exception {
        try {
            return raw(method, path, type, -1, body, authorization);
        } catch (IOException closed) {
            return new RawResponse(CLOSED, ""); // no answer, so nothing in it to check
        }
    }

    private static RawResponse raw(String method, String path, String type, long length, byte[] body) throws Exception {
        return raw(method, path, type, length, body, null);
    }

    /**
     * Sends the request from a thread of its own, as a client that does not wait for an early answer, and reads the
     * answer meanwhile. {@code length} -1: chunked.
     */
    private static RawResponse raw(
            String method, String path, String type, long length, byte[] body, String authorization) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", HTTP_PORT), 5000);
            socket.setSoTimeout(30_000);
            StringBuilder head =
                    new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + HTTP_PORT + "\r\n");
            if (type != null) {
                head.append("Content-Type: ").append(type).append("\r\n");
            }
            if (authorization != null) {
                head.append("Authorization: ").append(authorization).append("\r\n");
            }
            head.append(length >= 0 ? "Content-Length: " + length : "Transfer-Encoding: chunked")
                    .append("\r\n\r\n");
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
                    if (body != null) {
                        for (int at = 0; at < body.length; at += 8192) {
                            int n = Math.min(8192, body.length - at);
                            if (length < 0) {
                                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                            }
                            out.write(body, at, n);
                            if (length < 0) {
                                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                            }
                        }
                        if (length < 0) {
                            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                    out.flush();
                } catch (IOException closedByTheServer) {
                    // the server answered and closed before taking the whole body: that is the point
                }
            });
            writer.start();
            try {
                return readResponse(socket.getInputStream());
            } finally {
                socket.close();
                writer.join(10_000);
            }
        }
    }

    /**
     * A request with {@code Expect: 100-continue} (RFC 9110 10.1.1) announcing {@code length} bytes: its answer, which
     * must come before the server asks for the body (100), so no body is sent.
     */
    private static RawResponse rawExpectingContinue(
            String method, String path, String type, long length, String authorization) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", HTTP_PORT), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + HTTP_PORT
                                    + "\r\nContent-Type: " + type
                                    + (authorization == null ? "" : "\r\nAuthorization: " + authorization)
                                    + "\r\nExpect: 100-continue\r\nContent-Length: " + length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            RawResponse response = readResponse(socket.getInputStream());
            assertFalse(
                    response.status() == 100, method + " " + path + ": the server asked for the " + length + " bytes");
            return response;
        }
    }

    /** A POST to the unsubscribe path announcing {@code length} bytes and sending none of them. */
    private static RawResponse rawHeadersOnly(String path, long length, Duration wait) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", HTTP_PORT), 5000);
            socket.setSoTimeout((int) wait.toMillis());
            socket.getOutputStream()
                    .write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + HTTP_PORT
                                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + length
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return readResponse(socket.getInputStream());
        }
    }

    /** Status and body of one HTTP/1.1 response (Content-Length, chunked, or up to the end of the stream). */
    private static RawResponse readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine.isEmpty()) {
            throw new IOException("connection closed without an answer");
        }
        long contentLength = -1;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase();
            if (lower.startsWith("content-length:")) {
                contentLength = Long.parseLong(header.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            if (chunked) {
                for (int size = Integer.parseInt(line(in).strip(), 16);
                        size > 0;
                        size = Integer.parseInt(line(in).strip(), 16)) {
                    body.write(in.readNBytes(size));
                    line(in);
                }
            } else if (contentLength >= 0) {
                body.write(in.readNBytes((int) contentLength));
            } else {
                body.write(in.readAllBytes());
            }
        } catch (IOException | NumberFormatException cut) {
            // a connection reset after the status: the status is what these tests look at
        }
        return new RawResponse(Integer.parseInt(statusLine.split(" ")[1]), body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** The next page's path under /api/ from the answer's Link header. */
    private static String nextLink(HttpResponse<String> page) {
        String link =
                page.headers().firstValue("Link").orElseThrow(() -> new AssertionError("no Link: " + page.headers()));
        Matcher m = Pattern.compile("<[^>]*/api/([^>]+)>;\\s*rel=\"next\"").matcher(link);
        assertTrue(m.find(), link);
        return m.group(1);
    }
}
