package org.sluice.it.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sluice.it.CustomerDatabase;
import org.sluice.it.Deployments;
import org.sluice.it.SampleCsv;
import org.sluice.it.SluiceDatabase;
import org.sluice.it.SluiceRest;
import org.sluice.it.SluiceUsers;
import org.sluice.it.SmtpServerExtension;
import org.sluice.testing.RefusingGreenMail;

/**
 * The Faces console in real headless Chromium against Sluice on WildFly and a real SMTP server in this JVM: an
 * operator logs in, creates a campaign, uploads a CSV with bad rows and reads the report, previews, sends a test
 * copy, starts the campaign and watches it reach 100 % with counts matching the mail received; a campaign waiting
 * for an MTA is stopped and restarted; a viewer sees no way to start one. Screenshots go to target/screenshots.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleIT {

    private static final int PORT_OFFSET = 100;
    private static final int SMTP_PORT = 3210;
    private static final String BASE = "http://127.0.0.1:" + (8080 + PORT_OFFSET) + "/sluice";
    private static final int GOOD_ROWS = 30;

    private static final RefusingGreenMail smtp = new RefusingGreenMail(SMTP_PORT);

    @RegisterExtension
    static final SmtpServerExtension SMTP_SERVER = SmtpServerExtension.startAndStop(smtp);

    private final SluiceRest sluice = new SluiceRest(PORT_OFFSET);
    private final SluiceDatabase database = SluiceDatabase.suiteServer();

    /** The console probe's queue depth, read by its "command" reader: the test decides what the MTA reports. */
    private static final Path QUEUE_READING =
            Path.of("target", "console-probe", "queue").toAbsolutePath();

    @Deployment(name = "sluice", order = 1, testable = false)
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    @Deployment(name = "probe", order = 2, testable = false)
    static WebArchive probe() {
        return Deployments.probeWar(
                "console-probe",
                Map.of(
                        "sluice.probe.queue-reader",
                        "command",
                        "sluice.probe.queue-command",
                        "cat " + QUEUE_READING,
                        "sluice.probe.spool-path",
                        QUEUE_READING.getParent().toString(),
                        "sluice.probe.refresh-millis",
                        "100"));
    }

    @BeforeAll
    static void probeReadsAnEmptyQueue() throws Exception {
        Files.createDirectories(QUEUE_READING.getParent());
        Files.writeString(QUEUE_READING, "0\n");
    }

    @Test
    void anOperatorCreatesImportsPreviewsTestsAndSendsACampaign() throws Exception {
        registerConsoleMta();
        Path csv = Files.createTempFile("console-recipients", ".csv");
        Files.writeString(
                csv,
                SampleCsv.recipients(GOOD_ROWS)
                        + "not-an-address,Nobody,N,Nowhere\n"
                        + "\"cr@example.org\",\"Evil\r\nBcc: victim@example.org\",E,Evilcity\n"
                        + SampleCsv.address(3) + ",Person 3 again,First3,City3\n");

        try (Browser browser = new Browser(BASE)) {
            browser.login(SluiceUsers.OPERATOR.user(), SluiceUsers.OPERATOR.password());
            browser.await(
                    "the campaign list after login",
                    Duration.ofSeconds(20),
                    d -> d.getCurrentUrl().contains("campaigns.xhtml"));

            // Create
            browser.clickLink("New campaign");
            // The form starts with the API's defaults.
            assertEquals("2", browser.find("campaign:connections_input").getAttribute("value"));
            assertEquals("900", browser.find("campaign:deadline_input").getAttribute("value"));
            browser.type("campaign:name", "Console newsletter");
            browser.type("campaign:from", "News <news@sluice.test>");
            browser.type("campaign:subject", "Hello {{first_name}}");
            browser.type("campaign:text", "Dear {{name}}, news for {{city}}.");
            browser.type("campaign:html", "<p>Dear {{name}}, news for <b>{{city}}</b>.</p>");
            browser.find("campaign:pool").findElements(org.openqa.selenium.By.cssSelector("label")).stream()
                    .filter(l -> l.getText().equals("console-mta"))
                    .findFirst()
                    .orElseThrow()
                    .click();
            deselectDefault(browser);
            browser.click("campaign:save");
            browser.await(
                    "the recipients page of the new campaign",
                    Duration.ofSeconds(20),
                    d -> d.getCurrentUrl().contains("recipients.xhtml"));
            long campaign = Long.parseLong(browser.url().replaceAll(".*[?&]id=(\\d+).*", "$1"));

            // Upload a CSV with bad rows: the report names each rejected line and why.
            browser.upload("upload:csv_input", csv);
            browser.awaitText("recipients:importCounts", "Completed", Duration.ofSeconds(60));
            assertTrue(
                    browser.text("recipients:importCounts").contains("imported " + GOOD_ROWS),
                    browser.text("recipients:importCounts"));
            browser.awaitText("recipients:rejections", "Rejected rows (3)", Duration.ofSeconds(10));
            String report = browser.text("recipients:rejections");
            assertTrue(report.contains("not-an-address"), report);
            assertTrue(report.contains("32 invalid address 'not-an-address'"), report);
            assertTrue(report.contains("34 name contains a line break"), report);
            assertTrue(report.contains("duplicate address recipient3@example.org"), report);
            browser.screenshot("recipients-with-rejections");

            // Preview, live: the subject re-renders as it is typed; an unknown field is named.
            browser.clickLink("Edit and preview");
            browser.awaitText("campaign:previewSubject", "Hello First0", Duration.ofSeconds(10));
            browser.type("campaign:subject", "Hi {{first_name}} from {{city}}");
            browser.awaitText("campaign:previewSubject", "Hi First0 from City0", Duration.ofSeconds(10));
            browser.type("campaign:previewFor", SampleCsv.address(7));
            browser.click("campaign:renderPreview");
            browser.awaitText("campaign:previewSubject", "Hi First7 from City7", Duration.ofSeconds(10));
            browser.type("campaign:subject", "Hi {{nickname}}");
            browser.awaitText("campaign:previewProblem", "nickname", Duration.ofSeconds(10));
            browser.type("campaign:subject", "Hi {{first_name}} from {{city}}");
            browser.awaitText("campaign:previewSubject", "Hi First7 from City7", Duration.ofSeconds(10));
            browser.screenshot("campaign-preview");

            // A test copy to the operator, filled with recipient 7's fields; not a delivery.
            browser.type("campaign:testAddress", "operator@sluice.test");
            browser.click("campaign:sendTest");
            MimeMessage copy = browser.await(
                    "the test copy at the SMTP server",
                    Duration.ofSeconds(20),
                    d -> Arrays.stream(smtp.getReceivedMessages())
                            .filter(m -> subject(m).startsWith("[Test]"))
                            .findFirst()
                            .orElse(null));
            assertEquals("[Test] Hi First7 from City7", copy.getSubject());
            // Addressed as recipient 7's would be (their name), to the operator's mailbox.
            assertEquals("Person 7 <operator@sluice.test>", copy.getAllRecipients()[0].toString());
            browser.click("campaign:save");
            browser.await(
                    "the saved campaign, still on its page",
                    Duration.ofSeconds(20),
                    d -> browser.pageText().contains("Campaign 'Console newsletter' saved.") ? true : null);
            assertTrue(browser.url().contains("campaign.xhtml"), browser.url());

            // Start with confirmation; watch the job to 100 %.
            browser.clickLink("Monitor");
            browser.find("monitor:start").click();
            browser.await(
                    "the confirmation dialog",
                    Duration.ofSeconds(5),
                    d -> d.findElement(org.openqa.selenium.By.id("confirmYes")).isDisplayed());
            browser.click("confirmYes");
            browser.awaitText("monitor:status", "Completed", Duration.ofSeconds(90));
            browser.await(
                    "the progress bar at 100 %",
                    Duration.ofSeconds(10),
                    d -> d.findElement(org.openqa.selenium.By.id("monitor:progress"))
                            .getText()
                            .contains("100%"));
            assertTrue(smtp.waitForIncomingEmail(20_000, GOOD_ROWS + 1), "every recipient's message arrived");
            List<MimeMessage> campaignMail = Arrays.stream(smtp.getReceivedMessages())
                    .filter(m -> subject(m).startsWith("Hi "))
                    .toList();
            assertEquals(GOOD_ROWS, campaignMail.size());
            assertEquals(
                    String.valueOf(campaignMail.size()), browser.text("sent"), "sent count on the page = received");
            assertEquals("0", browser.text("remaining"));
            // The state in words; its code stays in the badge's class and the title (the API's and webhooks' name).
            assertEquals("Completed", browser.text("monitor:status"));
            assertTrue(
                    browser.find("monitor:status").getAttribute("class").contains("sluice-badge-COMPLETED"),
                    "the state is shown as its badge");
            assertEquals("COMPLETED", browser.find("monitor:status").getDomAttribute("title"));
            JsonObject counts = sluice.progress(campaign).getJsonObject("counts");
            assertEquals(GOOD_ROWS, counts.getJsonNumber("sent").longValue());
            // The send-rate chart gets its point at the next sample of the send history (every 5 s).
            browser.await(
                    "a point above zero in the send-rate chart",
                    Duration.ofSeconds(20),
                    d -> browser.chartData("monitor:rateChart").stream().anyMatch(v -> v != null && v > 0));
            browser.screenshot("monitor-completed");

            browser.clickLink("Campaigns");
            browser.awaitText("campaigns:table", "Console newsletter", Duration.ofSeconds(10));
            browser.screenshot("campaigns");
            browser.clickLink("MTAs");
            browser.awaitText("mtas:table", "console-mta", Duration.ofSeconds(10));
            browser.screenshot("mtas");
        }
    }

    @Test
    void aCampaignWaitingForAnMtaIsStoppedAndRestartedFromTheConsole() throws Exception {
        // An MTA whose probe never answers: the campaign waits, and the page says why.
        sluice.putMta(
                "console-silent",
                Json.createObjectBuilder()
                        .add("host", "127.0.0.1")
                        .add("port", SMTP_PORT)
                        .add("maxConnections", 1)
                        .add("probeId", "console-nobody")
                        .build());
        long campaign = sluice.createCampaign("console stop", 10, 1, List.of("console-silent"), 3600);
        sluice.importCsv(campaign, SampleCsv.recipients(40).replace("@example.org", "@stop.example.org"));

        try (Browser browser = new Browser(BASE)) {
            browser.login(SluiceUsers.OPERATOR.user(), SluiceUsers.OPERATOR.password());
            openMonitor(browser, "console stop");
            browser.find("monitor:start").click();
            browser.await(
                    "the confirmation dialog",
                    Duration.ofSeconds(5),
                    d -> d.findElement(org.openqa.selenium.By.id("confirmYes")).isDisplayed());
            browser.click("confirmYes");
            browser.awaitText("monitor:status", "Waiting for MTA", Duration.ofSeconds(60));
            browser.awaitText("monitor:waitingReason", "console-nobody", Duration.ofSeconds(10));
            browser.screenshot("monitor-waiting");

            browser.find("monitor:stop").click();
            browser.await(
                    "the confirmation dialog",
                    Duration.ofSeconds(5),
                    d -> d.findElement(org.openqa.selenium.By.id("confirmYes")).isDisplayed());
            browser.click("confirmYes");
            browser.awaitText("monitor:status", "Stopped", Duration.ofSeconds(60));
            assertEquals(0, received("@stop.example.org"), "nothing sent while the MTA had no reading");

            // The admin drops the probe requirement; the operator restarts; everyone is mailed once.
            sluice.putMta(
                    "console-silent",
                    Json.createObjectBuilder()
                            .add("host", "127.0.0.1")
                            .add("port", SMTP_PORT)
                            .add("maxConnections", 1)
                            .add("probeId", "")
                            .build());
            browser.find("monitor:restart").click();
            browser.await(
                    "the confirmation dialog",
                    Duration.ofSeconds(5),
                    d -> d.findElement(org.openqa.selenium.By.id("confirmYes")).isDisplayed());
            browser.click("confirmYes");
            browser.awaitText("monitor:status", "Completed", Duration.ofSeconds(90));
            assertTrue(smtp.waitForIncomingEmail(20_000, 40), "mail arrived");
            Thread.sleep(500);
            assertEquals(40, received("@stop.example.org"));
            Set<String> to = Arrays.stream(smtp.getReceivedMessages())
                    .map(ConsoleIT::to)
                    .filter(a -> a.endsWith("@stop.example.org"))
                    .collect(Collectors.toSet());
            assertEquals(40, to.size(), "each recipient exactly once");
        }
    }

    @Test
    void aViewerSeesCampaignsButCannotStartOne() throws Exception {
        registerConsoleMta();
        long campaign = sluice.createCampaign("console viewer", 10, 1, List.of("console-mta"), 600);
        sluice.importCsv(campaign, SampleCsv.recipients(5).replace("@example.org", "@viewer.example.org"));

        try (Browser browser = new Browser(BASE)) {
            browser.login(SluiceUsers.VIEWER.user(), SluiceUsers.VIEWER.password());
            openMonitor(browser, "console viewer");
            browser.awaitText("monitor:status", "Draft", Duration.ofSeconds(10));
            assertFalse(browser.present("monitor:start"), "no Start button for a viewer");
            assertFalse(browser.pageText().contains("New campaign"), "no New campaign menu for a viewer");
            browser.screenshot("monitor-as-viewer");
        }
        assertEquals("DRAFT", sluice.progress(campaign).getString("status"));
        assertEquals(0, received("@viewer.example.org"));
    }

    @Test
    void aViewerFollowsAnAddressFromTheRecipientTableToItsHistoryAndAMalformedOneIsRefused() throws Exception {
        sluice.putMta(
                "console-history-mta",
                Json.createObjectBuilder()
                        .add("host", "127.0.0.1")
                        .add("port", SMTP_PORT)
                        .add("maxConnections", 1)
                        .add("probeId", "")
                        .build());
        long campaign = sluice.createCampaign("console history", 10, 1, List.of("console-history-mta"), 600);
        sluice.importCsv(campaign, "email,name\nasked@history.example.org,Asked\nother@history.example.org,Other\n");
        sluice.send(campaign);
        assertEquals(
                "COMPLETED",
                sluice.awaitFinished(campaign, Duration.ofMinutes(2)).getString("batchStatus"));

        try (Browser browser = new Browser(BASE)) {
            browser.login(SluiceUsers.VIEWER.user(), SluiceUsers.VIEWER.password());
            browser.open("/recipients.xhtml?id=" + campaign);
            browser.awaitText("recipients:table", "asked@history.example.org", Duration.ofSeconds(10));
            browser.clickLink("asked@history.example.org");
            browser.awaitText("campaigns", "console history", Duration.ofSeconds(10));
            assertTrue(browser.text("campaigns").contains("SENT"), browser.text("campaigns"));
            String events = browser.text("events");
            assertTrue(events.contains("ATTEMPT") && events.contains("attempt 1 via console-history-mta: 250"), events);
            assertFalse(events.contains("other@history.example.org"), events);
            browser.screenshot("address-history");

            browser.type("search:address", "asked@@history.example.org");
            browser.click("search:show");
            browser.await(
                    "the message about the malformed address",
                    Duration.ofSeconds(10),
                    d -> browser.pageText().contains("Not an e-mail address") ? true : null);
            assertFalse(browser.present("campaigns"), "no history shown for a malformed address");
        }
    }

    @Test
    void anOperatorImportsRecipientsFromADatabaseQueryAndSeesTheRejectedRowAndThePagedTable() throws Exception {
        CustomerDatabase customers =
                CustomerDatabase.offered(PORT_OFFSET, "7, 'customer7-at-query.example.org', 'Broken', 'none'");
        customers.execute(
                "INSERT INTO customer SELECT x, 'customer' || x || '@query.example.org', 'Customer ' || x, 'gold'"
                        + " FROM SYSTEM_RANGE(1, 60) WHERE x <> 7");
        long campaign = sluice.createCampaign(
                "console query", "Your {{tier}} offer", "Dear {{name}}", "<p>Dear {{name}}</p>", 10, 1);

        try (Browser browser = new Browser(BASE)) {
            browser.login(SluiceUsers.OPERATOR.user(), SluiceUsers.OPERATOR.password());
            openMonitor(browser, "console query");
            browser.clickLink("Recipients");
            browser.type("query:sql", "SELECT mail AS email, full_name AS name, tier FROM customer ORDER BY id");
            browser.click("query:importQuery");
            browser.await(
                    "the message asking for an import source",
                    Duration.ofSeconds(10),
                    d -> browser.pageText().contains("Choose an import source") ? true : null);
            browser.choose("query:importSource", CustomerDatabase.SOURCE);
            browser.click("query:importQuery");
            browser.awaitText("recipients:importCounts", "Completed", Duration.ofSeconds(60));
            assertTrue(
                    browser.text("recipients:importCounts").contains("imported 59, rejected 1"),
                    browser.text("recipients:importCounts"));
            browser.awaitText("recipients:rejections", "Rejected rows (1)", Duration.ofSeconds(10));
            assertTrue(
                    browser.text("recipients:rejections")
                            .contains("7 invalid address 'customer7-at-query.example.org'"),
                    browser.text("recipients:rejections"));
            // 59 recipients, 25 a page: the third page holds the last 9.
            browser.awaitText("recipients:table", "1-25 of 59", Duration.ofSeconds(10));
            browser.find("recipients:table")
                    .findElement(org.openqa.selenium.By.cssSelector(".ui-paginator-next"))
                    .click();
            browser.awaitText("recipients:table", "26-50 of 59", Duration.ofSeconds(10));
            browser.find("recipients:table")
                    .findElement(org.openqa.selenium.By.cssSelector(".ui-paginator-next"))
                    .click();
            browser.awaitText("recipients:table", "51-59 of 59", Duration.ofSeconds(10));
            assertTrue(
                    browser.text("recipients:table").contains("customer60@query.example.org"),
                    browser.text("recipients:table"));
            browser.screenshot("recipients-from-query");
        }
        assertEquals(59, database.recipients(campaign).size());
    }

    @Test
    void aFailedImportShowsItsReasonOnARedBarInsteadOfDone() throws Exception {
        long campaign =
                sluice.createCampaign("console broken csv", "Hello", "Dear {{name}}", "<p>Dear {{name}}</p>", 10, 1);
        Path csv = Files.createTempFile("console-broken", ".csv");
        Files.writeString(csv, "email,name\none@example.org,One\n\"two@example.org,Two\nthree@example.org,Three\n");

        try (Browser browser = new Browser(BASE)) {
            browser.login(SluiceUsers.OPERATOR.user(), SluiceUsers.OPERATOR.password());
            openMonitor(browser, "console broken csv");
            browser.clickLink("Recipients");
            browser.upload("upload:csv_input", csv);
            browser.awaitText("recipients:importCounts", "Failed", Duration.ofSeconds(60));
            String counts = browser.text("recipients:importCounts");
            assertTrue(counts.contains("malformed CSV near line 3"), counts);
            org.openqa.selenium.WebElement bar = browser.find("recipients:importProgress");
            assertTrue(bar.getAttribute("class").contains("sluice-bar-failed"), bar.getAttribute("class"));
            assertTrue(bar.getText().contains("Failed"), bar.getText());
            assertFalse(bar.getText().contains("done"), bar.getText());
            browser.screenshot("recipients-import-failed");
        }
        assertEquals(0, database.recipients(campaign).size(), "nothing stored");
    }

    @Test
    void theMtaDashboardShowsAProbedMtasFiguresAdmissionAndTheQueueOverTime() throws Exception {
        sluice.putMta(
                "console-probed",
                Json.createObjectBuilder()
                        .add("host", "127.0.0.1")
                        .add("port", SMTP_PORT)
                        .add("maxConnections", 3)
                        .add("probeId", "console-probe")
                        .add("maxQueueDepth", 50)
                        .add("queueResumeDepth", 40)
                        .add("loadPerCpuStop", 1000.0)
                        .add("loadPerCpuResume", 900.0)
                        .add("memoryStopPercent", 0.0)
                        .add("memoryResumePercent", 0.0)
                        .add("spoolMinFreeMb", 0)
                        .build());
        Files.writeString(QUEUE_READING, "12\n");

        try (Browser browser = new Browser(BASE)) {
            browser.login(SluiceUsers.VIEWER.user(), SluiceUsers.VIEWER.password());
            browser.open("/mtas.xhtml");
            browser.awaitText("mtas:table", "console-probed", Duration.ofSeconds(10));
            String row = browser.await("the probed MTA admitted with queue 12", Duration.ofSeconds(30), d -> {
                String text = mtaRow(d, "console-probed");
                return text.contains("ADMITTED") && text.contains(" 12 ") ? text : null;
            });
            assertTrue(row.contains("0 / 3"), row);

            // Over the limit: the page turns the MTA FULL with the reason, and the queue chart has both readings.
            Files.writeString(QUEUE_READING, "75\n");
            String full = browser.await("the MTA FULL at queue 75", Duration.ofSeconds(30), d -> {
                String text = mtaRow(d, "console-probed");
                return text.contains("FULL") ? text : null;
            });
            assertTrue(full.contains("75"), full);
            browser.await("the queue chart with the readings 12 and 75", Duration.ofSeconds(40), d -> {
                List<List<Double>> charts = browser.allChartData();
                return charts.stream().anyMatch(data -> data.contains(12.0) && data.contains(75.0)) ? charts : null;
            });
            browser.screenshot("mtas-probed");
        } finally {
            Files.writeString(QUEUE_READING, "0\n");
            sluice.putMta(
                    "console-probed",
                    Json.createObjectBuilder()
                            .add("enabled", false)
                            .add("probeId", "console-probe")
                            .add("host", "127.0.0.1")
                            .add("port", SMTP_PORT)
                            .build());
        }
    }

    @Test
    void anOperatorCopiesACampaignAndDeletesTheOriginalOnceConfirmed() throws Exception {
        long original = sluice.createCampaign("console to delete", "Hi {{name}}", "Hello", "<p>Hello</p>", 10, 1);
        sluice.importCsv(original, SampleCsv.recipients(3).replace("@example.org", "@delete.example.org"));

        try (Browser browser = new Browser(BASE)) {
            browser.login(SluiceUsers.OPERATOR.user(), SluiceUsers.OPERATOR.password());
            browser.open("/campaign.xhtml?id=" + original);
            browser.click("campaign:copy");
            browser.await(
                    "the copy's page",
                    Duration.ofSeconds(20),
                    d -> !d.getCurrentUrl().endsWith("id=" + original)
                            && d.getCurrentUrl().contains("campaign.xhtml"));
            long copy = Long.parseLong(browser.url().replaceAll(".*[?&]id=(\\d+).*", "$1"));
            assertEquals(
                    "Copy of console to delete", browser.find("campaign:name").getAttribute("value"));
            assertEquals("Hi {{name}}", browser.find("campaign:subject").getAttribute("value"));

            browser.open("/campaign.xhtml?id=" + original);
            browser.find("campaign:delete").click();
            browser.await(
                    "the confirmation naming the recipients",
                    Duration.ofSeconds(5),
                    d -> d.findElement(org.openqa.selenium.By.id("confirmYes")).isDisplayed()
                            && browser.pageText().contains("with its 3 recipients"));
            browser.screenshot("campaign-delete-confirm");
            browser.click("confirmYes");
            browser.await(
                    "the campaign list",
                    Duration.ofSeconds(20),
                    d -> d.getCurrentUrl().contains("campaigns.xhtml"));
            browser.awaitText("campaigns:table", "Copy of console to delete", Duration.ofSeconds(10));
            assertTrue(browser.pageText().contains("Campaign 'console to delete' deleted."), browser.pageText());
            assertFalse(
                    browser.text("campaigns:table").contains("\nconsole to delete"), browser.text("campaigns:table"));
            assertEquals(
                    404, sluice.raw("GET", "campaigns/" + original, null, null).statusCode());
            assertEquals(200, sluice.raw("GET", "campaigns/" + copy, null, null).statusCode());
        }
        assertEquals(0, database.recipients(original).size(), "its recipients deleted with it");
    }

    @Test
    void anAdminAddsAnMtaTestsItsConnectionAndChangesItsThresholdsAndABadValueChangesNothing() throws Exception {
        int messagesBefore = smtp.getReceivedMessages().length;
        try (Browser browser = new Browser(BASE)) {
            browser.login(SluiceUsers.ADMIN.user(), SluiceUsers.ADMIN.password());
            browser.open("/mtas.xhtml");
            browser.clickLink("Add an MTA");

            // A name that would break URLs is refused before anything is stored.
            browser.type("mta:name", "../relay");
            browser.type("mta:host", "127.0.0.1");
            browser.number("mta:port_input", SMTP_PORT);
            browser.click("mta:save");
            browser.await(
                    "the message about the name",
                    Duration.ofSeconds(10),
                    d -> browser.pageText().contains("An MTA's name is 1 to 64 letters") ? true : null);
            assertFalse(sluice.mtas().containsKey("../relay"));

            browser.type("mta:name", "console-added");
            browser.click("mta:save");
            browser.await(
                    "the MTA list",
                    Duration.ofSeconds(20),
                    d -> d.getCurrentUrl().contains("mtas.xhtml"));
            browser.awaitText("mtas:table", "console-added", Duration.ofSeconds(10));
            JsonObject added = sluice.mtas().get("console-added");
            assertEquals("127.0.0.1", added.getString("host"));
            assertEquals(SMTP_PORT, added.getInt("port"));

            browser.clickLink("console-added");
            browser.click("mta:test");
            browser.awaitText("mta:check", "Connected in", Duration.ofSeconds(20));
            String check = browser.text("mta:check");
            assertTrue(check.contains("not encrypted"), check);
            assertTrue(check.contains("220 "), "the greeting: " + check);
            assertTrue(check.contains("250"), "the EHLO reply: " + check);
            browser.scrollTo("mta:check");
            browser.screenshot("mta-connection-test");

            // Resume above stop: refused with the reason, nothing stored.
            browser.number("mta:queueResumeDepth_input", 900_000);
            browser.click("mta:save");
            browser.await(
                    "the message about the queue thresholds",
                    Duration.ofSeconds(10),
                    d -> browser.pageText().contains("The queue depth to resume at must be between 0") ? true : null);
            assertEquals(
                    added.getInt("queueResumeDepth"),
                    sluice.mtas().get("console-added").getInt("queueResumeDepth"));

            browser.open("/mta.xhtml?name=console-added");
            browser.number("mta:maxConnections_input", 3);
            browser.find("mta:enabled")
                    .findElement(org.openqa.selenium.By.cssSelector(".ui-chkbox-box"))
                    .click();
            browser.click("mta:save");
            browser.await(
                    "the MTA list",
                    Duration.ofSeconds(20),
                    d -> d.getCurrentUrl().contains("mtas.xhtml"));
            JsonObject changed = sluice.mtas().get("console-added");
            assertEquals(3, changed.getInt("maxConnections"));
            assertFalse(changed.getBoolean("enabled"));

            // A dead port: the test names the address and the reason.
            sluice.putMta(
                    "console-dead",
                    Json.createObjectBuilder()
                            .add("host", "127.0.0.1")
                            .add("port", 1)
                            .build());
            browser.open("/mta.xhtml?name=console-dead");
            browser.click("mta:test");
            browser.awaitText("mta:check", "Failed after", Duration.ofSeconds(20));
            assertTrue(browser.text("mta:check").contains("Connection refused"), browser.text("mta:check"));
        }
        assertEquals(messagesBefore, smtp.getReceivedMessages().length, "a connection test sends no mail");
    }

    @Test
    void anAdminAddsImportsFindsAndRemovesSuppressedAddresses() throws Exception {
        Path csv = Files.createTempFile("console-suppressions", ".csv");
        Files.writeString(
                csv, "email,detail\nconsole-s1@example.org,asked by mail\nnot-an-address,x\nconsole-s2@example.org,\n");

        try (Browser browser = new Browser(BASE)) {
            browser.login(SluiceUsers.ADMIN.user(), SluiceUsers.ADMIN.password());
            browser.clickLink("Suppression list");
            browser.type("add:newAddress", "console-added@example.org");
            browser.type("add:detail", "asked by phone");
            browser.click("add:addButton");
            browser.awaitText("list:table", "console-added@example.org", Duration.ofSeconds(10));
            assertTrue(browser.text("list:table").contains("asked by phone"), browser.text("list:table"));

            browser.upload("upload:csv_input", csv);
            browser.awaitText("report", "line 3: ", Duration.ofSeconds(20));
            browser.awaitText("list:table", "console-s2@example.org", Duration.ofSeconds(10));
            browser.screenshot("suppressions");

            browser.type("search:address", "console-s1@example.org");
            browser.click("search:find");
            browser.await(
                    "only the address looked up",
                    Duration.ofSeconds(10),
                    d -> browser.text("list:table").contains("console-s1@example.org")
                            && !browser.text("list:table").contains("console-s2@example.org"));
            browser.find("list:table:0:remove").click();
            browser.await(
                    "the confirmation",
                    Duration.ofSeconds(5),
                    d -> d.findElement(org.openqa.selenium.By.id("confirmYes")).isDisplayed());
            browser.click("confirmYes");
            browser.awaitText("list:table", "No address found.", Duration.ofSeconds(10));
        }
        assertEquals(
                404,
                sluice.raw("GET", "suppressions/console-s1@example.org", null, null)
                        .statusCode());
        assertEquals(
                200,
                sluice.raw("GET", "suppressions/console-s2@example.org", null, null)
                        .statusCode());
        assertEquals(
                200,
                sluice.raw("GET", "suppressions/console-added@example.org", null, null)
                        .statusCode());
    }

    @Test
    void anAdminRegistersAWebhookSeesItsSecretOnceDisablesAndRemovesIt() throws Exception {
        String url = "http://127.0.0.1:9/console-webhook";
        try (Browser browser = new Browser(BASE)) {
            browser.login(SluiceUsers.ADMIN.user(), SluiceUsers.ADMIN.password());
            browser.clickLink("Webhooks");
            browser.type("webhooks:url", "ftp://not.http.example/x");
            browser.click("webhooks:register");
            browser.await(
                    "the refusal of a URL that is not http(s)",
                    Duration.ofSeconds(10),
                    d -> browser.pageText().contains("The URL must start with https:// or http://.") ? true : null);
            browser.type("webhooks:url", url);
            browser.click("webhooks:register");
            browser.awaitText("webhooks:table", url, Duration.ofSeconds(10));
            String secret = browser.text("secretValue");
            assertTrue(secret.startsWith("whsec_"), secret);
            browser.screenshot("webhooks");

            browser.open("/webhooks.xhtml");
            browser.awaitText("webhooks:table", url, Duration.ofSeconds(10));
            assertFalse(browser.pageText().contains(secret), "the secret is shown once");
            browser.find("webhooks:table:0:toggle").click();
            browser.awaitText("webhooks:table", "disabled", Duration.ofSeconds(10));
            browser.find("webhooks:table:0:remove").click();
            browser.await(
                    "the confirmation",
                    Duration.ofSeconds(5),
                    d -> d.findElement(org.openqa.selenium.By.id("confirmYes")).isDisplayed());
            browser.click("confirmYes");
            browser.awaitText("webhooks:table", "No webhooks registered.", Duration.ofSeconds(10));
        }
        String left = sluice.raw("GET", "webhooks", null, null).body();
        assertFalse(left.contains("console-webhook"), left);
    }

    @Test
    void timesAreShownInTheBrowsersTimeZoneWhichTheHeaderNames() throws Exception {
        // +12:45 or +13:45: a zone no CI machine has, so the server's own zone cannot pass for it.
        String zone = "Pacific/Chatham";
        long campaign = sluice.createCampaign("console time zone", "Hi", "Hello", "<p>Hello</p>", 10, 1);
        JsonObject created = Json.createReader(new java.io.StringReader(
                        sluice.raw("GET", "audit?targetType=campaign&target=" + campaign, null, null)
                                .body()))
                .readArray()
                .getJsonObject(0);
        String expected = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(java.time.ZoneId.of(zone))
                .format(java.time.Instant.parse(created.getString("occurredAt")));
        try (Browser browser = new Browser(BASE)) {
            browser.timeZone(zone);
            browser.login(SluiceUsers.ADMIN.user(), SluiceUsers.ADMIN.password());
            browser.open("/audit.xhtml");
            browser.awaitText("audit:table", expected, Duration.ofSeconds(10));
            assertTrue(browser.pageText().contains(zone), "the header names the zone");
            browser.screenshot("audit-in-browser-zone");
        }
    }

    @Test
    void theMonitorListsTheCampaignsBouncesAndComplaints() throws Exception {
        long campaign = sluice.createCampaign("console bounces", "Hi", "Hello", "<p>Hello</p>", 10, 1);
        sluice.importCsv(campaign, "email,name\nbounced@bounce.example.org,B\ncomplained@bounce.example.org,C\n");
        List<List<Object>> recipients =
                database.rows("SELECT id FROM recipient WHERE campaign_id = ? ORDER BY id", campaign);
        // Recorded as the bounce reader records them (BounceIT and ComplaintIT test the reading itself).
        database.execute(
                "INSERT INTO bounce (id, campaign_id, recipient_id, kind, action, status, diagnostic, final_recipient,"
                        + " matched_by, report_id, received_at) VALUES (9000001, " + campaign + ", "
                        + recipients.get(0).get(0) + ", 'HARD', 'failed', '5.1.1', 'smtp; 550 5.1.1 no such user',"
                        + " 'bounced@bounce.example.org', 'VERP', 'console-report-1', CURRENT_TIMESTAMP)",
                "INSERT INTO bounce (id, campaign_id, recipient_id, kind, action, status, diagnostic, final_recipient,"
                        + " matched_by, report_id, received_at) VALUES (9000002, " + campaign + ", "
                        + recipients.get(1).get(0) + ", 'COMPLAINT', null, null, 'abuse report',"
                        + " 'complained@bounce.example.org', 'VERP', 'console-report-2', CURRENT_TIMESTAMP)");

        try (Browser browser = new Browser(BASE)) {
            browser.login(SluiceUsers.VIEWER.user(), SluiceUsers.VIEWER.password());
            browser.open("/monitor.xhtml?id=" + campaign);
            browser.awaitText("monitor:bounceList", "5.1.1", Duration.ofSeconds(10));
            String list = browser.text("monitor:bounceList");
            assertTrue(list.contains("HARD") && list.contains("bounced@bounce.example.org"), list);
            assertTrue(list.contains("COMPLAINT") && list.contains("complained@bounce.example.org"), list);
            browser.scrollTo("monitor:bounceList");
            browser.screenshot("monitor-bounces");
        }
    }

    @Test
    void everyScreenHasNoSeriousOrCriticalAccessibilityViolations() throws Exception {
        long campaign = sluice.createCampaign("console a11y", "Hi {{name}}", "Hello", "<p>Hello</p>", 10, 1);
        sluice.importCsv(campaign, SampleCsv.recipients(3).replace("@example.org", "@a11y.example.org"));
        Map<String, List<String>> violations = new java.util.LinkedHashMap<>();
        try (Browser browser = new Browser(BASE)) {
            browser.open("/login.xhtml");
            violations.put("login", browser.seriousAccessibilityViolations());
            browser.login(SluiceUsers.ADMIN.user(), SluiceUsers.ADMIN.password());
            for (String page : List.of(
                    "/campaigns.xhtml",
                    "/campaign.xhtml",
                    "/campaign.xhtml?id=" + campaign,
                    "/recipients.xhtml?id=" + campaign,
                    "/monitor.xhtml?id=" + campaign,
                    "/mtas.xhtml",
                    "/mta.xhtml?name=default",
                    "/history.xhtml",
                    "/suppressions.xhtml",
                    "/audit.xhtml",
                    "/webhooks.xhtml")) {
                browser.open(page);
                browser.awaitAjax();
                violations.put(page, browser.seriousAccessibilityViolations());
            }
        }
        violations.values().removeIf(List::isEmpty);
        assertTrue(violations.isEmpty(), "axe-core (WCAG 2.1 A/AA), serious or critical: " + violations);

        // On a phone's 420 px, the campaign names (the links to their monitors) stay on screen.
        try (Browser browser = new Browser(BASE)) {
            browser.resize(420, 900);
            browser.login(SluiceUsers.VIEWER.user(), SluiceUsers.VIEWER.password());
            browser.open("/campaigns.xhtml");
            browser.awaitText("campaigns:table", "console a11y", Duration.ofSeconds(10));
            browser.screenshot("campaigns-420px");
            assertTrue(browser.allWithinWidth("a[id$=':monitor']"), "every campaign's link within 420 px");
        }
    }

    @Test
    void anOperatorSchedulesACampaignsStartAndCancelsIt() throws Exception {
        long campaign = sluice.createCampaign("console scheduled", "Hi", "Hello", "<p>Hello</p>", 10, 1);
        String nextYear = (java.time.Year.now().getValue() + 1) + "-01-15 09:30";

        try (Browser browser = new Browser(BASE)) {
            browser.login(SluiceUsers.OPERATOR.user(), SluiceUsers.OPERATOR.password());
            browser.open("/monitor.xhtml?id=" + campaign);
            browser.type("monitor:startAt_input", nextYear);
            browser.click("monitor:scheduleStart");
            browser.awaitText("monitor:scheduled", "Starts by itself at " + nextYear, Duration.ofSeconds(10));
            browser.screenshot("monitor-scheduled");
            JsonObject details = sluice.progress(campaign);
            assertTrue(details.containsKey("scheduledStart"), details.toString());

            browser.open("/campaigns.xhtml");
            browser.awaitText("campaigns:table", "starts " + nextYear, Duration.ofSeconds(10));

            browser.open("/monitor.xhtml?id=" + campaign);
            browser.click("monitor:cancelSchedule");
            browser.await(
                    "the schedule gone",
                    Duration.ofSeconds(10),
                    d -> !browser.present("monitor:scheduled") ? true : null);
        }
        assertFalse(sluice.progress(campaign).containsKey("scheduledStart"));
        assertEquals("DRAFT", sluice.progress(campaign).getString("status"));
    }

    @Test
    void anOperatorKeepsACampaignToASendingWindowItWaitsOutsideAndResumesWhenTheWindowIsRemoved() throws Exception {
        registerConsoleMta();
        long campaign = sluice.createCampaign("console window", 10, 1, List.of("console-mta"), 600);
        sluice.importCsv(campaign, SampleCsv.recipients(3).replace("@example.org", "@window.example.org"));
        // The form's zone is the browser's: a window that opens in two hours there is closed now.
        String zone = "Asia/Seoul";
        java.time.LocalTime now = java.time.LocalTime.now(java.time.ZoneId.of(zone));
        java.time.format.DateTimeFormatter hours = java.time.format.DateTimeFormatter.ofPattern("HH:mm");
        try (Browser browser = new Browser(BASE)) {
            browser.timeZone(zone);
            browser.login(SluiceUsers.OPERATOR.user(), SluiceUsers.OPERATOR.password());
            browser.open("/monitor.xhtml?id=" + campaign);
            browser.type("monitor:windowFrom", hours.format(now.plusHours(2)));
            browser.type("monitor:windowUntil", hours.format(now.plusHours(3)));
            browser.click("monitor:applyWindow");
            browser.awaitText("monitor:windowShown", "closed now, opens", Duration.ofSeconds(10));
            assertTrue(browser.text("monitor:windowShown").contains(zone), browser.text("monitor:windowShown"));
            JsonObject window = sluice.progress(campaign).getJsonObject("sendingWindow");
            assertEquals(zone, window.getString("timeZone"), window.toString());
            assertEquals(hours.format(now.plusHours(2)), window.getString("from"));

            sluice.send(campaign);
            browser.awaitText("monitor:status", "Waiting for sending window", Duration.ofSeconds(30));
            browser.awaitText("monitor:waitingForWindow", "Outside its sending window", Duration.ofSeconds(10));
            assertTrue(browser.present("monitor:stop"), "a waiting campaign can be stopped");
            assertFalse(browser.present("monitor:restart"), "it resumes by itself: no Restart");
            browser.screenshot("monitor-waiting-for-window");
            assertEquals(0, received("@window.example.org"), "nothing sent outside the window");

            browser.click("monitor:removeWindow");
            browser.awaitText("monitor:status", "Completed", Duration.ofSeconds(60));
            browser.screenshot("monitor-window-removed");
        }
        assertEquals(3, received("@window.example.org"), "each recipient mailed once the window was removed");
        assertEquals("COMPLETED", sluice.progress(campaign).getString("status"));
    }

    @Test
    void aBookmarkedMonitorOrCampaignPageOpensRightAfterTheLogin() throws Exception {
        long campaign = sluice.createCampaign("console bookmark", "Hi {{name}}", "Hello", "<p>Hello</p>", 10, 1);

        try (Browser browser = new Browser(BASE)) {
            browser.open("/monitor.xhtml?id=" + campaign);
            browser.loginOnThisPage(SluiceUsers.VIEWER.user(), SluiceUsers.VIEWER.password());
            browser.await(
                    "the bookmarked monitor",
                    Duration.ofSeconds(20),
                    d -> d.getCurrentUrl().endsWith("/monitor.xhtml?id=" + campaign));
            browser.awaitText("monitor:status", "Draft", Duration.ofSeconds(10));
            assertTrue(browser.pageText().contains("Monitor: console bookmark"), browser.pageText());
            browser.logout();

            browser.open("/campaign.xhtml?id=" + campaign);
            browser.loginOnThisPage(SluiceUsers.VIEWER.user(), SluiceUsers.VIEWER.password());
            browser.await(
                    "the bookmarked campaign",
                    Duration.ofSeconds(20),
                    d -> d.getCurrentUrl().endsWith("/campaign.xhtml?id=" + campaign));
            assertEquals("console bookmark", browser.find("campaign:name").getDomProperty("value"));
            browser.screenshot("campaign-from-bookmark");
        }
    }

    @Test
    void aBookmarkToACampaignThatDoesNotExistSaysSo() throws Exception {
        try (Browser browser = new Browser(BASE)) {
            browser.open("/monitor.xhtml?id=987654321");
            browser.loginOnThisPage(SluiceUsers.VIEWER.user(), SluiceUsers.VIEWER.password());
            browser.await(
                    "the not-found page",
                    Duration.ofSeconds(20),
                    d -> d.getTitle().startsWith("Not found"));
            String text = browser.pageText();
            assertTrue(text.contains("No campaign with id '987654321'."), text);
            assertFalse(text.contains("Exception") || text.contains("at org."), text);
            browser.screenshot("monitor-not-found");
            browser.clickLink("Campaigns");
            browser.awaitText("campaigns:table", "", Duration.ofSeconds(10));
        }
    }

    @Test
    void aBrowserAskingForKoreanGetsEveryScreenInKoreanWithNoSeriousAccessibilityViolations() throws Exception {
        long campaign = sluice.createCampaign("console 한국어", "Hi {{name}}", "Hello", "<p>Hello</p>", 10, 1);
        sluice.importCsv(campaign, SampleCsv.recipients(3).replace("@example.org", "@ko.example.org"));
        Map<String, List<String>> violations = new java.util.LinkedHashMap<>();
        try (Browser browser = new Browser(BASE, "ko")) {
            browser.open("/login.xhtml");
            assertKorean(browser, "login", "사용자 이름");
            violations.put("login", browser.seriousAccessibilityViolations());
            browser.screenshot("login-ko");
            browser.login(SluiceUsers.ADMIN.user(), SluiceUsers.ADMIN.password());
            // Each screen with a label only the Korean bundle has.
            Map<String, String> screens = new java.util.LinkedHashMap<>();
            screens.put("/campaigns.xhtml", "발송 / 전체");
            screens.put("/campaign.xhtml", "새 캠페인");
            screens.put("/campaign.xhtml?id=" + campaign, "테스트 발송");
            screens.put("/recipients.xhtml?id=" + campaign, "CSV 파일 업로드");
            screens.put("/monitor.xhtml?id=" + campaign, "예약 시작");
            screens.put("/mtas.xhtml", "발송 허용");
            screens.put("/mta.xhtml?name=default", "발송 허용 임계값");
            screens.put("/history.xhtml", "이력 보기");
            screens.put("/suppressions.xhtml", "수신 거부 목록");
            screens.put("/audit.xhtml", "감사 로그");
            screens.put("/webhooks.xhtml", "수신 URL");
            for (Map.Entry<String, String> screen : screens.entrySet()) {
                browser.open(screen.getKey());
                browser.awaitAjax();
                assertKorean(browser, screen.getKey(), screen.getValue());
                assertTrue(browser.pageText().contains("로그아웃"), screen.getKey() + ": the header in Korean");
                violations.put(screen.getKey(), browser.seriousAccessibilityViolations());
                browser.screenshot(screen.getKey()
                                .substring(1)
                                .replace(".xhtml", "")
                                .replaceAll("[^a-z]+", "-")
                                .replaceAll("-$", "")
                        + "-ko");
            }

            // A message from the console itself, and numbers as Korean writes them.
            browser.open("/history.xhtml");
            browser.type("search:address", "asked@@ko.example.org");
            browser.click("search:show");
            browser.await(
                    "the Korean message about the malformed address",
                    Duration.ofSeconds(10),
                    d -> browser.pageText().contains("올바른 이메일 주소가 아닙니다") ? true : null);
            browser.screenshot("history-refused-ko");

            // Refusals of the services in Korean too; the REST API says the same in English.
            browser.open("/campaign.xhtml?id=" + campaign);
            browser.type("campaign:from", "news@@ko.example.org");
            browser.click("campaign:save");
            browser.await(
                    "the Korean refusal of the From address",
                    Duration.ofSeconds(10),
                    d -> browser.pageText().contains("보낸 사람 주소 'news@@ko.example.org'은(는) 올바른 이메일 주소가 아닙니다.")
                            ? true
                            : null);
            assertFalse(browser.pageText().contains("is invalid"), browser.pageText());
            browser.screenshot("campaign-refused-ko");
            long empty = sluice.createCampaign("console 한국어 빈", "Hi", "Hello", "<p>Hello</p>", 10, 1);
            browser.open("/monitor.xhtml?id=" + empty);
            browser.find("monitor:start").click();
            browser.await(
                    "the confirmation dialog",
                    Duration.ofSeconds(5),
                    d -> d.findElement(org.openqa.selenium.By.id("confirmYes")).isDisplayed());
            browser.click("confirmYes");
            browser.await(
                    "the Korean refusal to start a campaign without recipients",
                    Duration.ofSeconds(10),
                    d -> browser.pageText().contains("캠페인 " + empty + "에 수신자가 없습니다. 먼저 수신자를 가져오세요.") ? true : null);
            browser.screenshot("monitor-refused-ko");

            // Campaign and job states in words, not their codes; the badge keeps the code as its class.
            browser.open("/campaigns.xhtml");
            browser.awaitText("campaigns:table", "console 한국어", Duration.ofSeconds(10));
            assertTrue(browser.text("campaigns:table").contains("초안"), browser.text("campaigns:table"));
            assertFalse(browser.text("campaigns:table").contains("DRAFT"), browser.text("campaigns:table"));
            browser.open("/campaign.xhtml?id=" + campaign);
            assertEquals("초안", browser.text("state"));
            browser.open("/monitor.xhtml?id=" + campaign);
            browser.awaitText("monitor:status", "초안", Duration.ofSeconds(10));
            assertKorean(browser, "monitor", "발송 시간대");
            assertTrue(browser.find("monitor:status").getAttribute("class").contains("sluice-badge-DRAFT"));
            browser.screenshot("monitor-state-ko");
            browser.open("/recipients.xhtml?id=" + campaign);
            assertEquals("초안", browser.text("campaignStatus"));
            Path csv = Files.createTempFile("console-ko", ".csv");
            Files.writeString(csv, "email,name\nmore@ko.example.org,More\n");
            browser.upload("upload:csv_input", csv);
            browser.awaitText("recipients:importCounts", "완료", Duration.ofSeconds(60));
            assertFalse(browser.text("recipients:importCounts").contains("COMPLETED"));
            browser.screenshot("recipients-imported-ko");

            // The error pages, written outside Faces, answer in the browser's language too.
            browser.open("/monitor.xhtml?id=987654321");
            browser.await(
                    "the Korean not-found page",
                    Duration.ofSeconds(10),
                    d -> d.getTitle().startsWith("찾을 수 없음"));
            assertEquals("ko", browser.htmlLang());
            assertTrue(browser.pageText().contains("ID가 '987654321'인 캠페인이 없습니다."), browser.pageText());
            browser.screenshot("not-found-ko");
        }
        violations.values().removeIf(List::isEmpty);
        assertTrue(violations.isEmpty(), "axe-core (WCAG 2.1 A/AA) in Korean, serious or critical: " + violations);
    }

    @Test
    void theHeaderSwitchChangesTheLanguageForTheSessionAndStaysOnThePage() throws Exception {
        long campaign = sluice.createCampaign("console switch", "Hi {{name}}", "Hello", "<p>Hello</p>", 10, 1);

        try (Browser browser = new Browser(BASE)) {
            browser.open("/login.xhtml");
            assertEquals("en", browser.htmlLang());
            assertTrue(browser.pageText().contains("User name"), browser.pageText());
            browser.find("language:ko").click();
            browser.await("the login page in Korean", Duration.ofSeconds(10), d -> "ko".equals(browser.htmlLang()));
            assertTrue(browser.url().endsWith("/login.xhtml"), browser.url());
            assertKorean(browser, "login", "비밀번호");
            assertEquals("true", browser.find("language:ko").getDomAttribute("aria-pressed"));

            // The choice outlives the login: the session keeps it.
            browser.loginOnThisPage(SluiceUsers.VIEWER.user(), SluiceUsers.VIEWER.password());
            browser.open("/monitor.xhtml?id=" + campaign);
            browser.awaitText("monitor:status", "초안", Duration.ofSeconds(10));
            assertKorean(browser, "monitor", "모니터: console switch");

            browser.find("language:en").click();
            browser.await("the monitor in English", Duration.ofSeconds(10), d -> "en".equals(browser.htmlLang()));
            assertTrue(browser.url().endsWith("/monitor.xhtml?id=" + campaign), "the same page: " + browser.url());
            browser.awaitText("monitor:status", "Draft", Duration.ofSeconds(10));
            assertTrue(browser.pageText().contains("Monitor: console switch"), browser.pageText());
            assertFalse(browser.pageText().contains("로그아웃"), browser.pageText());
            browser.screenshot("monitor-switched-en");

            browser.find("language:ko").click();
            browser.await("the monitor in Korean", Duration.ofSeconds(10), d -> "ko".equals(browser.htmlLang()));
            assertTrue(browser.url().endsWith("/monitor.xhtml?id=" + campaign), "the same page: " + browser.url());
            assertKorean(browser, "monitor", "모니터: console switch");
            browser.awaitText("monitor:status", "초안", Duration.ofSeconds(10));
            browser.screenshot("monitor-switched-ko");

            // An error page follows the session's choice over the browser's English.
            browser.open("/no-such-page");
            browser.await(
                    "the Korean not-found page",
                    Duration.ofSeconds(10),
                    d -> d.getTitle().startsWith("찾을 수 없음"));
            assertEquals("ko", browser.htmlLang());
            assertTrue(browser.pageText().contains("이 주소에는 아무것도 없습니다."), browser.pageText());
        }
    }

    /** The page is declared Korean and shows {@code label}, and the header's switch says Korean is shown. */
    /** The MTA "console-mta": this JVM's SMTP server, unprobed, two connections. */
    private void registerConsoleMta() {
        sluice.putMta(
                "console-mta",
                Json.createObjectBuilder()
                        .add("host", "127.0.0.1")
                        .add("port", SMTP_PORT)
                        .add("maxConnections", 2)
                        .add("probeId", "")
                        .build());
    }

    private static void assertKorean(Browser browser, String page, String label) {
        assertEquals("ko", browser.htmlLang(), page + ": <html lang>");
        assertTrue(browser.pageText().contains(label), page + " shows '" + label + "':\n" + browser.pageText());
    }

    /** The text of the MTA dashboard's row for {@code mta}, or "" if it has none. */
    private static String mtaRow(org.openqa.selenium.WebDriver page, String mta) {
        return page.findElements(org.openqa.selenium.By.cssSelector("#mtas\\:table tr")).stream()
                .map(org.openqa.selenium.WebElement::getText)
                .filter(t -> t.startsWith(mta))
                .findFirst()
                .orElse("");
    }

    private static void openMonitor(Browser browser, String campaignName) {
        browser.open("/campaigns.xhtml");
        browser.awaitText("campaigns:table", campaignName, Duration.ofSeconds(10));
        browser.clickLink(campaignName);
        browser.await(
                "the monitor of " + campaignName,
                Duration.ofSeconds(10),
                d -> d.getCurrentUrl().contains("monitor.xhtml"));
    }

    /** The form preselects the "default" MTA; this campaign goes through console-mta only. */
    private static void deselectDefault(Browser browser) {
        browser.find("campaign:pool").findElements(org.openqa.selenium.By.cssSelector("label")).stream()
                .filter(l -> l.getText().equals("default"))
                .findFirst()
                .ifPresent(l -> l.click());
    }

    private static long received(String domain) {
        return Arrays.stream(smtp.getReceivedMessages())
                .map(ConsoleIT::to)
                .filter(a -> a.endsWith(domain))
                .count();
    }

    private static String to(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString().replaceAll(".*<(.*)>.*", "$1");
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
