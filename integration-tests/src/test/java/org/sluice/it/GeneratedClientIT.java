package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.sluice.client.ApiClient;
import org.sluice.client.ApiException;
import org.sluice.client.ApiResponse;
import org.sluice.client.api.AuditApi;
import org.sluice.client.api.CampaignsApi;
import org.sluice.client.api.MtasApi;
import org.sluice.client.api.SuppressionsApi;
import org.sluice.client.model.Addition;
import org.sluice.client.model.AuditEventView;
import org.sluice.client.model.BatchStatus;
import org.sluice.client.model.CampaignDetails;
import org.sluice.client.model.CampaignDraft;
import org.sluice.client.model.CampaignStatus;
import org.sluice.client.model.CampaignSummary;
import org.sluice.client.model.ImportProgress;
import org.sluice.client.model.MtaView;
import org.sluice.client.model.Problem;
import org.sluice.client.model.RecipientState;
import org.sluice.client.model.RecipientTableRow;
import org.sluice.client.model.SendingWindowRequest;
import org.sluice.client.model.Weekday;

/**
 * The OpenAPI document WildFly serves is the one committed as docs/openapi.json, and a Java client generated from it
 * (openapi-generator, integration-tests/pom.xml, which validates the document first) does a campaign's whole course
 * with nothing else: create, import, set a sending window, start, follow until done, read the counts, page the
 * recipients by the Link header, read the audit log, and read refusals as problems; closed sets of values (statuses,
 * days, audit actions) arrive as the client's enums.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GeneratedClientIT {

    private static final int PORT_OFFSET = 100;
    private static final int SMTP_PORT = 3199;
    private static final String MTA = "generated-client-mta";
    private static final String BASE = "http://127.0.0.1:" + (8080 + PORT_OFFSET);
    private static final Path COMMITTED =
            Path.of(System.getProperty("sluice.layout.openapi-document", "../docs/openapi.json"));
    private static final Path SERVED = Path.of("target/openapi/served.json");
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    private static final GreenMail smtp = SmtpServerExtension.plainSmtp(SMTP_PORT);

    @RegisterExtension
    static final SmtpServerExtension SMTP_SERVER = SmtpServerExtension.startAndStop(smtp);

    @Deployment(testable = false)
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    @Test
    void theServedDocumentIsTheCommittedOneWithAnIdForEveryOperationAndAProblemForEveryError() throws Exception {
        HttpResponse<String> served = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(BASE + "/openapi?format=JSON"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, served.statusCode(), served.body());
        Files.createDirectories(SERVED.getParent());
        Files.writeString(SERVED, served.body());
        JsonObject document = json(served.body());

        // Semantically, not byte for byte: JSON objects compare as maps, whatever the order of their members.
        List<String> changed = differences("", json(Files.readString(COMMITTED)), document);
        assertEquals(
                List.of(),
                changed,
                "the API changed: review " + SERVED.toAbsolutePath() + " and copy it to docs/openapi.json");

        Set<String> ids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        document.getJsonObject("paths")
                .forEach((path, item) -> item.asJsonObject().forEach((method, value) -> {
                    JsonObject operation = value.asJsonObject();
                    String id = operation.getString("operationId", null);
                    if (id == null || !ids.add(id)) {
                        problems.add(method + " " + path + ": operationId " + id + " missing or not unique");
                    }
                    operation.getJsonObject("responses").forEach((status, response) -> {
                        if (status.matches("[45]\\d\\d")
                                && !response.asJsonObject().containsKey("content")
                                && !status.equals("413")
                                && !status.equals("415")) {
                            problems.add(method + " " + path + ": " + status + " without a body's schema");
                        }
                    });
                }));
        assertEquals(List.of(), problems);
        assertTrue(document.getJsonObject("components").getJsonObject("schemas").containsKey("Problem"));
    }

    @Test
    void aCampaignRunsItsWholeCourseThroughTheGeneratedClient() throws Exception {
        ApiClient admin = client(SluiceUsers.ADMIN);
        ApiClient operator = client(SluiceUsers.OPERATOR);
        CampaignsApi campaigns = new CampaignsApi(operator);

        MtaView mta = new MtasApi(admin)
                .addMta(new MtaView()
                        .name(MTA)
                        .host("127.0.0.1")
                        .port(SMTP_PORT)
                        .maxConnections(2));
        assertEquals(MTA, mta.getName());

        ApiResponse<CampaignSummary> created = campaigns.createCampaignWithHttpInfo(new CampaignDraft()
                .name("generated client")
                .from("Sluice Tests <news@sluice.test>")
                .subject("Hello {{name}}")
                .textTemplate("Hello {{name}}, from a generated client")
                .mtas(List.of(MTA))
                .chunkSize(20)
                .connections(2));
        assertEquals(201, created.getStatusCode());
        long id = created.getData().getId();
        assertEquals(CampaignStatus.DRAFT, created.getData().getStatus());
        assertTrue(
                header(created, "Location").orElseThrow().endsWith("campaigns/" + id),
                created.getHeaders().toString());

        int recipients = 120;
        String csv = "email,name\n"
                + IntStream.rangeClosed(1, recipients)
                        .mapToObj(i -> "client-" + i + "@example.org,Reader " + i + "\n")
                        .collect(Collectors.joining());
        ApiResponse<ImportProgress> imported = campaigns.importRecipientsCsvWithHttpInfo(id, csv);
        assertEquals(202, imported.getStatusCode());
        long execution = imported.getData().getExecutionId();
        assertTrue(header(imported, "Location").orElseThrow().endsWith("campaigns/" + id + "/imports/" + execution));
        ImportProgress progress = await(
                () -> campaigns.getImportProgress(execution, id), // path parameters in the document's order
                p -> p.getBatchStatus() == BatchStatus.COMPLETED,
                Duration.ofMinutes(1));
        assertEquals(recipients, progress.getCounts().getImported().longValue());

        // Every day, all day (equal times): the window is open now, and the days come back as the enum.
        CampaignDetails windowed = campaigns.setSendingWindow(
                id,
                new SendingWindowRequest()
                        .days(List.of(Weekday.values()))
                        .from("00:00")
                        .until("00:00")
                        .timeZone("Asia/Seoul"));
        assertEquals(List.of(Weekday.values()), windowed.getSendingWindow().getDays());
        assertTrue(windowed.getSendingWindow().getOpen());

        ApiResponse<CampaignDetails> started = campaigns.startCampaignWithHttpInfo(id);
        assertEquals(202, started.getStatusCode());
        assertTrue(header(started, "Location").orElseThrow().endsWith("campaigns/" + id));

        CampaignDetails done = await(() -> campaigns.getCampaign(id), c -> !c.getRunning(), Duration.ofMinutes(2));
        assertAll(
                () -> assertEquals(CampaignStatus.COMPLETED, done.getStatus()),
                () -> assertEquals(BatchStatus.COMPLETED, done.getBatchStatus()),
                () -> assertEquals(recipients, done.getCounts().getSent().longValue()),
                () -> assertEquals(0, done.getCounts().getPending().longValue()),
                () -> assertEquals(0, done.getCounts().getFailed().longValue()));

        // Every recipient once, in id order, following rel="next" until it is gone.
        List<RecipientTableRow> all = new ArrayList<>();
        Long after = null;
        List<Integer> pages = new ArrayList<>();
        while (true) {
            ApiResponse<List<RecipientTableRow>> page =
                    campaigns.listRecipientsWithHttpInfo(id, after, 50, RecipientState.SENT);
            all.addAll(page.getData());
            pages.add(page.getData().size());
            Optional<URI> next = header(page, "Link")
                    .map(NEXT::matcher)
                    .filter(Matcher::find)
                    .map(m -> URI.create(m.group(1)));
            if (next.isEmpty()) {
                break;
            }
            assertEquals("50", query(next.get()).get("limit"));
            after = Long.valueOf(query(next.get()).get("after"));
        }
        assertEquals(List.of(50, 50, 20), pages, "pages of at most 50, a next link after each full one");
        assertEquals(recipients, all.size());
        assertEquals(
                recipients,
                all.stream().map(RecipientTableRow::getAddress).distinct().count());
        assertTrue(all.stream().allMatch(r -> r.getState() == RecipientState.SENT && r.getAttempts() == 1));

        MimeMessage[] received = awaitMail(recipients, Duration.ofSeconds(30));
        assertEquals(recipients, received.length);
        assertEquals(
                Set.of("Hello Reader 1", "Hello Reader 120"),
                java.util.Arrays.stream(received)
                        .map(GeneratedClientIT::subject)
                        .filter(s -> s.equals("Hello Reader 1") || s.equals("Hello Reader 120"))
                        .collect(Collectors.toSet()));

        // The audit log's actions read as the enum, in the order they happened (newest first).
        List<AuditEventView.ActionEnum> actions = new AuditApi(admin)
                .listAuditEvents(100, 0, Long.toString(id), "campaign").stream()
                        .map(AuditEventView::getAction)
                        .toList();
        assertEquals(
                List.of(
                        AuditEventView.ActionEnum.START,
                        AuditEventView.ActionEnum.SENDING_WINDOW,
                        AuditEventView.ActionEnum.IMPORT,
                        AuditEventView.ActionEnum.CREATE),
                actions);

        // Refusals arrive as typed RFC 9457 problems.
        ApiException missing = assertThrows(ApiException.class, () -> campaigns.getCampaign(Long.MAX_VALUE));
        Problem notFound = problem(operator, missing);
        assertAll(
                () -> assertEquals(404, missing.getCode()),
                () -> assertEquals(404, notFound.getStatus().intValue()),
                () -> assertEquals("Not Found", notFound.getTitle()),
                () -> assertTrue(notFound.getDetail().contains(Long.toString(Long.MAX_VALUE)), notFound.getDetail()));

        ApiException notAnAddress = assertThrows(
                ApiException.class,
                () -> new SuppressionsApi(admin).addSuppression(new Addition().address("not an address")));
        Problem unprocessable = problem(admin, notAnAddress);
        assertAll(
                () -> assertEquals(422, notAnAddress.getCode()),
                () -> assertEquals(422, unprocessable.getStatus().intValue()),
                () -> assertEquals("Unprocessable Content", unprocessable.getTitle()),
                () -> assertFalse(unprocessable.getDetail().isBlank()));
    }

    /** A client of the served API as {@code user}: the generated native client leaves credentials to the caller. */
    private static ApiClient client(SluiceUsers user) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(BASE);
        client.setReadTimeout(Duration.ofSeconds(60));
        client.setRequestInterceptor(request -> request.header("Authorization", user.basic()));
        return client;
    }

    private static Problem problem(ApiClient client, ApiException refused) throws IOException {
        assertTrue(
                refused.getResponseHeaders()
                        .firstValue("Content-Type")
                        .orElse("")
                        .startsWith("application/problem+json"),
                refused.getResponseHeaders().map().toString());
        return client.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
    }

    private static Optional<String> header(ApiResponse<?> response, String name) {
        return response.getHeaders().entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase(name))
                .flatMap(h -> h.getValue().stream())
                .findFirst();
    }

    private static Map<String, String> query(URI uri) {
        return java.util.Arrays.stream(uri.getRawQuery().split("&"))
                .map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> p.length > 1 ? p[1] : ""));
    }

    /** Where two JSON documents differ, as JSON Pointers (RFC 6901) to the outermost members that do. */
    private static List<String> differences(String at, JsonValue committed, JsonValue served) {
        if (committed.equals(served)) {
            return List.of();
        }
        if (committed instanceof JsonObject c && served instanceof JsonObject s) {
            List<String> found = new ArrayList<>();
            Set<String> names = new java.util.TreeSet<>(c.keySet());
            names.addAll(s.keySet());
            for (String name : names) {
                String pointer = at + "/" + name.replace("~", "~0").replace("/", "~1");
                found.addAll(differences(
                        pointer, c.getOrDefault(name, JsonValue.NULL), s.getOrDefault(name, JsonValue.NULL)));
            }
            return found;
        }
        return List.of(at);
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static MimeMessage[] awaitMail(int count, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (smtp.getReceivedMessages().length < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        return smtp.getReceivedMessages();
    }

    @FunctionalInterface
    private interface Call<T> {
        T get() throws ApiException;
    }

    private static <T> T await(Call<T> poll, java.util.function.Predicate<T> done, Duration timeout)
            throws ApiException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        T last = poll.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout + "; last: " + last);
            }
            Thread.sleep(200);
            last = poll.get();
        }
        return last;
    }
}
