package org.sluice.bench;

import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sluice.demo.client.SluiceClient;
import org.sluice.demo.sample.SampleCampaign;
import org.sluice.demo.server.ServerRun;
import org.sluice.demo.server.SluiceLayout;
import org.sluice.demo.server.WildFlyProcess;

/**
 * How fast the console's pages and the progress API answer for a campaign of N = 1,000,000 recipients, against the
 * same for a campaign of 1,000 (the baseline) on the same server in the same run: a logged-in browser session (the
 * form login, its cookie) fetches each page R times after a warm-up, the API is called as a script does (basic
 * authentication), and the benchmark prints the median and 95th percentile of each, and the ratio of the big
 * campaign's median to the baseline's. The monitor page, the campaign list and the progress API show the campaign's
 * counts by state (its counter row); the recipients page the first page of the lazy table and its row count; their
 * Ajax polls run the same reads. It measures on each database of sluice.bench.databases in turn ({@link
 * BenchDatabase}). H2's query cache is off for its server ({@code QUERY_CACHE_SIZE=0} in {@code sluice.db.url}):
 * while a campaign is sent its tables change all the time and no query would come from it, so every fetch here does
 * all its reads.
 * <p>
 * System properties: sluice.bench.console-recipients (N, 1000000), sluice.bench.console-repeats (R, 30),
 * sluice.bench.databases and the paths of {@link SluiceLayout}. Nothing is sent: the campaigns stay drafts.
 */
public final class ConsolePagesBenchmark {

    /** A page or API call should answer within this at N (median), whatever the baseline. */
    static final Duration TARGET_MEDIAN = Duration.ofMillis(100);

    private static final Pattern VIEW_STATE =
            Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern LOGIN_ACTION = Pattern.compile("<form id=\"login\"[^>]*action=\"([^\"]+)\"");
    /** The nonce of the page's Content-Security-Policy, which PrimeFaces' script adds to a browser's postback. */
    private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");

    private final PrintStream out = System.out;
    private final SluiceLayout layout;
    private final int recipients;
    private final int repeats;
    private final HttpClient browser = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private WildFlyProcess wildFly;
    private String basic;
    private boolean cleanedUp;

    ConsolePagesBenchmark(SluiceLayout layout, int recipients, int repeats) {
        this.layout = layout;
        this.recipients = recipients;
        this.repeats = Math.max(5, repeats);
    }

    public static void main(String[] args) {
        ConsolePagesBenchmark bench = new ConsolePagesBenchmark(
                SluiceLayout.fromSystemProperties(),
                Integer.getInteger("sluice.bench.console-recipients", 1_000_000),
                Integer.getInteger("sluice.bench.console-repeats", 30));
        ServerRun.exitWith("BENCHMARK", bench::run, bench::cleanUp);
    }

    int run() throws Exception {
        out.printf(
                Locale.ROOT,
                "%n=== Sluice console pages: N=%,d recipients against a baseline of 1,000, %d fetches each ===%n%n",
                recipients,
                repeats);
        Map<BenchDatabase, Boolean> metOn = new LinkedHashMap<>();
        for (BenchDatabase database : BenchDatabase.chosen()) {
            out.printf(Locale.ROOT, "%n##### Sluice on %s #####%n", database.label());
            metOn.put(database, measureOn(database));
        }
        out.println();
        metOn.forEach((database, met) -> out.printf(
                Locale.ROOT,
                "Summary: %-10s every median <= %d ms at N: %s%n",
                database.label(),
                TARGET_MEDIAN.toMillis(),
                met ? "yes" : "no  BELOW TARGET"));
        return 0;
    }

    /** One server on the database, both campaigns imported, every page timed; whether every median met the target. */
    private boolean measureOn(BenchDatabase database) throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("sluice.mta.port", "2599");
        if (database == BenchDatabase.H2) {
            Path file = layout.workDir()
                    .resolve("wildfly-console-base/data/sluice/sluice")
                    .toAbsolutePath();
            properties.put("sluice.db.url", "jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE;QUERY_CACHE_SIZE=0");
        }
        BenchServer server = BenchServer.start(layout, "wildfly-console", database, properties, out);
        wildFly = server.wildFly();
        SluiceClient client = server.client();
        SluiceClient.Login login = server.login();
        basic = "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString((login.user() + ":" + login.password()).getBytes(StandardCharsets.UTF_8));
        long small = importedCampaign(server, 1_000, "baseline");
        long big = importedCampaign(server, recipients, "big");
        String origin = "http://127.0.0.1:8080";
        logIn(origin, login);

        Map<String, Timing> baseline = timePages(origin, small);
        Map<String, Timing> atN = timePages(origin, big);

