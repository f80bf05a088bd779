package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may call what: every REST operation without credentials (401 and a Basic challenge), with a wrong password
 * (401), and as each role (2xx where the role may, 403 where it may not, and then nothing changed, read back as an
 * admin); the unsubscribe endpoint open to anyone; the console's pages behind the login form; the OpenAPI document.
 * {@link ServiceSecurityIT} shows the services refusing a role on their own, without the REST layer.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApiSecurityIT {

    private static final int PORT_OFFSET = 100;
    private static final int SMTP_PORT = 3200;
    private static final String BASE = "http://127.0.0.1:" + (8080 + PORT_OFFSET);
    private static final String MTA = "security-mta";
    private static final Pattern HTTP_URI = Pattern.compile("<(http[^>]+)>");

    private static final GreenMail smtp = SmtpServerExtension.plainSmtp(SMTP_PORT);

    @RegisterExtension
    static final SmtpServerExtension SMTP_SERVER = SmtpServerExtension.startAndStop(smtp);

    private final SluiceRest admin = new SluiceRest(PORT_OFFSET, SluiceUsers.ADMIN);
    private final SluiceRest operator = new SluiceRest(PORT_OFFSET, SluiceUsers.OPERATOR);
    private final SluiceRest viewer = new SluiceRest(PORT_OFFSET, SluiceUsers.VIEWER);
    private final SluiceRest nobody = new SluiceRest(PORT_OFFSET, null);
    /*
     * A user name the realm does not know: Elytron disables an identity after repeated failed logins (its brute-force
     * protection), so a loop of wrong passwords for a real test user would lock that user out of the other tests.
     * One name per operation, so that the loop stays under the test server's limit of failures per user name
     * (arquillian.xml) however many operations the API has.
     */
    private static SluiceRest unknownUser(int operation) {
        return new SluiceRest(PORT_OFFSET, new SluiceUsers("sluice-nobody-" + operation, "not-a-password"));
    }

    private final SluiceRest wrongPassword =
            new SluiceRest(PORT_OFFSET, new SluiceUsers(SluiceUsers.VIEWER.user(), "not-the-password"));

    @Deployment(name = "sluice", testable = false)
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    /** One REST call: method, path, content type and body (or nulls). */
    private record Call(String method, String path, String type, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Every operation of the API, on a campaign, import execution and MTA that exist. */
    private List<Call> everyOperation(long campaign, long execution) {
        String draft = draft("every operation");
        return List.of(
                new Call("GET", "campaigns", null, null),
                new Call("POST", "campaigns", "application/json", draft),
                new Call("GET", "campaigns/" + campaign, null, null),
                new Call("POST", "campaigns/" + campaign + "/recipients", "text/csv", "email\nx@example.test\n"),
                new Call("POST", "campaigns/" + campaign + "/recipients/query", "application/json", query()),
                new Call("GET", "campaigns/" + campaign + "/imports/" + execution, null, null),
                new Call("GET", "campaigns/" + campaign + "/rejections", null, null),
                new Call("GET", "campaigns/" + campaign + "/incidents", null, null),
                new Call("POST", "campaigns/" + campaign + "/send", null, null),
                new Call("POST", "campaigns/" + campaign + "/stop", null, null),
                new Call("POST", "campaigns/" + campaign + "/restart", null, null),
                new Call("PUT", "campaigns/" + campaign, "application/json", draft("changed")),
                new Call("PATCH", "campaigns/" + campaign, "application/merge-patch+json", "{\"name\":\"patched\"}"),
                new Call("GET", "campaigns/" + campaign + "/preview", null, null),
                new Call(
                        "POST",
                        "campaigns/" + campaign + "/preview",
                        "application/json",
                        "{\"subject\":\"Hi {{name}}\"}"),
                new Call(
                        "POST",
                        "campaigns/" + campaign + "/test-send",
                        "application/json",
                        "{\"to\":\"refused-test@example.test\"}"),
                new Call("GET", "campaigns/" + campaign + "/recipients?after=0&limit=10", null, null),
                new Call("GET", "campaigns/" + campaign + "/checkpoint", null, null),
                new Call("GET", "campaigns/" + campaign + "/rates", null, null),
                new Call("GET", "mtas/" + MTA + "/history", null, null),
                new Call("GET", "mtas", null, null),
                new Call(
                        "POST",
                        "mtas",
                        "application/json",
                        "{\"name\":\"refused\",\"host\":\"127.0.0.1\",\"port\":3201}"),
                new Call("PUT", "mtas/" + MTA, "application/json", "{\"maxConnections\":7}"),
                new Call("GET", "mtas/status", null, null),
                new Call("POST", "mtas/" + MTA + "/connection-test", null, null),
                new Call("DELETE", "campaigns/" + campaign, null, null),
                new Call("POST", "campaigns/" + campaign + "/copy", "application/json", "{}"),
                new Call("GET", "suppressions", null, null),
                new Call("GET", "suppressions/listed@example.test", null, null),
                new Call("POST", "suppressions", "application/json", "{\"address\":\"refused@example.test\"}"),
                new Call("DELETE", "suppressions/listed@example.test", null, null),
                new Call("POST", "bounces/fetch", null, null),
                new Call("GET", "bounces?campaign=" + campaign, null, null),
                new Call("GET", "addresses/listed@example.test/history", null, null),
                new Call("GET", "import-sources", null, null),
                new Call(
                        "PUT",
                        "import-sources/refused",
                        "application/json",
                        "{\"jndiName\":\"java:jboss/datasources/CustomerDS\"}"),
                new Call("DELETE", "import-sources/refused", null, null));
    }

    @Test
    void withoutCredentialsOrWithAWrongPasswordEveryOperationAnswers401WithABasicChallenge() {
        long campaign = draftWithRecipients("unauthenticated", 3);
        long campaignsBefore = campaignCount();
        List<Call> operations = everyOperation(campaign, 1);
        for (int i = 0; i < operations.size(); i++) {
            Call call = operations.get(i);
            for (SluiceRest client : List.of(nobody, unknownUser(i))) {
                HttpResponse<String> response = client.raw(call.method(), call.path(), call.type(), call.body());
                assertEquals(401, response.statusCode(), call + " " + response.body());
                assertTrue(
                        response.headers()
                                .firstValue("WWW-Authenticate")
                                .orElse("")
                                .startsWith("Basic realm=\"Sluice\""),
                        call + " challenge: " + response.headers().map());
                assertTrue(
                        response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                        call + " answers an RFC 9457 problem: "
                                + response.headers().map());
                JsonObject problem =
                        Json.createReader(new StringReader(response.body())).readObject();
                assertEquals(401, problem.getInt("status"), call + " " + response.body());
                assertEquals("Unauthorized", problem.getString("title"), call + " " + response.body());
            }
        }
        // A real user with a wrong password: once (see unknownUser), on a read and on a change.
        for (Call call : List.of(
                new Call("GET", "campaigns", null, null),
                new Call("POST", "campaigns", "application/json", draft("x")))) {
            HttpResponse<String> response = wrongPassword.raw(call.method(), call.path(), call.type(), call.body());
            assertEquals(401, response.statusCode(), call + " " + response.body());
        }
        assertAll(
                () -> assertEquals(campaignsBefore, campaignCount(), "no campaign created"),
                () -> assertEquals("DRAFT", admin.progress(campaign).getString("status"), "nothing sent"),
                () -> assertEquals(
                        404,
                        admin.raw("GET", "suppressions/refused@example.test", null, null)
                                .statusCode()),
                () -> assertFalse(admin.mtas().containsKey("refused")));
    }

    @Test
    void aViewerReadsEverythingAndEveryChangeIsRefusedWith403() {
        long campaign = draftWithRecipients("viewer reads", 3);
        long execution = lastImport(campaign);
        admin.raw("POST", "suppressions", "application/json", "{\"address\":\"listed@example.test\"}");
        long campaignsBefore = campaignCount();
        int maxConnectionsBefore = admin.mtas().get(MTA).getInt("maxConnections");

        Map<Boolean, List<Call>> readsAndWrites = everyOperation(campaign, execution).stream()
                .collect(Collectors.partitioningBy(c -> c.method().equals("GET")));
        for (Call read : readsAndWrites.get(true)) {
            HttpResponse<String> response = viewer.raw(read.method(), read.path(), null, null);
            assertEquals(200, response.statusCode(), read + " " + response.body());
        }
        for (Call write : readsAndWrites.get(false)) {
            HttpResponse<String> response = viewer.raw(write.method(), write.path(), write.type(), write.body());
            assertEquals(403, response.statusCode(), write + " " + response.body());
        }
        assertAll(
                () -> assertEquals(campaignsBefore, campaignCount(), "no campaign created"),
                () -> assertEquals("DRAFT", admin.progress(campaign).getString("status"), "nothing sent"),
                () -> assertEquals(
                        3, admin.progress(campaign).getJsonObject("counts").getInt("pending"), "nobody imported"),
                () -> assertEquals(
                        maxConnectionsBefore, admin.mtas().get(MTA).getInt("maxConnections"), "MTA unchanged"),
                () -> assertFalse(admin.mtas().containsKey("refused")),
                () -> assertEquals(
                        200,
                        admin.raw("GET", "suppressions/listed@example.test", null, null)
                                .statusCode(),
                        "still listed"),
                () -> assertEquals(
                        404,
                        admin.raw("GET", "suppressions/refused@example.test", null, null)
                                .statusCode()));
    }

    @Test
    void anOperatorEditsPreviewsTestSendsAndPagesRecipientsThroughTheApiAsTheConsoleDoes() throws Exception {
        long campaign = draftWithRecipients("api console", 30);
        String changed = Json.createObjectBuilder(Json.createReader(new StringReader(draft("api console")))
                        .readObject())
                .add("subject", "News for {{name}}")
                .build()
                .toString();
        HttpResponse<String> put = operator.raw("PUT", "campaigns/" + campaign, "application/json", changed);
        assertEquals(200, put.statusCode(), put.body());

        JsonObject saved = json(operator.raw(
                "GET", "campaigns/" + campaign + "/preview?recipient=api-console-7@example.test", null, null));
        assertEquals("News for Person 7", saved.getString("subject"), saved.toString());
        JsonObject edited = json(
                operator.raw(
                        "POST",
                        "campaigns/" + campaign + "/preview",
                        "application/json",
                        "{\"recipient\":\"api-console-7@example.test\",\"subject\":\"Hi {{name}}\",\"textTemplate\":\"Hi {{nickname}}\"}"));
        assertTrue(edited.getString("problem").contains("nickname"), edited.toString());

        smtp.purgeEmailFromAllMailboxes();
        HttpResponse<String> test = operator.raw(
                "POST",
                "campaigns/" + campaign + "/test-send",
                "application/json",
                "{\"to\":\"operator@example.test\",\"recipient\":\"api-console-7@example.test\"}");
        assertEquals(200, test.statusCode(), test.body());
        assertTrue(smtp.waitForIncomingEmail(10_000, 1), "the test copy arrived");
        assertEquals("[Test] News for Person 7", smtp.getReceivedMessages()[0].getSubject());
        assertEquals(
                30,
                admin.progress(campaign).getJsonObject("counts").getInt("pending"),
                "a test copy is not a delivery");

        JsonArray first = Json.createReader(new StringReader(
                        operator.raw("GET", "campaigns/" + campaign + "/recipients?limit=25", null, null)
                                .body()))
                .readArray();
        assertEquals(25, first.size());
        long last = first.getJsonObject(24).getJsonNumber("id").longValue();
        JsonArray next = Json.createReader(new StringReader(
                        operator.raw("GET", "campaigns/" + campaign + "/recipients?limit=25&after=" + last, null, null)
                                .body()))
                .readArray();
        assertEquals(5, next.size(), "the rest after the keyset");
        JsonObject checkpoint = json(operator.raw("GET", "campaigns/" + campaign + "/checkpoint", null, null));
        assertEquals(
                first.getJsonObject(0).getJsonNumber("id").longValue(),
                checkpoint.getJsonNumber("nextRecipientId").longValue(),
                "a restart would begin with the first recipient");
    }

    @Test
    void anOperatorRunsCampaignsEndToEndButMayNotChangeMtasOrTheSuppressionList() throws Exception {
        CustomerDatabase.offered(PORT_OFFSET);
        long campaignsBefore = campaignCount();
        long campaign = created(operator.raw("POST", "campaigns", "application/json", draft("operator's")));
        assertEquals(campaignsBefore + 1, campaignCount());

        HttpResponse<String> csv =
                operator.raw("POST", "campaigns/" + campaign + "/recipients", "text/csv", csv("op", 3000));
        assertEquals(202, csv.statusCode(), csv.body());
        awaitImport(operator, campaign, json(csv).getJsonNumber("executionId").longValue());
        HttpResponse<String> query =
                operator.raw("POST", "campaigns/" + campaign + "/recipients/query", "application/json", query());
        assertEquals(202, query.statusCode(), query.body());
        awaitImport(operator, campaign, json(query).getJsonNumber("executionId").longValue());
        assertEquals(
                3001,
                operator.progress(campaign).getJsonObject("counts").getInt("pending"),
                "3,000 from the CSV, 1 by query");

        assertEquals(
                202,
                operator.raw("POST", "campaigns/" + campaign + "/send", null, null)
                        .statusCode());
        operator.awaitSentAtLeast(campaign, 20, Duration.ofMinutes(1)); // 3,001 on one connection: seconds to go
        assertEquals(
                202,
                operator.raw("POST", "campaigns/" + campaign + "/stop", null, null)
                        .statusCode());
        JsonObject stopped = operator.awaitFinished(campaign, Duration.ofMinutes(1));
        assertEquals("STOPPED", stopped.getString("status"), stopped.toString());
        assertEquals(
                202,
                operator.raw("POST", "campaigns/" + campaign + "/restart", null, null)
                        .statusCode());
        JsonObject done = operator.awaitFinished(campaign, Duration.ofMinutes(2));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(3001, done.getJsonObject("counts").getInt("sent"));
        for (Call read : List.of(
                new Call("GET", "campaigns/" + campaign + "/rejections", null, null),
                new Call("GET", "campaigns/" + campaign + "/incidents", null, null),
                new Call("GET", "mtas/status", null, null),
                new Call("GET", "suppressions", null, null),
                new Call("GET", "addresses/listed@example.test/history", null, null),
                new Call("GET", "bounces?campaign=" + campaign, null, null))) {
            assertEquals(
                    200, operator.raw(read.method(), read.path(), null, null).statusCode(), read.toString());
        }
        // Fetching bounces is an operator's: past the role check, the service says no mailbox is configured.
        HttpResponse<String> fetch = operator.raw("POST", "bounces/fetch", null, null);
        assertEquals(409, fetch.statusCode(), fetch.body());

        int maxConnectionsBefore = admin.mtas().get(MTA).getInt("maxConnections");
        admin.raw("POST", "suppressions", "application/json", "{\"address\":\"listed@example.test\"}");
        assertAll(
                () -> assertEquals(
                        403,
                        operator.raw(
                                        "POST",
                                        "mtas",
                                        "application/json",
                                        "{\"name\":\"refused\",\"host\":\"127.0.0.1\",\"port\":3201}")
                                .statusCode()),
                () -> assertEquals(
                        403,
                        operator.raw("PUT", "mtas/" + MTA, "application/json", "{\"maxConnections\":7}")
                                .statusCode()),
                () -> assertEquals(
                        403,
                        operator.raw(
                                        "POST",
                                        "suppressions",
                                        "application/json",
                                        "{\"address\":\"refused@example.test\"}")
                                .statusCode()),
                () -> assertEquals(
                        403,
                        operator.raw("DELETE", "suppressions/listed@example.test", null, null)
                                .statusCode()));
        assertAll(
                () -> assertEquals(maxConnectionsBefore, admin.mtas().get(MTA).getInt("maxConnections")),
                () -> assertFalse(admin.mtas().containsKey("refused")),
                () -> assertEquals(
                        200,
                        admin.raw("GET", "suppressions/listed@example.test", null, null)
                                .statusCode()),
                () -> assertEquals(
                        404,
                        admin.raw("GET", "suppressions/refused@example.test", null, null)
                                .statusCode()));
    }

    @Test
    void anAdminChangesMtasAndTheSuppressionListAndRunsCampaigns() {
        HttpResponse<String> added = admin.raw(
                "POST", "mtas", "application/json", "{\"name\":\"admin-added\",\"host\":\"127.0.0.1\",\"port\":3202}");
        assertEquals(200, added.statusCode(), added.body());
        HttpResponse<String> changed =
                admin.raw("PUT", "mtas/admin-added", "application/json", "{\"maxConnections\":3}");
        assertEquals(200, changed.statusCode(), changed.body());
        assertEquals(3, admin.mtas().get("admin-added").getInt("maxConnections"));

        HttpResponse<String> suppressed = admin.raw(
                "POST",
                "suppressions",
                "application/json",
                "{\"address\":\"by-admin@example.test\",\"detail\":\"asked by phone\"}");
        assertEquals(200, suppressed.statusCode(), suppressed.body());
        assertEquals(
                "ADMIN",
                json(admin.raw("GET", "suppressions/by-admin@example.test", null, null))
                        .getString("reason"));
        assertEquals(
                204,
                admin.raw("DELETE", "suppressions/by-admin@example.test", null, null)
                        .statusCode());
        assertEquals(
                404,
                admin.raw("GET", "suppressions/by-admin@example.test", null, null)
                        .statusCode());

        long campaign = draftWithRecipients("admin's", 5);
        assertEquals(
                202,
                admin.raw("POST", "campaigns/" + campaign + "/send", null, null).statusCode());
        assertEquals(
                "COMPLETED",
                admin.awaitFinished(campaign, Duration.ofMinutes(1)).getString("status"));
        assertEquals(409, admin.raw("POST", "bounces/fetch", null, null).statusCode(), "no mailbox configured");
    }

    @Test
    void theUnsubscribeLinkOfAReceivedMessageWorksWithoutAnyLogin() throws Exception {
        long campaign = draftWithRecipients("unsubscribe open", 2);
        int before = smtp.getReceivedMessages().length;
        admin.send(campaign);
        admin.awaitFinished(campaign, Duration.ofMinutes(1));
        MimeMessage message = smtp.getReceivedMessages()[before];
        Matcher url = HTTP_URI.matcher(message.getHeader("List-Unsubscribe", null));
        assertTrue(url.find(), message.getHeader("List-Unsubscribe", null));
        String address = ((InternetAddress) message.getAllRecipients()[0]).getAddress();
        HttpClient anonymous = HttpClient.newHttpClient();

        HttpResponse<String> page = anonymous.send(
                HttpRequest.newBuilder(URI.create(url.group(1))).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> oneClick = anonymous.send(
                HttpRequest.newBuilder(URI.create(url.group(1)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, page.statusCode(), page.body());
        assertEquals(200, oneClick.statusCode(), oneClick.body());
        JsonObject entry = json(admin.raw("GET", "suppressions/" + address, null, null));
        assertEquals("UNSUBSCRIBED", entry.getString("reason"), entry.toString());
    }

    @Test
    void theOpenApiDocumentIsServedAndNamesEveryOperationWithBasicAuthentication() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(BASE + "/openapi?format=JSON"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        JsonObject document =
                Json.createReader(new StringReader(response.body())).readObject();
        JsonObject paths = document.getJsonObject("paths");
        Map<String, Set<String>> expected = Map.ofEntries(
                Map.entry("/sluice/api/campaigns", Set.of("get", "post")),
                Map.entry("/sluice/api/campaigns/{id}", Set.of("get", "put", "patch", "delete")),
                Map.entry("/sluice/api/campaigns/{id}/recipients", Set.of("post")),
                Map.entry("/sluice/api/campaigns/{id}/recipients/query", Set.of("post")),
                Map.entry("/sluice/api/campaigns/{id}/imports/{execution}", Set.of("get")),
                Map.entry("/sluice/api/campaigns/{id}/rejections", Set.of("get")),
                Map.entry("/sluice/api/campaigns/{id}/incidents", Set.of("get")),
                Map.entry("/sluice/api/campaigns/{id}/send", Set.of("post")),
                Map.entry("/sluice/api/campaigns/{id}/stop", Set.of("post")),
                Map.entry("/sluice/api/campaigns/{id}/restart", Set.of("post")),
                Map.entry("/sluice/api/mtas", Set.of("get", "post")),
                Map.entry("/sluice/api/mtas/{name}", Set.of("put")),
                Map.entry("/sluice/api/mtas/status", Set.of("get")),
                Map.entry("/sluice/api/mtas/{name}/connection-test", Set.of("post")),
                Map.entry("/sluice/api/audit", Set.of("get")),
                Map.entry("/sluice/api/campaigns/{id}/copy", Set.of("post")),
                Map.entry("/sluice/api/suppressions", Set.of("get", "post")),
                Map.entry("/sluice/api/suppressions/{address}", Set.of("get", "delete")),
                Map.entry("/sluice/api/bounces", Set.of("get")),
                Map.entry("/sluice/api/addresses/{address}/history", Set.of("get")),
                Map.entry("/sluice/api/bounces/fetch", Set.of("post")),
                Map.entry("/sluice/api/import-sources", Set.of("get")),
                Map.entry("/sluice/api/import-sources/{name}", Set.of("put", "delete")),
                Map.entry("/sluice/api/unsubscribe/{token}", Set.of("get", "post")));
        List<String> missing = new ArrayList<>();
        expected.forEach((path, methods) -> methods.forEach(m -> {
            if (!paths.containsKey(path) || !paths.getJsonObject(path).containsKey(m)) {
                missing.add(m.toUpperCase() + " " + path);
            }
        }));
        assertTrue(missing.isEmpty(), "missing " + missing + " in " + paths.keySet());
        assertEquals(
                "basic",
                document.getJsonObject("components")
                        .getJsonObject("securitySchemes")
                        .getJsonObject("basic")
                        .getString("scheme"));
        String sendDescription = paths.getJsonObject("/sluice/api/campaigns/{id}/send")
                .getJsonObject("post")
                .getString("description");
        assertTrue(sendDescription.contains("admin, operator"), sendDescription);
    }

    @Test
    void aPageRedirectsToTheLoginFormWhichRefusesAWrongPasswordAndReturnsToThePageAfterALogin() throws Exception {
        HttpClient browser =
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> asked = browser.send(
                HttpRequest.newBuilder(URI.create(BASE + "/sluice/campaigns.xhtml?tab=1"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, asked.statusCode());
        assertTrue(
                asked.headers().firstValue("Location").orElse("").endsWith("/sluice/login.xhtml"),
                asked.headers().map().toString());
        String cookie = asked.headers().firstValue("Set-Cookie").orElse("");
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), cookie);

        HttpResponse<String> form = browser.send(
                HttpRequest.newBuilder(URI.create(BASE + "/sluice/login.xhtml"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, form.statusCode());
        HttpResponse<String> refused = login(browser, form.body(), SluiceUsers.VIEWER.user(), "wrong");
        assertEquals(200, refused.statusCode());
        assertTrue(refused.body().contains("Wrong user name or password."), refused.body());

        HttpResponse<String> accepted =
                login(browser, refused.body(), SluiceUsers.VIEWER.user(), SluiceUsers.VIEWER.password());
        assertEquals(302, accepted.statusCode(), accepted.body());
        assertTrue(
                accepted.headers().firstValue("Location").orElse("").endsWith("/sluice/campaigns.xhtml?tab=1"),
                accepted.headers().map().toString());
        HttpResponse<String> page = browser.send(
                HttpRequest.newBuilder(URI.create(BASE + "/sluice/campaigns.xhtml?tab=1"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        // Logged in: the page itself (the console's), no longer the way to the login form.
        assertTrue(
                page.statusCode() != 302 && page.statusCode() != 401 && page.statusCode() != 403,
                "logged in, yet " + page.statusCode() + " " + page.headers().map());

        HttpResponse<String> logout = browser.send(
                HttpRequest.newBuilder(URI.create(BASE + "/sluice/logout"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, logout.statusCode());
        assertTrue(
                logout.headers().firstValue("Location").orElse("").endsWith("/sluice/login.xhtml"),
                logout.headers().map().toString());
        HttpResponse<String> after = browser.send(
                HttpRequest.newBuilder(URI.create(BASE + "/sluice/campaigns.xhtml"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, after.statusCode(), "logged out: back to the login form");
    }

    /** Posts the console's login form (whose page is {@code formPage}) as a browser does. */
    static HttpResponse<String> login(HttpClient browser, String formPage, String user, String password)
            throws Exception {
        Matcher state = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"")
                .matcher(formPage);
        assertTrue(state.find(), formPage);
        // PrimeFaces' script adds the nonce of the page's Content-Security-Policy to a browser's postback.
        Matcher nonce = Pattern.compile("nonce=\"([^\"]+)\"").matcher(formPage);
        assertTrue(nonce.find(), formPage);
        String body = Map.of(
                        "login",
                        "login",
                        "login:username",
                        user,
                        "login:password",
                        password,
                        "login:submit",
                        "Log in",
                        "jakarta.faces.ViewState",
                        state.group(1),
                        "primefaces.nonce",
                        nonce.group(1))
                .entrySet()
                .stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return browser.send(
                HttpRequest.newBuilder(URI.create(BASE + "/sluice/login.xhtml"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    // --- fixtures, made as admin ---------------------------------------------------------------------

    private long draftWithRecipients(String name, int recipients) {
        long campaign = created(admin.raw("POST", "campaigns", "application/json", draft(name)));
        JsonObject imported = admin.importCsv(campaign, csv(name.replace(' ', '-'), recipients));
        assertEquals("COMPLETED", imported.getString("batchStatus"), imported.toString());
        return campaign;
    }

    private long lastImport(long campaign) {
        HttpResponse<String> csv = admin.raw("POST", "campaigns/" + campaign + "/recipients", "text/csv", "email\n");
        long execution = json(csv).getJsonNumber("executionId").longValue();
        awaitImport(admin, campaign, execution);
        return execution;
    }

    private static void awaitImport(SluiceRest as, long campaign, long execution) {
        for (int i = 0; i < 600; i++) {
            HttpResponse<String> progress =
                    as.raw("GET", "campaigns/" + campaign + "/imports/" + execution, null, null);
            assertEquals(200, progress.statusCode(), progress.body());
            String status = json(progress).getString("batchStatus");
            if (status.equals("COMPLETED")) {
                return;
            }
            assertFalse(
                    status.equals("FAILED") || status.equals("STOPPED") || status.equals("ABANDONED"), progress.body());
            sleep(100);
        }
        throw new AssertionError("import " + execution + " did not end");
    }

    private long campaignCount() {
        return admin.allCampaigns().size();
    }

    private String draft(String name) {
        if (!admin.mtas().containsKey(MTA)) {
            admin.putMta(
                    MTA,
                    Json.createObjectBuilder()
                            .add("host", "127.0.0.1")
                            .add("port", SMTP_PORT)
                            .add("maxConnections", 1)
                            .build());
        }
        return Json.createObjectBuilder()
                .add("name", name)
                .add("from", "Security <news@sluice.test>")
                .add("subject", "Hello {{name}}")
                .add("textTemplate", "Hello {{name}}")
                .add("htmlTemplate", "<p>Hello {{name}}</p>")
                .add("mtas", Json.createArrayBuilder().add(MTA))
                .add("chunkSize", 10)
                .add("connections", 1)
                .build()
                .toString();
    }

    private static String query() {
        return SluiceRest.queryImport(
                CustomerDatabase.SOURCE, "SELECT 'by-query@example.test' AS email, 'By Query' AS name");
    }

    private static String csv(String prefix, int rows) {
        return IntStream.range(0, rows)
                .mapToObj(i -> prefix + "-" + i + "@example.test,Person " + i)
                .collect(Collectors.joining("\n", "email,name\n", "\n"));
    }

    private static long created(HttpResponse<String> response) {
        assertEquals(201, response.statusCode(), response.body());
        return json(response).getJsonNumber("id").longValue();
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
