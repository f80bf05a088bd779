package org.sluice.recipient.control;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecipientCsvReaderTest {

    @Test
    void everyDataRowBecomesARecipientCarryingItsPhysicalLine() throws IOException {
        List<ParsedRow> rows = readAll("""
                email,name,city
                alice@example.org,Alice,Oxford
                bob@example.org,Bob,Bristol
                """);

        assertEquals(2, rows.size());
        ValidRow alice = assertInstanceOf(ValidRow.class, rows.get(0));
        ValidRow bob = assertInstanceOf(ValidRow.class, rows.get(1));
        assertAll(
                () -> assertEquals(2, alice.lineNumber()),
                () -> assertEquals("alice@example.org", alice.address().address()),
                () -> assertEquals("Alice", alice.displayName()),
                () -> assertEquals(Map.of("city", "Oxford"), alice.mergeValues()),
                () -> assertEquals(3, bob.lineNumber()),
                () -> assertEquals("bob@example.org", bob.address().address()));
    }

    @Test
    void headerDecidesTheMergeFields() throws IOException {
        try (RecipientCsvReader reader = new RecipientCsvReader(new StringReader("email,first_name,plan\n"))) {
            assertEquals(List.of("first_name", "plan"), reader.columns().mergeFields());
        }
    }

    @Test
    void rejectedRowsNameTheLineAnAdminWouldOpen() throws IOException {
        List<ParsedRow> rows = readAll("""
                email,name
                alice@example.org,Alice
                not-an-address,Nobody
                bob@example.org
                carol@example.org,Carol
                """);

        assertEquals(
                List.of(2L, 3L, 4L, 5L),
                rows.stream().map(ParsedRow::lineNumber).toList());
        assertInstanceOf(ValidRow.class, rows.get(0));
        RejectedRow invalid = assertInstanceOf(RejectedRow.class, rows.get(1));
        RejectedRow shortRow = assertInstanceOf(RejectedRow.class, rows.get(2));
        assertAll(
                () -> assertTrue(invalid.reason().contains("not-an-address"), invalid.reason()),
                () -> assertEquals("not-an-address,Nobody", invalid.content()),
                () -> assertEquals("expected 2 columns but found 1", shortRow.reason()),
                () -> assertEquals("bob@example.org", shortRow.content()));
        assertInstanceOf(ValidRow.class, rows.get(3));
    }

    @Test
    void quotedFieldSpanningLinesIsOneRowAndLaterLinesKeepTheirNumbers() throws IOException {
        List<ParsedRow> rows = readAll("""
                email,name,note
                alice@example.org,Alice,"first line
                second line"
                broken,Bob,x
                carol@example.org,Carol,y
                """);

        assertEquals(3, rows.size());
        ValidRow alice = assertInstanceOf(ValidRow.class, rows.get(0));
        RejectedRow broken = assertInstanceOf(RejectedRow.class, rows.get(1));
        assertAll(
                () -> assertEquals(
                        "first line\nsecond line", alice.mergeValues().get("note")),
                () -> assertEquals(4, broken.lineNumber()),
                () -> assertEquals(5, rows.get(2).lineNumber()));
    }

    @Test
    void lineBreakInAQuotedNameRejectsTheRowAtItsLastLine() throws IOException {
        List<ParsedRow> rows = readAll("""
                email,name
                eve@example.org,"Eve
                Bcc: victim@example.net"
                """);

        RejectedRow rejection = assertInstanceOf(RejectedRow.class, rows.get(0));
        assertAll(
                () -> assertEquals(3, rejection.lineNumber()),
                () -> assertEquals("name contains a line break or control character", rejection.reason()),
                () -> assertEquals("eve@example.org,Eve Bcc: victim@example.net", rejection.content()));
    }

    @Test
    void blankLinesAreSkippedButCounted() throws IOException {
        List<ParsedRow> rows = readAll("email\n\nalice@example.org\n\n\nnope\n");

        assertEquals(List.of(3L, 6L), rows.stream().map(ParsedRow::lineNumber).toList());
        assertInstanceOf(RejectedRow.class, rows.get(1));
    }

    @Test
    void crlfLineEndingsCountOneLineEach() throws IOException {
        List<ParsedRow> rows = readAll("email\r\nalice@example.org\r\nnope\r\n");

        assertEquals(List.of(2L, 3L), rows.stream().map(ParsedRow::lineNumber).toList());
    }

    @Test
    void lastRowWithoutTrailingLineBreakKeepsItsLineNumber() throws IOException {
        List<ParsedRow> rows = readAll("email\nalice@example.org\nnope");

        assertEquals(List.of(2L, 3L), rows.stream().map(ParsedRow::lineNumber).toList());
    }

    @Test
    void quotedCommasAndQuotesAreValuesNotSeparators() throws IOException {
        ValidRow row = assertInstanceOf(ValidRow.class, readAll("""
                email,name,city
                alice@example.org,"Liddell, Alice ""Al\""","Oxford, UK"
                """).get(0));

        assertEquals("Liddell, Alice \"Al\"", row.displayName());
        assertEquals("Oxford, UK", row.mergeValues().get("city"));
    }

    @Test
    void byteOrderMarkFromASpreadsheetExportDoesNotHideTheEmailColumn() throws IOException {
        List<ParsedRow> rows = readAll("\uFEFFemail,name\nalice@example.org,Alice\n");

        assertInstanceOf(ValidRow.class, rows.get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "\n\n\r\n"})
    void emptyFileIsRejectedAskingForAHeader(String content) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new RecipientCsvReader(new StringReader(content)));

        assertEquals("the file is empty: expected a header row naming an 'email' column", e.getMessage());
    }

    @Test
    void headerWithoutEmailIsRejectedBeforeAnyRowIsRead() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new RecipientCsvReader(new StringReader("name,city\nAlice,Oxford\n")));

        assertEquals("header has no 'email' column (found: name, city)", e.getMessage());
    }

    @Test
    void headerWithDuplicateColumnIsRejected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new RecipientCsvReader(new StringReader("email,city,email\n")));

        assertEquals("header column 3 'email' appears twice", e.getMessage());
    }

    @Test
    void headerWithTrailingSeparatorIsRejectedAsEmptyFieldName() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new RecipientCsvReader(new StringReader("email,name,\n")));

        assertTrue(e.getMessage().startsWith("header column 3 '' is not a valid field name"), e.getMessage());
    }

    @Test
    void unclosedQuoteFailsTheImportNamingTheLineWhereItStarted() throws IOException {
        try (RecipientCsvReader reader = new RecipientCsvReader(new StringReader("""
                email,name
                alice@example.org,Alice
                bob@example.org,"Bob
                carol@example.org,Carol
                """))) {
            assertInstanceOf(ValidRow.class, reader.next());

            IOException e = assertThrows(IOException.class, reader::next);

            assertTrue(e.getMessage().startsWith("malformed CSV near line 3:"), e.getMessage());
        }
    }

    @Test
    void textAfterAClosingQuoteFailsTheImportNamingItsLine() throws IOException {
        try (RecipientCsvReader reader = new RecipientCsvReader(new StringReader("""
                email,name
                alice@example.org,Alice
                bob@example.org,"Bob"by
                carol@example.org,Carol
                """))) {
            assertInstanceOf(ValidRow.class, reader.next());

            IOException e = assertThrows(IOException.class, reader::next);

            assertTrue(e.getMessage().startsWith("malformed CSV near line 3:"), e.getMessage());
        }
    }

    @Test
    void malformedHeaderFailsAsMalformedCsvOnLineOne() {
        IOException e = assertThrows(
                IOException.class,
                () -> new RecipientCsvReader(new StringReader("email,\"name\ncarol@example.org,Carol\n")));

        assertTrue(e.getMessage().startsWith("malformed CSV near line 1:"), e.getMessage());
    }

    @Test
    void readingToTheEndCountsEveryRowWithoutJudgingAddresses() throws IOException {
        try (RecipientCsvReader reader = new RecipientCsvReader(new StringReader("""
                email,name
                alice@example.org,Alice
                not an address,Bob

                "carol@example.org","Carol
                Smith"
                dave@example.org
                """))) {
            assertEquals(4, reader.readToEnd());
            assertNull(reader.next());
        }
    }

    @Test
    void readingToTheEndFailsAtMalformedCsvNamingItsLine() throws IOException {
        try (RecipientCsvReader reader = new RecipientCsvReader(new StringReader("""
                email,name
                alice@example.org,Alice
                bob@example.org,"Bob" Jr
                carol@example.org,Carol
                """))) {
            IOException e = assertThrows(IOException.class, reader::readToEnd);

            assertTrue(e.getMessage().startsWith("malformed CSV near line 3:"), e.getMessage());
        }
    }

    @Test
    void skipResumesAfterTheRowsAlreadyImported() throws IOException {
        try (RecipientCsvReader reader = new RecipientCsvReader(new StringReader("""
                email
                a@example.org
                "b@example.org
                "
                c@example.org
                d@example.org
                """))) {
            reader.skip(2);

            ValidRow next = assertInstanceOf(ValidRow.class, reader.next());
            assertAll(
                    () -> assertEquals("c@example.org", next.address().address()),
                    () -> assertEquals(5, next.lineNumber()),
                    () -> assertEquals(3, reader.rowsRead()));
        }
    }

    @Test
    void skipCountsRejectedRowsToo() throws IOException {
        try (RecipientCsvReader reader =
                new RecipientCsvReader(new StringReader("email\nnope\nb@example.org\nc@example.org\n"))) {
            reader.skip(1);

            assertEquals(
                    "b@example.org",
                    assertInstanceOf(ValidRow.class, reader.next()).address().address());
        }
    }

    @Test
    void skippingPastTheEndLeavesNothingToRead() throws IOException {
        try (RecipientCsvReader reader = new RecipientCsvReader(new StringReader("email\na@example.org\n"))) {
            reader.skip(5);

            assertNull(reader.next());
            assertEquals(1, reader.rowsRead());
        }
    }

    @Test
    void readingPastTheEndKeepsReturningNull() throws IOException {
        try (RecipientCsvReader reader = new RecipientCsvReader(new StringReader("email\na@example.org\n"))) {
            reader.next();

            assertNull(reader.next());
            assertNull(reader.next());
        }
    }

    private static List<ParsedRow> readAll(String csv) throws IOException {
        return readAll(new StringReader(csv));
    }

    private static List<ParsedRow> readAll(Reader csv) throws IOException {
        List<ParsedRow> rows = new ArrayList<>();
        try (RecipientCsvReader reader = new RecipientCsvReader(csv)) {
            for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void bytesThatAreNotUtf8AreReportedWithTheLineAndTheEncodingProblem() throws IOException {
        byte[] latin1 = "email,name\nok@example.org,Ok\nfran@example.org,Fran\u00e7ois\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        var strictUtf8 = java.nio.charset.StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT);
        IOException e = assertThrows(IOException.class, () -> {
            // The decoder reads ahead: the error may come while the header is read or a later row.
            try (RecipientCsvReader reader = new RecipientCsvReader(
                    new java.io.InputStreamReader(new java.io.ByteArrayInputStream(latin1), strictUtf8))) {
                while (reader.next() != null) {
                    // read until the bad bytes
                }
            }
        });
        assertTrue(e.getMessage().startsWith("the file is not UTF-8: invalid bytes at or after line"), e.getMessage());
    }
}
