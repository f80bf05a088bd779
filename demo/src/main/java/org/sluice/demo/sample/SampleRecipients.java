package org.sluice.demo.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated recipient CSV (header email,name,first_name,city), the same every time for the same count,
 * optionally seasoned with rows the import must refuse, so the demo can show the rejected-rows report.
 */
public final class SampleRecipients {

    public static final String HEADER = "email,name,first_name,city";

    private static final String[] FIRST_NAMES = {
        "Ada", "Bruno", "Chloé", "Dmitri", "Eleni", "Farid", "Grace", "Hiro", "Ingrid", "José", "Kwame", "Lena",
        "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Søren", "Tamsin", "Uma", "Viktor", "Wen", "Yusuf", "Zoë"
    };
    private static final String[] LAST_NAMES = {
        "Almeida",
        "Brandt",
        "Castillo",
        "Dubois",
        "Eriksen",
        "Fischer",
        "García",
        "Haddad",
        "Ivanova",
        "Jensen",
        "Kowalski",
        "Lindqvist",
        "Moreau",
        "Nakamura",
        "O'Brien",
        "Petrov",
        "Rossi",
        "Schmidt",
        "Tanaka",
        "Van Dijk",
        "Weber",
        "Yilmaz"
    };
    private static final String[] CITIES = {
        "Amsterdam",
        "Birmingham",
        "Bruges",
        "Gloucester",
        "Göteborg",
        "Leeds",
        "Lyon",
        "Manchester",
        "Nottingham",
        "Strasbourg",
        "Toulouse",
        "Utrecht",
        "Venice"
    };

    /** The deliberately bad rows {@link #write} adds, and why the import must refuse each. */
    static final String INVALID_ADDRESS = "not-an-address,Broken Row,Broken,Nowhere";

    static final String DOUBLE_AT = "reader.double@@sluice.example,Double At,Double,Nowhere";
    static final String TOO_FEW_COLUMNS = "short.row@sluice.example,Short Row";

    /** What the import should report for a file written by {@link #write}. */
    public record Expected(int imported, int rejected, int duplicates) {}

    /** One generated recipient; {@code number} counts from 1. */
    public record Row(int number, String email, String name, String firstName, String city) {

        String csv() {
            return email + "," + name + "," + firstName + "," + city;
        }
    }

    private SampleRecipients() {}

    public static Row row(int number) {
        String first = FIRST_NAMES[number % FIRST_NAMES.length];
        String last = LAST_NAMES[(number / FIRST_NAMES.length) % LAST_NAMES.length];
        String city = CITIES[number % CITIES.length];
        return new Row(number, String.format("reader%06d@sluice.example", number), first + " " + last, first, city);
    }

    /**
     * Writes {@code count} valid recipients; with {@code badRows}, also an invalid address, an address with
     * two @, a row with too few columns and a duplicate of the first recipient, spread through the file.
     */
    public static Expected write(Path csv, int count, boolean badRows) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write("\r\n"); // RFC 4180 line ends, as spreadsheets export them
            for (int i = 1; i <= count; i++) {
                out.write(row(i).csv());
                out.write("\r\n");
                if (badRows && i == Math.min(2, count)) {
                    line(out, INVALID_ADDRESS);
                }
                if (badRows && i == Math.max(1, count / 2)) {
                    line(out, TOO_FEW_COLUMNS);
                    line(out, row(1).csv());
                }
                if (badRows && i == count) {
                    line(out, DOUBLE_AT);
                }
            }
        }
        return badRows && count >= 1 ? new Expected(count, 3, 1) : new Expected(count, 0, 0);
    }

    private static void line(BufferedWriter out, String line) throws IOException {
        out.write(line);
        out.write("\r\n");
    }
}
