package org.sluice.recipient.control;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RecipientAddressTest {

    @Test
    void plainAddressIsAcceptedAsWritten() throws Exception {
        RecipientAddress address = RecipientAddress.parse("alice@example.org");

        assertEquals("alice@example.org", address.address());
        assertEquals("alice@example.org", address.key());
    }

    @Test
    void surroundingWhitespaceIsNotPartOfTheAddress() throws Exception {
        assertEquals(
                "bob@example.org", RecipientAddress.parse("  bob@example.org\t").address());
    }

    @Test
    void duplicateKeyLowerCasesTheDomainButKeepsTheLocalPartAsIs() throws Exception {
        RecipientAddress address = RecipientAddress.parse("John.Smith@Example.ORG");

        assertAll(
                () -> assertEquals("John.Smith@Example.ORG", address.address(), "the address is mailed as written"),
                () -> assertEquals("John.Smith@example.org", address.key()));
    }

    @Test
    void addressesDifferingOnlyInDomainCaseAreDuplicates() throws Exception {
        assertEquals(
                RecipientAddress.parse("carol@EXAMPLE.org").key(),
                RecipientAddress.parse("carol@example.ORG").key());
    }

    @Test
    void addressesDifferingInLocalPartCaseAreDistinct() throws Exception {
        // RFC 5321 2.4: only the receiving host may decide that the local part is case-insensitive.
        assertNotEquals(
                RecipientAddress.parse("Carol@example.org").key(),
                RecipientAddress.parse("carol@example.org").key());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void missingAddressIsRejectedAsEmpty(String raw) {
        InvalidRecipientException e = assertThrows(InvalidRecipientException.class, () -> RecipientAddress.parse(raw));
        assertEquals("address is empty", e.getMessage());
    }

    @Test
    void lineBreakInsideTheAddressIsRejectedWithItsPosition() {
        InvalidRecipientException e = assertThrows(
                InvalidRecipientException.class,
                () -> RecipientAddress.parse("eve@example.org\r\nBcc: victim@example.net"));

        assertEquals("address contains a control character (U+000D) at position 16", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"eve@exa\nmple.org", "eve\u0000@example.org", "eve@example.org\u007F", "eve\u0085@example.org"})
    void controlCharactersAnywhereAreRejected(String raw) {
        InvalidRecipientException e = assertThrows(InvalidRecipientException.class, () -> RecipientAddress.parse(raw));
        assertTrue(e.getMessage().startsWith("address contains a control character"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Alice <alice@example.org>",
                "<alice@example.org>",
                "alice@example.org (Alice)",
                "friends: alice@example.org, bob@example.org;"
            })
    void anythingButABareAddressIsRejected(String raw) {
        InvalidRecipientException e = assertThrows(InvalidRecipientException.class, () -> RecipientAddress.parse(raw));
        assertTrue(
                e.getMessage().contains("not a bare address") || e.getMessage().startsWith("invalid address"),
                e.getMessage());
    }

    @Test
    void displayNameInTheAddressColumnIsPointedToTheNameColumn() {
        InvalidRecipientException e = assertThrows(
                InvalidRecipientException.class, () -> RecipientAddress.parse("Alice <alice@example.org>"));

        assertEquals(
                "'Alice <alice@example.org>' is not a bare address (put the name in the name column)", e.getMessage());
    }

    @Test
    void twoAddressesInOneCellAreRejected() {
        assertThrows(
                InvalidRecipientException.class, () -> RecipientAddress.parse("alice@example.org, bob@example.org"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "alice",
                "alice@",
                "@example.org",
                "alice@@example.org",
                "alice smith@example.org",
                "alice@example..org",
                "alice@exa mple.org"
            })
    void malformedAddressIsRejectedNamingIt(String raw) {
        InvalidRecipientException e = assertThrows(InvalidRecipientException.class, () -> RecipientAddress.parse(raw));
        assertTrue(e.getMessage().contains(raw), e.getMessage());
    }
}
