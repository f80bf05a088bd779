package org.sluice.recipient.control;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecipientColumnsTest {

    private static final RecipientColumns EMAIL_NAME_CITY = RecipientColumns.of(List.of("email", "name", "city"));

    // --- header -------------------------------------------------------------------------------------------

    @Test
    void columnsOtherThanEmailAndNameBecomeMergeFieldsInHeaderOrder() {
        RecipientColumns columns = RecipientColumns.of(List.of("first_name", "email", "city", "name", "Plan2"));

        assertEquals(List.of("first_name", "city", "Plan2"), columns.mergeFields());
        assertEquals(5, columns.size());
    }

    @Test
    void emailAndNameColumnsAreRecognisedInAnyCase() throws Exception {
        RecipientColumns columns = RecipientColumns.of(List.of("EMAIL", "Name"));

        ValidRow row = assertInstanceOf(ValidRow.class, columns.parse(2, List.of("a@example.org", "Alice"), ""));
        assertAll(
                () -> assertEquals(List.of(), columns.mergeFields()),
                () -> assertEquals("a@example.org", row.address().address()),
                () -> assertEquals("Alice", row.displayName()));
    }

    @Test
    void headerWithoutEmailColumnIsRejectedListingTheColumnsFound() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> RecipientColumns.of(List.of("name", "e_mail")));

        assertEquals("header has no 'email' column (found: name, e_mail)", e.getMessage());
    }

    @Test
    void columnAppearingTwiceIsRejectedNamingTheSecondOccurrence() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> RecipientColumns.of(List.of("email", "city", "City")));

        assertEquals("header column 3 'City' appears twice", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"first name", "1st", "first-name", "prénom", "", "{{x}}"})
    void columnThatCannotBeATemplateVariableIsRejected(String bad) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> RecipientColumns.of(List.of("email", bad)));

        assertEquals(
                "header column 2 '" + bad + "' is not a valid field name"
                        + " (letters, digits and _, not starting with a digit)",
                e.getMessage());
    }

    @Test
    void missingHeaderCellIsRejectedAsInvalidName() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> RecipientColumns.of(Arrays.asList("email", null)));

        assertTrue(e.getMessage().startsWith("header column 2 '' is not a valid field name"), e.getMessage());
    }

    @Test
    void whitespaceAroundColumnNamesIsIgnored() {
        assertEquals(
                List.of("city"),
                RecipientColumns.of(List.of(" email ", " city\t")).mergeFields());
    }

    @Test
    void byteOrderMarkBeforeTheFirstColumnIsIgnored() throws Exception {
        RecipientColumns columns = RecipientColumns.of(List.of("\uFEFFemail", "city"));

        assertEquals(List.of("city"), columns.mergeFields());
        assertInstanceOf(ValidRow.class, columns.parse(2, List.of("a@example.org", "Oslo"), ""));
    }

    @Test
    void byteOrderMarkBeforeTheFirstMergeFieldIsIgnored() {
        assertEquals(
                List.of("city"),
                RecipientColumns.of(List.of("\uFEFFcity", "email")).mergeFields());
    }

    @Test
    void byteOrderMarkInALaterColumnIsAnInvalidName() {
        assertThrows(IllegalArgumentException.class, () -> RecipientColumns.of(List.of("email", "\uFEFFcity")));
    }

    // --- rows ---------------------------------------------------------------------------------------------

    @Test
    void validRowBecomesARecipientWithItsLineNumberNameAndMergeValues() {
        ParsedRow parsed = EMAIL_NAME_CITY.parse(7, List.of("Alice@Example.org", "  Alice Liddell ", "Oxford"), "...");

        ValidRow row = assertInstanceOf(ValidRow.class, parsed);
        assertAll(
                () -> assertEquals(7, row.lineNumber()),
                () -> assertEquals("Alice@Example.org", row.address().address()),
                () -> assertEquals("Alice@example.org", row.address().key()),
                () -> assertEquals("Alice Liddell", row.displayName()),
                () -> assertEquals(Map.of("city", "Oxford"), row.mergeValues()));
    }

    @Test
    void mergeValuesAreKeyedByHeaderNameInHeaderOrderAndKeptVerbatim() {
        RecipientColumns columns = RecipientColumns.of(List.of("Plan", "email", "first_name", "city"));

        ValidRow row = assertInstanceOf(
                ValidRow.class, columns.parse(2, List.of("gold", "a@example.org", " Al ", "Oslo, Norway"), ""));

        assertEquals(
                List.of("Plan", "first_name", "city"),
                new ArrayList<>(row.mergeValues().keySet()));
        assertEquals(
                List.of("gold", " Al ", "Oslo, Norway"),
                new ArrayList<>(row.mergeValues().values()));
    }

    @Test
    void missingMergeValueBecomesEmpty() {
        ValidRow row = assertInstanceOf(
                ValidRow.class, EMAIL_NAME_CITY.parse(2, Arrays.asList("a@example.org", "Alice", null), ""));

        assertEquals(Map.of("city", ""), row.mergeValues());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void blankNameMeansNoDisplayName(String name) {
        ValidRow row =
                assertInstanceOf(ValidRow.class, EMAIL_NAME_CITY.parse(2, List.of("a@example.org", name, "Oslo"), ""));

        assertNull(row.displayName());
    }

    @Test
    void withoutANameColumnThereIsNoDisplayName() {
        RecipientColumns columns = RecipientColumns.of(List.of("email", "city"));

        ValidRow row = assertInstanceOf(ValidRow.class, columns.parse(2, List.of("a@example.org", "Oslo"), ""));

        assertNull(row.displayName());
        assertEquals(Map.of("city", "Oslo"), row.mergeValues());
    }

    @Test
    void rowWithTooFewColumnsIsRejectedWithCountsAndLine() {
        RejectedRow rejection = assertInstanceOf(
                RejectedRow.class, EMAIL_NAME_CITY.parse(4, List.of("a@example.org", "Alice"), "a@example.org,Alice"));

        assertAll(
                () -> assertEquals(4, rejection.lineNumber()),
                () -> assertEquals("expected 3 columns but found 2", rejection.reason()),
                () -> assertEquals("a@example.org,Alice", rejection.content()));
    }

    @Test
    void rowWithTooManyColumnsIsRejected() {
        RejectedRow rejection = assertInstanceOf(
                RejectedRow.class, EMAIL_NAME_CITY.parse(4, List.of("a@example.org", "Alice", "Oslo", "extra"), ""));

        assertEquals("expected 3 columns but found 4", rejection.reason());
    }

    @Test
    void rowWithInvalidAddressIsRejectedWithTheAddressProblem() {
        RejectedRow rejection = assertInstanceOf(
                RejectedRow.class,
                EMAIL_NAME_CITY.parse(
                        9, List.of("Alice <a@example.org>", "Alice", "Oslo"), "Alice <a@example.org>,Alice,Oslo"));

        assertAll(
                () -> assertEquals(9, rejection.lineNumber()),
                () -> assertEquals(
                        "'Alice <a@example.org>' is not a bare address (put the name in the name column)",
                        rejection.reason()));
    }

    @Test
    void rowWithEmptyAddressIsRejected() {
        RejectedRow rejection = assertInstanceOf(
                RejectedRow.class, EMAIL_NAME_CITY.parse(3, List.of("", "Alice", "Oslo"), ",Alice,Oslo"));

        assertEquals("address is empty", rejection.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Alice\r\nBcc: victim@example.net", "Alice\nLiddell", "Alice\rLiddell", "Al\u0000ice"})
    void nameWithLineBreakOrControlCharacterIsRejected(String name) {
        RejectedRow rejection = assertInstanceOf(
                RejectedRow.class,
                EMAIL_NAME_CITY.parse(5, List.of("a@example.org", name, "Oslo"), "a@example.org," + name + ",Oslo"));

        assertEquals("name contains a line break or control character", rejection.reason());
        assertEquals(5, rejection.lineNumber());
    }

    @Test
    void rejectedRowContentIsReportedOnOnePrintableLine() {
        RejectedRow rejection = assertInstanceOf(
                RejectedRow.class,
                EMAIL_NAME_CITY.parse(
                        5, List.of("a@example.org", "Alice\r\nX", "Oslo"), "a@example.org,Alice\r\nX,Oslo"));

        assertEquals("a@example.org,Alice  X,Oslo", rejection.content());
    }

    @Test
    void rejectedRowContentIsShortenedForTheReport() {
        String longRow = "x".repeat(1000);
        RejectedRow rejection =
                assertInstanceOf(RejectedRow.class, EMAIL_NAME_CITY.parse(5, List.of(longRow), longRow));

        assertEquals("x".repeat(300) + "...", rejection.content());
    }
}