        out.println();
        out.printf(
                Locale.ROOT,
                "Results (server: this machine, %s; times from request to the whole page received)%n",
                database.label());
        out.printf(
                Locale.ROOT,
                "  %-34s %22s %22s %8s%n",
                "page",
                "1,000 recipients",
                String.format(Locale.ROOT, "%,d recipients", recipients),
                "ratio");
        boolean met = true;
        for (String page : atN.keySet()) {
            Timing b = baseline.get(page);
            Timing n = atN.get(page);
            out.printf(
                    Locale.ROOT,
                    "  %-34s %9.1f / %6.1f ms %9.1f / %6.1f ms %8.2f%n",
                    page,
                    b.median(),
                    b.p95(),
                    n.median(),
                    n.p95(),
                    n.median() / b.median());
            met &= n.median() <= TARGET_MEDIAN.toMillis();
        }
        out.printf(
                Locale.ROOT,
                "  (median / 95th percentile of %d fetches after 5 unmeasured; target: median <= %d ms at N)%s%n",
                repeats,
                TARGET_MEDIAN.toMillis(),
                met ? "" : "  BELOW TARGET");
        wildFly.stop(Duration.ofSeconds(60));
        return met;
    }

    private long importedCampaign(BenchServer server, int size, String label) throws Exception {
        out.printf(Locale.ROOT, "Importing %,d recipients (%s) ...%n", size, label);
        return server.importedCampaign(
                SampleCampaign.draft("Console benchmark (" + label + ") N=" + size, 500, 2),
                size,
                layout.workDir().resolve("console-recipients-" + label + ".csv"),
                Duration.ofMinutes(10));
    }

    /** The console's form login, as a browser does it: the page, then its form posted back with the view state. */
    private void logIn(String origin, SluiceClient.Login login) throws Exception {
        String page = browser.send(
                        HttpRequest.newBuilder(URI.create(origin + "/sluice/login.xhtml"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        String form =
                "login=login&login%3Ausername=" + encode(login.user()) + "&login%3Apassword=" + encode(login.password())
                        + "&login%3Asubmit=Log+in&jakarta.faces.ViewState="
                        + encode(find(VIEW_STATE, page, "the login page's view state"))
                        + "&primefaces.nonce=" + encode(find(NONCE, page, "the login page's script nonce"));
        HttpRequest post = HttpRequest.newBuilder(
                        URI.create(origin + unescape(find(LOGIN_ACTION, page, "the login form"))))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> answer = browser.send(post, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 302) {
            throw new IllegalStateException(
                    "the console login answered " + answer.statusCode() + ", not the redirect to the console");
        }
    }

    /**
     * The pages as a user reaches them: the campaign list, then the monitor and recipients links it shows.
     */
    private Map<String, Timing> timePages(String origin, long campaign) throws Exception {
        String list = fetch(URI.create(origin + "/sluice/campaigns.xhtml")).body();
        Map<String, URI> pages = new LinkedHashMap<>();
        pages.put("campaigns.xhtml (all campaigns)", URI.create(origin + "/sluice/campaigns.xhtml"));
        pages.put("monitor.xhtml?id=" + campaign, URI.create(origin + link(list, "monitor.xhtml", campaign)));
        pages.put("recipients.xhtml?id=" + campaign, URI.create(origin + link(list, "recipients.xhtml", campaign)));
        pages.put(
                "campaign.xhtml?id=" + campaign + " (preview)",
                URI.create(origin + link(list, "campaign.xhtml", campaign)));
        Map<String, Timing> timings = new LinkedHashMap<>();
        for (Map.Entry<String, URI> page : pages.entrySet()) {
            String key = page.getKey().replace("?id=" + campaign, "");
            timings.put(key, time(HttpRequest.newBuilder(page.getValue()).GET().build()));
        }
        // The same counts as the monitor, through the API (what scripts and the demo poll), and the API's list.
        timings.put("GET /api/campaigns/{id} (progress)", time(api(origin + "/sluice/api/campaigns/" + campaign)));
        timings.put("GET /api/campaigns (list, counts)", time(api(origin + "/sluice/api/campaigns")));
        return timings;
    }

    private HttpRequest api(String uri) {
        return HttpRequest.newBuilder(URI.create(uri))
                .header("Authorization", basic)
                .GET()
                .build();
    }

    private Timing time(HttpRequest page) throws Exception {
        for (int i = 0; i < 5; i++) {
            fetch(page);
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            fetch(page);
            millis.add((System.nanoTime() - start) / 1e6);
        }
        millis.sort(Double::compare);
        return new Timing(millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.95) - 1));
    }

    private record Timing(double median, double p95) {}

    private HttpResponse<String> fetch(URI page) throws Exception {
        return fetch(HttpRequest.newBuilder(page).GET().build());
    }

    private HttpResponse<String> fetch(HttpRequest page) throws Exception {
        HttpResponse<String> answer = browser.send(page, HttpResponse.BodyHandlers.ofString());
        // The login form's action, or a Faces error page, instead of the page: not what a logged-in user sees.
        if (answer.statusCode() != 200
                || answer.body().contains("id=\"login\"")
                || answer.body().contains("ProtectedViewException")) {
            throw new IllegalStateException(page.uri() + " answered " + answer.statusCode() + " ("
                    + answer.body().length() + " chars)");
        }
        return answer;
    }

    /** The href of the campaign list's link to {@code page} for the campaign. */
    private static String link(String list, String page, long campaign) {
        Matcher m = Pattern.compile("href=\"([^\"]*/" + Pattern.quote(page) + "\\?[^\"]*id=" + campaign + ")\"")
                .matcher(list);
        if (!m.find()) {
            throw new IllegalStateException("the campaign list has no link to " + page + " for campaign " + campaign);
        }
        return unescape(m.group(1));
    }

    private static String find(Pattern pattern, String page, String what) {
        Matcher m = pattern.matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no " + what + " found");
        }
        return m.group(1);
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    synchronized void cleanUp() {
        if (cleanedUp) {
            return;
        }
        cleanedUp = true;
        if (wildFly != null) {
            wildFly.stop(Duration.ofSeconds(60));
        }
    }
}
