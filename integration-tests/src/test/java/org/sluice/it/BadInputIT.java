package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input table (docs/testing.md, "Bad input") in the container, where "nothing half-imported" is a fact about
 * the database: CSV files uploaded through REST end with a known count of recipients and of import_rejection rows
 * (line and reason), or, when the file itself is unreadable, with the import FAILED naming the line and no row
 * stored.
 */
@ExtendWith(ArquillianExtension.class)
class BadInputIT {

    private static final int PORT_OFFSET = 100;
    private final SluiceRest sluice = new SluiceRest(PORT_OFFSET);
    private final SluiceDatabase database = SluiceDatabase.suiteServer();
    private final HttpClient http = HttpClient.newHttpClient();

    @Deployment(testable = false)
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    /** @param exitStatus null for COMPLETED, else the FAILED exit status expected */
    record FileCase(byte[] csv, String exitStatus, Set<String> recipients, Map<Integer, String> rejections) {}

    static Stream<Named<FileCase>> files() {
        String good = "email,name\n" + "a@example.org,A\n".repeat(1);
        return Stream.of(
                file(
                        "unclosed quote on line 3 of 1,200 rows: FAILED naming line 3, nothing stored (not even rows 2 or 1,000)",
                        utf8("email,name\na@example.org,A\nb@example.org,\"B\n" + rows(4, 1_200)),
                        "FAILED: check: malformed CSV near line 3: (startline 3) EOF reached before encapsulated token"
                                + " finished",
                        Set.of(),
                        Map.of()),
                file(
                        "Latin-1 byte on line 600 (after the first chunk of 500): FAILED naming line 600, nothing stored",
                        concat(
                                utf8("email,name\n" + rows(2, 599)),
                                "z@example.org,Ren\u00e9\n".getBytes(StandardCharsets.ISO_8859_1)),
                        "FAILED: check: line 600 is not UTF-8 (byte 0xE9): save the file as UTF-8"
                                + " (it is probably Windows-1252 or ISO-8859-1)",
                        Set.of(),
                        Map.of()),
                file(
                        "UTF-8 BOM before the header: imported",
                        concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(good)),
                        null,
                        Set.of("a@example.org"),
                        Map.of()),
                file(
                        "empty file: FAILED asking for a header",
                        new byte[0],
                        "FAILED: check: line 1: the file is empty: expected a header row naming an 'email' column",
                        Set.of(),
                        Map.of()),
                file("header only: COMPLETED with nothing", utf8("email,name\n"), null, Set.of(), Map.of()),
                file(
                        "duplicates (domain case), CR/LF in a name, IDN, SMTPUTF8 local part: good rows in, bad rows with line and reason",
                        utf8(
                                "email,name\nc@example.org,C\nc@EXAMPLE.org,C again\nd@example.org,\"D\r\nBcc: x@example.net\"\n"
                                        + "u@b\u00fccher.example,U\nj\u00f6rg@example.org,J\n"),
                        null,
                        Set.of("c@example.org", "u@xn--bcher-kva.example"),
                        Map.of(
                                3, "duplicate address c@EXAMPLE.org (same as line 2)",
                                5, "name contains a line break or control character",
                                7,
                                        "address 'j\u00f6rg@example.org' has a non-ASCII local part 'j\u00f6rg': it needs SMTPUTF8"
                                                + " (RFC 6531) on every relay, which Sluice does not use")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void badFileEndsInAKnownStateWithItsExactError(FileCase row) {
        long campaign = sluice.createCampaign("bad input", "Hi", "Hello {{name}}", "<p>Hello {{name}}</p>", 10, 1);

        JsonObject imported = importBytes(campaign, row.csv());

        Map<Integer, String> rejections = sluice.rejections(campaign).stream()
                .map(JsonObject.class::cast)
                .collect(Collectors.toMap(r -> r.getInt("line"), r -> r.getString("reason")));
        assertAll(
                () -> assertEquals(
                        row.exitStatus() == null ? "COMPLETED" : "FAILED",
                        imported.getString("batchStatus"),
                        imported.toString()),
                () -> {
                    if (row.exitStatus() != null) {
                        assertTrue(imported.getString("exitStatus").startsWith(row.exitStatus()), imported.toString());
                    }
                },
                () -> assertEquals(
                        row.recipients(), database.recipients(campaign).keySet(), "recipients stored"),
                () -> assertEquals(row.rejections(), rejections, "import_rejection rows"),
                () -> assertEquals(
                        row.recipients().size(),
                        imported.getJsonObject("counts")
                                .getJsonNumber("imported")
                                .longValue(),
                        "imported count"),
                // A completed import's upload is deleted; a failed one's is kept for a restart (retention: 24 h).
                () -> assertEquals(
                        row.exitStatus() == null ? 0 : 1, uploadsOf(campaign).size(), "uploaded files kept"));
    }

    record DraftCase(JsonObject draft, String error) {}

    static Stream<Named<DraftCase>> badDrafts() {
        return Stream.of(
                draft(
                        "CR LF in the From display name (quoted, which the address parser accepts)",
                        draft("bad from name").add("from", "\"News\r\nBcc: victim@example.net\" <news@sluice.test>"),
                        "from address '\"News\r\nBcc: victim@example.net\" <news@sluice.test>' contains a control"
                                + " character (U+000D at position 6): a header is one line of printable text"),
                draft(
                        "LF in the Reply-To display name",
                        draft("bad reply-to name")
                                .add("replyTo", "\"Help\nBcc: victim@example.net\" <help@sluice.test>"),
                        "reply-to address '\"Help\nBcc: victim@example.net\" <help@sluice.test>' contains a control"
                                + " character (U+000A at position 6): a header is one line of printable text"),
                draft(
                        "NUL in the From display name",
                        draft("nul in from").add("from", "News\u0000 <news@sluice.test>"),
                        "from address 'News\u0000 <news@sluice.test>' contains a control character (U+0000 at position 5)"),
                draft(
                        "triple mustache in the HTML template",
                        draft("unescaped html").add("htmlTemplate", "<p>Hello {{{name}}}</p>"),
                        "HTML template writes a merge value unescaped or changes the tag delimiters on line 1:"
                                + " '{{{name}}}' (write {{field}}: Sluice escapes every merge value in HTML)"),
                draft(
                        "ampersand tag in the HTML template",
                        draft("unescaped html &").add("htmlTemplate", "<p>Hello {{&name}}</p>"),
                        "HTML template writes a merge value unescaped or changes the tag delimiters on line 1: '{{&name}}'"),
                draft(
                        "text template of 1 MiB + 1 byte",
                        draft("huge text").add("textTemplate", "x".repeat(1024 * 1024 + 1)),
                        "text template has 1048577 bytes (UTF-8): at most 1048576 (1 MiB)"),
                draft(
                        "HTML template of 2 MiB",
                        draft("huge html").add("htmlTemplate", "<p>" + "y".repeat(2 * 1024 * 1024) + "</p>"),
                        "HTML template has 2097159 bytes (UTF-8): at most 1048576 (1 MiB)"),
                draft(
                        "subject template of 2,001 characters",
                        draft("long subject").add("subject", "S".repeat(2001)),
                        "subject template has 2001 characters: at most 2000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDrafts")
    void badCampaignIsRefusedWith400NamingTheFieldAndNothingIsStored(DraftCase row) {
        String name = row.draft().getString("name");
        long before = campaignsNamed(name);

        HttpResponse<String> response =
                post("campaigns", "application/json", row.draft().toString().getBytes(StandardCharsets.UTF_8));

        assertAll(
                () -> assertEquals(400, response.statusCode(), response.body()),
                () -> assertTrue(json(response.body()).getString("detail").contains(row.error()), response.body()),
                () -> assertEquals(before, campaignsNamed(name), "campaign rows named '" + name + "'"));
    }

    @Test
    void badChangeToASavedCampaignIsRefusedWith400AndTheCampaignIsUnchanged() {
        long campaign = sluice.createCampaign("changed badly", "Hi", "Hello {{name}}", "<p>Hello {{name}}</p>", 10, 1);
        JsonObject saved = sluice.campaign(campaign);
        String change = draft("changed badly")
                .add("htmlTemplate", "<p>Hello {{{name}}}</p>")
                .add("from", "\"News\r\nBcc: victim@example.net\" <news@sluice.test>")
                .build()
                .toString();

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("campaigns/" + campaign))
                .header("Content-Type", "application/json")
                .header("Authorization", SluiceUsers.ADMIN.basic())
                .PUT(HttpRequest.BodyPublishers.ofString(change))
                .build());

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("from address"), response.body());
        assertEquals(saved, sluice.campaign(campaign));
    }

    @Test
    void campaignWithATagThatNeverClosesIsRefusedAtCreationNamingTemplateAndLine() {
        String draft = Json.createObjectBuilder()
                .add("name", "bad template")
                .add("from", "news@sluice.test")
                .add("subject", "Hi")
                .add("textTemplate", "Hello\n{{name")
                .build()
                .toString();

        HttpResponse<String> response = post("campaigns", "application/json", draft.getBytes(StandardCharsets.UTF_8));

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(
                response.body().contains("text template has a tag that is never closed on line 2: '{{name'"),
                response.body());
    }

    @Test
    void campaignSenderWithALineBreakIsRefusedAtCreationNamingTheField() {
        String draft = Json.createObjectBuilder()
                .add("name", "bad from")
                .add("from", "news@sluice.test\r\nBcc: x@example.net")
                .add("subject", "Hi")
                .add("textTemplate", "Hello")
                .build()
                .toString();

        HttpResponse<String> response = post("campaigns", "application/json", draft.getBytes(StandardCharsets.UTF_8));

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(
                response.body()
                        .contains("from address 'news@sluice.test\\r\\nBcc: x@example.net' contains a control"
                                + " character (U+000D at position 17)"),
                response.body());
    }

    @Test
    void campaignWhoseOnlyMtaDoesNotResolveStopsAtItsDeadlineWithAnIncidentNamingTheMtaAndLosesNobody() {
        // RFC 2606: .invalid never resolves.
        sluice.putMta(
                "nowhere",
                Json.createObjectBuilder()
                        .add("host", "mta.sluice.invalid")
                        .add("port", 25)
                        .add("maxConnections", 1)
                        .add("probeId", "")
                        .build());
        long campaign = sluice.createCampaign("mta does not resolve", 10, 1, List.of("nowhere"), 5);
        sluice.importCsv(campaign, SampleCsv.recipients(3));

        sluice.send(campaign);
        JsonObject failed = sluice.awaitFinished(campaign, Duration.ofMinutes(2));

        JsonArray incidents = sluice.incidents(campaign);
        assertAll(
                () -> assertEquals("FAILED", failed.getString("status"), failed.toString()),
                () -> assertEquals("MTA_OVERLOADED", failed.getString("exitStatus"), failed.toString()),
                () -> assertEquals(3, failed.getJsonObject("counts").getInt("pending"), "nobody sent, nobody lost"),
                () -> assertEquals(1, incidents.size(), incidents.toString()),
                () -> assertTrue(
                        incidents.getJsonObject(0).getString("reason").contains("nowhere: UNREACHABLE"),
                        incidents.toString()),
                () -> assertTrue(
                        incidents.getJsonObject(0).getString("mtaStatuses").contains("mta.sluice.invalid"),
                        incidents.toString()));
    }

    private JsonObject importBytes(long campaign, byte[] csv) {
        HttpResponse<String> started = post("campaigns/" + campaign + "/recipients", "text/csv", csv);
        assertEquals(202, started.statusCode(), started.body());
        long execution = json(started.body()).getJsonNumber("executionId").longValue();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            JsonObject progress =
                    json(get("campaigns/" + campaign + "/imports/" + execution).body());
            String status = progress.getString("batchStatus");
            if (!Set.of("STARTING", "STARTED", "STOPPING").contains(status)
                    || Instant.now().isAfter(deadline)) {
                return progress;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static Named<DraftCase> draft(String name, JsonObjectBuilder draft, String error) {
        return Named.of(name, new DraftCase(draft.build(), error));
    }

    /** A valid draft; a case adds (and so replaces) the one field it gets wrong. */
    private static JsonObjectBuilder draft(String name) {
        return Json.createObjectBuilder()
                .add("name", name)
                .add("from", "news@sluice.test")
                .add("subject", "Hi {{name}}")
                .add("textTemplate", "Hello {{name}}");
    }

    private long campaignsNamed(String name) {
        return database.count("SELECT COUNT(*) FROM campaign WHERE name = ?", name);
    }

    /** The uploads of a campaign still under the server's data dir. */
    private static List<Path> uploadsOf(long campaign) {
        Path dir = Path.of(System.getProperty("sluice.it.base"), "data", "sluice", "imports");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("campaign-" + campaign + "-"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> post(String path, String type, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", type)
                .header("Authorization", SluiceUsers.ADMIN.basic())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", SluiceUsers.ADMIN.basic())
                .GET()
                .build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(request.uri() + " failed: " + e, e);
        }
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + (8080 + PORT_OFFSET) + "/sluice/api/" + path);
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static String rows(int firstLine, int lastLine) {
        StringBuilder rows = new StringBuilder();
        for (int line = firstLine; line <= lastLine; line++) {
            rows.append("r").append(line).append("@example.org,R").append(line).append('\n');
        }
        return rows.toString();
    }

    private static Named<FileCase> file(
            String name, byte[] csv, String exitStatus, Set<String> recipients, Map<Integer, String> rejections) {
        return Named.of(name, new FileCase(csv, exitStatus, recipients, rejections));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
