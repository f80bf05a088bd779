package org.sluice.recipient.control;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input table for recipient files and addresses: each row is an input, the error an admin
 * reads (naming what and where) and what is left afterwards. A file is read the way the import job reads it:
 * once whole by the check step (a failure there stores nothing), then row by row.
 */
class BadRecipientInputTest {

    /** What an import of a file ends with. */
    sealed interface Outcome permits Refused, Imported {}

    /** The whole file refused before any row is stored. */
    record Refused(String message) implements Outcome {}

    /** Rows stored (line to address as stored) and rows rejected (line to reason). */
    record Imported(Map<Long, String> recipients, Map<Long, String> rejections) implements Outcome {}

    record CsvCase(byte[] file, Outcome expected) {}

    static Stream<Named<CsvCase>> badFiles() {
        return Stream.of(
                row(
                        "broken quoting mid-file (unclosed quote on line 3): whole file refused, nothing stored",
                        utf8("email,name\na@example.org,A\nb@example.org,\"B\nc@example.org,C\n"),
                        refused(
                                "malformed CSV near line 3: (startline 3) EOF reached before encapsulated token finished")),
                row(
                        "text after a closing quote on line 3: whole file refused, nothing stored",
                        utf8("email,name\na@example.org,A\nb@example.org,\"B\"x\nc@example.org,C\n"),
                        refused("malformed CSV near line 3: Invalid character between encapsulated token and delimiter"
                                + " at line: 3, position: 45")),
                row(
                        "UTF-8 byte order mark before the header: header recognised",
                        bytes(
                                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                                utf8("email,name\na@example.org,A\n")),
                        imported(Map.of(2L, "a@example.org"), Map.of())),
                row(
                        "byte order mark before a quoted header: header recognised",
                        bytes(
                                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                                utf8("\"email\",\"name\"\na@example.org,A\n")),
                        imported(Map.of(2L, "a@example.org"), Map.of())),
                row(
                        "Latin-1 é on line 3 (not UTF-8): whole file refused naming the line and byte",
                        "email,name\na@example.org,A\nb@example.org,Ren\u00e9\n".getBytes(StandardCharsets.ISO_8859_1),
                        refused("line 3 is not UTF-8 (byte 0xE9): save the file as UTF-8"
                                + " (it is probably Windows-1252 or ISO-8859-1)")),
                row(
                        "Latin-1 byte on line 20,000 (past every read-ahead buffer): still its exact line",
                        bytes(
                                utf8("email,name\n" + "x@example.org,Xavier\n".repeat(19_998)),
                                "z@example.org,Zo\u00eb\n".getBytes(StandardCharsets.ISO_8859_1)),
                        refused("line 20000 is not UTF-8 (byte 0xEB): save the file as UTF-8"
                                + " (it is probably Windows-1252 or ISO-8859-1)")),
                row(
                        "a 10 MB line on line 3: refused at 1 MiB, naming line 3",
                        bytes(
                                utf8("email,note\na@example.org,ok\nb@example.org,"),
                                "x".repeat(10 << 20).getBytes(StandardCharsets.US_ASCII),
                                utf8("\nc@example.org,ok\n")),
                        refused("the record starting on line 3 is longer than 1048576 characters")),
                row(
                        "an unclosed quote that would swallow the rest of a large file: refused at 1 MiB, naming its line",
                        bytes(utf8("email,note\na@example.org,\"oops\n"), utf8("b@example.org,fine\n".repeat(100_000))),
                        refused("the record starting on line 2 is longer than 1048576 characters"
                                + " (a quote opened there is never closed?)")),
                row(
                        "empty file",
                        new byte[0],
                        refused("line 1: the file is empty: expected a header row naming an 'email' column")),
                row(
                        "only blank lines",
                        utf8("\n\r\n\n"),
                        refused("line 1: the file is empty: expected a header row naming an 'email' column")),
                row("header only: nothing to import, no error", utf8("email,name\n"), imported(Map.of(), Map.of())),
                row(
                        "header without an email column",
                        utf8("mail,name\na@example.org,A\n"),
                        refused("line 1: header has no 'email' column (found: mail, name)")),
                row(
                        "duplicate addresses differing in domain case: both parsed, the store keeps the first",
                        utf8("email\nCarol@Example.ORG\nCarol@example.org\n"),
                        imported(Map.of(2L, "Carol@Example.ORG", 3L, "Carol@example.org"), Map.of())),
                row(
                        "invalid address rows among good ones: each rejected with its line, the others stored",
                        utf8("email,name\na@example.org,A\nnot-an-address,N\nb@example.org\nc@example.org,C\n"),
                        imported(
                                Map.of(2L, "a@example.org", 5L, "c@example.org"),
                                Map.of(
                                        3L, "invalid address 'not-an-address': Missing final '@domain'",
                                        4L, "expected 2 columns but found 1"))),
                row(
                        "CR/LF in a quoted address and a quoted name: rejected at the row's last line",
                        utf8(
                                "email,name\n\"eve@example.org\r\nBcc: x@example.net\",Eve\nfay@example.org,\"Fay\r\nBcc: x@example.net\"\n"),
                        imported(
                                Map.of(),
                                Map.of(
                                        3L, "address contains a control character (U+000D) at position 16",
                                        5L, "name contains a line break or control character"))),
                row(
                        "merge value with a line break: kept (bodies may have them; headers single-line it)",
                        utf8("email,note\na@example.org,\"one\ntwo\"\n"),
                        imported(Map.of(3L, "a@example.org"), Map.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFileGetsItsExactErrorAndLeavesAKnownState(CsvCase row) {
        assertEquals(row.expected(), importOf(row.file()));
    }

    record AddressCase(String raw, String stored, String error) {}

    static Stream<Named<AddressCase>> addresses() {
        return Stream.of(
                address("plain", "alice@example.org", "alice@example.org", null),
                address(
                        "IDN domain: stored as its A-label",
                        "user@b\u00fccher.example",
                        "user@xn--bcher-kva.example",
                        null),
                address(
                        "IDN domain in upper case: same A-label",
                        "user@B\u00dcCHER.example",
                        "user@xn--bcher-kva.example",
                        null),
                address(
                        "IDN domain already as A-label",
                        "user@xn--bcher-kva.example",
                        "user@xn--bcher-kva.example",
                        null),
                address(
                        "non-ASCII local part (needs SMTPUTF8)",
                        "j\u00f6rg@example.org",
                        null,
                        "address 'j\u00f6rg@example.org' has a non-ASCII local part 'j\u00f6rg': it needs SMTPUTF8"
                                + " (RFC 6531) on every relay, which Sluice does not use"),
                address(
                        "IDN label ending in a hyphen (RFC 5891 4.2.3.1)",
                        "user@b\u00fccher-.example",
                        null,
                        "address 'user@b\u00fccher-.example' has a domain that is not a valid internationalised domain name:"
                                + " Has leading or trailing hyphen"),
                address(
                        "quoted local part (RFC 5321 allows it)",
                        "\"john smith\"@example.org",
                        "\"john smith\"@example.org",
                        null),
                address(
                        "unbalanced quote",
                        "john\"smith@example.org",
                        null,
                        "invalid address 'john\"smith@example.org': Missing '\"'"),
                address(
                        "CR/LF then a header",
                        "eve@example.org\r\nBcc: victim@example.net",
                        null,
                        "address contains a control character (U+000D) at position 16"),
                address(
                        "bare LF",
                        "eve@exa\nmple.org",
                        null,
                        "address contains a control character (U+000A) at position 8"),
                address("no domain", "alice@", null, "invalid address 'alice@': Missing domain"),
                address("no @", "alice", null, "invalid address 'alice': Missing final '@domain'"),
                address(
                        "two @",
                        "alice@@example.org",
                        null,
                        "invalid address 'alice@@example.org': Domain contains illegal character"),
                address(
                        "display name in the address column",
                        "Alice <alice@example.org>",
                        null,
                        "'Alice <alice@example.org>' is not a bare address (put the name in the name column)"),
                address("empty", " ", null, "address is empty"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("addresses")
    void addressIsStoredAsMailableOrRefusedNamingIt(AddressCase row) throws InvalidRecipientException {
        if (row.error() == null) {
            assertEquals(row.stored(), RecipientAddress.parse(row.raw()).address());
        } else {
            InvalidRecipientException e =
                    assertThrows(InvalidRecipientException.class, () -> RecipientAddress.parse(row.raw()));
            assertEquals(row.error(), e.getMessage());
        }
    }

    @Test
    void duplicateKeyIgnoresDomainCaseAndIdnSpellingButNotLocalPartCase() throws InvalidRecipientException {
        assertAll(
                () -> assertEquals(
                        RecipientAddress.parse("Carol@Example.ORG").key(),
                        RecipientAddress.parse("Carol@example.org").key()),
                () -> assertEquals(
                        RecipientAddress.parse("u@B\u00dcCHER.example").key(),
                        RecipientAddress.parse("u@xn--bcher-kva.example").key()),
                () -> assertEquals(
                        "carol@example.org",
                        RecipientAddress.parse("carol@EXAMPLE.org").key()));
    }

    /** The check pass, then the row pass, as recipient-import-csv runs them. */
    private static Outcome importOf(byte[] file) {
        try {
            readAll(file);
        } catch (IOException e) {
            return new Refused(e.getMessage());
        }
        try {
            Map<Long, String> recipients = new LinkedHashMap<>();
            Map<Long, String> rejections = new LinkedHashMap<>();
            for (ParsedRow row : readAll(file)) {
                if (row instanceof ValidRow r) {
                    recipients.put(r.lineNumber(), r.address().address());
                } else if (row instanceof RejectedRow r) {
                    rejections.put(r.lineNumber(), r.reason());
                }
            }
            return new Imported(recipients, rejections);
        } catch (IOException e) {
            throw new AssertionError("the check passed but the import failed", e);
        }
    }

    private static List<ParsedRow> readAll(byte[] file) throws IOException {
        InputStream in = new ByteArrayInputStream(file);
        List<ParsedRow> rows = new ArrayList<>();
        RecipientCsvReader reader;
        try {
            reader = new RecipientCsvReader(new CsvTextInput(in));
        } catch (IllegalArgumentException e) {
            throw new CsvInputException(1, "line 1: " + e.getMessage(), e); // as RecipientCsvReader.open
        }
        try (reader) {
            for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static Named<CsvCase> row(String name, byte[] file, Outcome expected) {
        return Named.of(name, new CsvCase(file, expected));
    }

    private static Named<AddressCase> address(String name, String raw, String stored, String error) {
        return Named.of(
                name + ": " + raw.replace("\r", "\\r").replace("\n", "\\n"), new AddressCase(raw, stored, error));
    }

    private static Refused refused(String message) {
        return new Refused(message);
    }

    private static Imported imported(Map<Long, String> recipients, Map<Long, String> rejections) {
        return new Imported(
                new LinkedHashMap<>(new java.util.TreeMap<>(recipients)),
                new LinkedHashMap<>(new java.util.TreeMap<>(rejections)));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
