package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Recipient imports as batch jobs in WildFly: CSV uploads with bad rows, and a query on a registered import source. */
@ExtendWith(ArquillianExtension.class)
class RecipientImportIT {

    private static final int PORT_OFFSET = 100;
    private final SluiceRest sluice = new SluiceRest(PORT_OFFSET);
    private final SluiceDatabase database = SluiceDatabase.suiteServer();

    @Deployment(testable = false)
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    @Test
    void csvWithBrokenRowsImportsTheGoodRowsAndReportsEachBadRowWithLineAndReason() {
        long campaign = sluice.createCampaign("broken csv", "Hi", "Hello {{name}}", "<p>Hello {{name}}</p>", 10, 1);
        String csv = SampleCsv.HEADER // line 1
                + "good1@example.org,Good One,G,Rome\n" // 2
                + "not-an-address,Bad,B,Oslo\n" // 3
                + "good2@example.org,Short Row,S\n" // 4
                + "good1@EXAMPLE.ORG,Same Person,G,Rome\n" // 5
                + "good3@example.org,\"Two\nLines\",T,Lima\n" // 6-7
                + "bad@@example.org,Bad,B,Kyiv\n" // 8
                + "good4@example.org,Good Four,G,Bern\n"; // 9

        JsonObject imported = sluice.importCsv(campaign, csv);

        assertEquals("COMPLETED", imported.getString("batchStatus"), imported.toString());
        JsonObject counts = imported.getJsonObject("counts");
        assertEquals(2, counts.getInt("imported"));
        assertEquals(4, counts.getInt("rejected"));
        assertEquals(1, counts.getInt("duplicates"));
        Map<Integer, String> reasons = sluice.rejections(campaign).stream()
                .map(JsonObject.class::cast)
                .collect(Collectors.toMap(r -> r.getInt("line"), r -> r.getString("reason")));
        assertAll(
                () -> assertEquals(Set.of(3, 4, 5, 7, 8), reasons.keySet(), reasons.toString()),
                () -> assertTrue(reasons.get(3).startsWith("invalid address 'not-an-address'"), reasons.get(3)),
                () -> assertEquals("expected 4 columns but found 3", reasons.get(4)),
                () -> assertEquals("duplicate address good1@EXAMPLE.ORG (same as line 2)", reasons.get(5)),
                () -> assertEquals("name contains a line break or control character", reasons.get(7)),
                () -> assertTrue(reasons.get(8).startsWith("invalid address 'bad@@example.org'"), reasons.get(8)));
        assertEquals(
                Set.of("good1@example.org", "good4@example.org"),
                database.recipients(campaign).keySet());
        assertEquals(2, sluice.progress(campaign).getJsonObject("counts").getInt("pending"));
        database.assertCountsEqualARecount(campaign);
    }

    @Test
    void secondImportRejectsAddressesTheCampaignHasNamingTheirFirstLineAndStoresNothingTwice() {
        long campaign = sluice.createCampaign("two imports", "Hi", "Hello {{name}}", "<p>Hello {{name}}</p>", 10, 1);
        // Quotes, wildcards and a comment marker in local parts: the duplicate check binds them, never splices them.
        JsonObject first = sluice.importCsv(
                campaign,
                SampleCsv.HEADER // line 1
                        + "a@example.org,A,A,Rome\n" // 2
                        + "o'brien@example.org,O,O,Cork\n" // 3
                        + "\"100%_--@example.org\",P,P,Nice\n"); // 4
        assertEquals("COMPLETED", first.getString("batchStatus"), first.toString());
        assertEquals(3, first.getJsonObject("counts").getInt("imported"));

        JsonObject second = sluice.importCsv(
                campaign,
                SampleCsv.HEADER // line 1
                        + "O'BRIEN@example.org,Other case,O,Cork\n" // 2: a local part keeps its case
                        + "o'brien@EXAMPLE.ORG,Same,O,Cork\n" // 3
                        + "100%_--@example.org,Same,P,Nice\n" // 4
                        + "100x_--@example.org,Not the same,P,Nice\n"); // 5

        assertEquals("COMPLETED", second.getString("batchStatus"), second.toString());
        assertEquals(2, second.getJsonObject("counts").getInt("imported"));
        assertEquals(2, second.getJsonObject("counts").getInt("duplicates"));
        List<String> reasons = sluice.rejections(campaign).stream()
                .map(JsonObject.class::cast)
                .map(r -> r.getString("reason"))
                .toList();
        assertEquals(
                Set.of(
                        "duplicate address o'brien@EXAMPLE.ORG (already in the campaign from line 3)",
                        "duplicate address 100%_--@example.org (already in the campaign from line 4)"),
                Set.copyOf(reasons),
                reasons.toString());
        assertEquals(
                Set.of(
                        "a@example.org",
                        "o'brien@example.org",
                        "100%_--@example.org",
                        "O'BRIEN@example.org",
                        "100x_--@example.org"),
                database.recipients(campaign).keySet());
        database.assertCountsEqualARecount(campaign);
    }

    @Test
    void queryOnARegisteredCustomerDatabaseImportsItsRowsWithTheirColumnsAsMergeFields() throws Exception {
        CustomerDatabase customers = CustomerDatabase.offered(
                PORT_OFFSET,
                "1, 'ada@example.org', 'Ada Lovelace', 'gold'",
                "2, 'alan@example.org', 'Alan Turing', 'silver'",
                "3, 'nobody-at-example.org', 'Broken', 'none'",
                "4, 'grace@example.org', 'Grace Hopper', 'gold'");
        long campaign = sluice.createCampaign(
                "from the customer db", "Your {{tier}} offer", "Dear {{name}}", "<p>Dear {{name}}</p>", 10, 1);

        JsonObject imported = sluice.importQuery(
                campaign, "customers", "SELECT mail AS email, full_name AS name, tier FROM customer ORDER BY id");

        assertEquals("COMPLETED", imported.getString("batchStatus"), imported.toString());
        assertEquals(3, imported.getJsonObject("counts").getInt("imported"));
        assertEquals(1, imported.getJsonObject("counts").getInt("rejected"));
        JsonObject rejected = sluice.rejections(campaign).getJsonObject(0);
        assertEquals(3, rejected.getInt("line"), "row number in the query result");
        assertTrue(
                rejected.getString("reason").startsWith("invalid address 'nobody-at-example.org'"),
                rejected.toString());
        assertEquals(
                Set.of("ada@example.org", "alan@example.org", "grace@example.org"),
                database.recipients(campaign).keySet());
        assertEquals("{\"tier\":\"gold\"}", database.mergeValues(campaign, "ada@example.org"));
        database.assertCountsEqualARecount(campaign);
        assertEquals(4, customers.fullNames().size(), "the source is only read");
    }

    @Test
    void queryThatIsNotASelectIsRefusedWithTheReasonBeforeAnyJobStarts() throws Exception {
        CustomerDatabase customers =
                CustomerDatabase.offered(PORT_OFFSET, "1, 'ada@example.org', 'Ada Lovelace', 'gold'");
        long campaign = sluice.createCampaign("bad query", "Hi", "Hello", "<p>Hello</p>", 10, 1);

        HttpResponse<String> refused = sluice.raw(
                "POST",
                "campaigns/" + campaign + "/recipients/query",
                "application/json",
                SluiceRest.queryImport("customers", "DELETE FROM customer"));

        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("the recipient query must be a SELECT"), refused.body());
        assertEquals(Map.of(), database.recipients(campaign));
        database.assertCountsEqualARecount(campaign);
        assertEquals(List.of("Ada Lovelace"), customers.fullNames());
    }
}
