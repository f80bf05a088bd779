package org.sluice.suppression.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sluice.suppression.entity.Suppression;
import org.sluice.suppression.entity.SuppressionReason;

class SuppressionCsvTest {

    @Test
    void rowsComeWithTheirLineAndTheOptionalDetailWhateverTheHeadersCaseAndOrder() {
        List<SuppressionCsv.Row> rows = SuppressionCsv.rows(
                new StringReader("\uFEFFDetail,EMAIL\nasked by phone,one@example.org\n\n,two@example.org\n"), 10);

        assertEquals(
                List.of(
                        new SuppressionCsv.Row(2, "one@example.org", "asked by phone"),
                        new SuppressionCsv.Row(4, "two@example.org", "")),
                rows);
    }

    @Test
    void aRecordOverTwoLinesIsReportedAtTheLineItEnds() {
        List<SuppressionCsv.Row> rows = SuppressionCsv.rows(
                new StringReader("email,detail\n\"a@example.org\",\"two\nlines\"\nb@example.org,x\n"), 10);

        assertEquals(3, rows.get(0).line());
        assertEquals(4, rows.get(1).line());
    }

    @Test
    void aFileWithoutAnEmailColumnOrOverTheLimitOrNotCsvOrNotUtf8IsRefusedWithTheReason() {
        assertEquals(
                "line 1: the header row names no 'email' column (it names [address, detail])",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> SuppressionCsv.rows(new StringReader("address,detail\nx@example.org,y\n"), 10))
                        .getMessage());
        assertEquals(
                "line 4: more than 2 rows; split the file",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> SuppressionCsv.rows(
                                        new StringReader("email\na@example.org\nb@example.org\nc@example.org\n"), 2))
                        .getMessage());
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> SuppressionCsv.rows(new StringReader("email\n\"a@example.org\n"), 10))
                .getMessage()
                .startsWith("malformed CSV: "));
        byte[] latin1 = "email\nj\u00e9r\u00f4me@example.org\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(
                "the file is not UTF-8: save it as UTF-8",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> SuppressionCsv.rows(
                                        new InputStreamReader(
                                                new ByteArrayInputStream(latin1),
                                                StandardCharsets.UTF_8
                                                        .newDecoder()
                                                        .onMalformedInput(CodingErrorAction.REPORT)),
                                        10))
                        .getMessage());
    }

    @Test
    void theExportQuotesWhatCsvNeedsQuoted() {
        StringWriter out = new StringWriter();
        var printer = SuppressionCsv.printer(out);
        SuppressionCsv.print(
                printer,
                new Suppression(
                        "x@example.org",
                        "x@example.org",
                        SuppressionReason.ADMIN,
                        "said \"stop\", twice",
                        null,
                        Instant.parse("2026-12-07T10:00:00Z")));

        assertEquals(
                "email,reason,detail,campaign_id,suppressed_at\r\n"
                        + "x@example.org,ADMIN,\"said \"\"stop\"\", twice\",,2026-12-07T10:00:00Z\r\n",
                out.toString());
    }
}
