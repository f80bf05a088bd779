package org.sluice.bounce.control;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.sluice.bounce.entity.BounceKind;

/**
 * Reads every message of the bounce corpus (bounces/corpus/corpus.csv: real bounces of many MTAs, feedback-loop
 * complaints, auto-replies; see its README) and checks the classification against the table. The rules, in order of
 * weight: no message that is not a hard bounce is ever HARD; auto-replies are never bounces; complaints are
 * recognised; most hard bounces are HARD.
 */
class BounceCorpusTest {

    /** The goal, 0.90 (87 of 96 today; see the corpus README for the hard bounces still read as soft, and why). */
    private static final double MIN_HARD_RECALL = 0.90;

    /** Soft bounces read as a bounce at all (SOFT, or HARD: none are); the rest are read as no bounce. */
    private static final double MIN_SOFT_FOUND = 0.85;

    enum Expected {
        HARD,
        SOFT,
        COMPLAINT,
        /** Empty, or a report of kind NONE (a delivered DSN). */
        NOT_A_BOUNCE,
        /** Must be empty: never a bounce, never a complaint. */
        AUTO_REPLY
    }

    record Row(String file, Expected expected, String status, String sisimaiReason) {}

    private final BounceReader reader = new BounceReader();

    @Test
    void theCorpusIsClassifiedWithoutAFalseHardBounce() throws Exception {
        List<Row> rows = rows();
        Map<Expected, Integer> perExpected = new EnumMap<>(Expected.class);
        Map<String, Integer> perFamily = new TreeMap<>();
        List<String> falseHard = new ArrayList<>();
        List<String> missedHard = new ArrayList<>();
        List<Executable> checks = new ArrayList<>();
        int hard = 0;
        int hardFound = 0;
        int soft = 0;
        int softFound = 0;
        for (Row row : rows) {
            perExpected.merge(row.expected(), 1, Integer::sum);
            perFamily.merge(family(row.file()), 1, Integer::sum);
            Optional<DeliveryStatusReport> report = reader.read(message(row.file()));
            BounceKind kind = report.map(DeliveryStatusReport::kind).orElse(null);
            String got = row.file() + " expected " + row.expected() + " (" + row.sisimaiReason() + "), read "
                    + report.map(r -> r.kind() + " "
                                    + r.decisive().map(RecipientStatus::summary).orElse(""))
                            .orElse("nothing");
            if (kind == BounceKind.HARD && row.expected() != Expected.HARD) {
                falseHard.add(got);
            }
            switch (row.expected()) {
                case HARD -> {
                    hard++;
                    if (kind == BounceKind.HARD) {
                        hardFound++;
                    } else {
                        missedHard.add(got);
                    }
                }
                case SOFT -> {
                    soft++;
                    softFound += kind == BounceKind.SOFT ? 1 : 0;
                }
                case COMPLAINT -> checks.add(() -> assertEquals(BounceKind.COMPLAINT, kind, got));
                case NOT_A_BOUNCE -> checks.add(() -> assertTrue(kind == null || kind == BounceKind.NONE, got));
                case AUTO_REPLY -> checks.add(() -> assertEquals(Optional.empty(), report, got));
            }
            if (!row.status().isEmpty() && (kind == BounceKind.HARD || kind == BounceKind.SOFT)) {
                RecipientStatus status = report.get().decisive().orElseThrow();
                checks.add(() -> assertEquals(row.status(), status.status(), got));
                if (hasDiagnostic(row.file())) {
                    checks.add(() -> assertFalse(
                            status.diagnosticCode() == null
                                    || status.diagnosticCode().isBlank(),
                            got + ": diagnostic"));
                }
            }
        }
        double recall = hard == 0 ? 1 : (double) hardFound / hard;
        double softShare = soft == 0 ? 1 : (double) softFound / soft;
        System.out.printf(
                "Bounce corpus: %d messages %s; hard bounces read as HARD: %d of %d (recall %.1f %%, target >= 90 %%);"
                        + " false hard bounces: %d (target 0); soft bounces read as SOFT: %d of %d%n  per family: %s%n",
                rows.size(), perExpected, hardFound, hard, 100 * recall, falseHard.size(), softFound, soft, perFamily);
        missedHard.forEach(missed -> System.out.println("  missed hard: " + missed));
        double measured = recall;
        assertAll(
                () -> assertEquals(List.of(), falseHard, "false hard bounces"),
                () -> assertTrue(measured >= MIN_HARD_RECALL, "hard recall " + measured),
                () -> assertTrue(softShare >= MIN_SOFT_FOUND, "soft bounces read " + softShare),
                () -> assertTrue(rows.size() >= 60, "corpus size"),
                () -> assertAll(checks));
    }

    /** A DSN without a Diagnostic-Code has only its status to show; a bounce text always has reason lines. */
    private static boolean hasDiagnostic(String file) throws Exception {
        try (InputStream in = BounceCorpusTest.class.getResourceAsStream("/bounces/corpus/" + file)) {
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return !text.toLowerCase(java.util.Locale.ROOT).contains("delivery-status")
                    || DIAGNOSTIC_FIELD.matcher(text).find();
        }
    }

    private static final java.util.regex.Pattern DIAGNOSTIC_FIELD =
            java.util.regex.Pattern.compile("(?im)^Diagnostic-Code:[ \\t]*\\S");

    private static String family(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        return name.replaceFirst("-\\d+\\.eml$", "").replaceFirst("\\.eml$", "");
    }

    static List<Row> rows() throws Exception {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = BounceCorpusTest.class.getResourceAsStream("/bounces/corpus/corpus.csv");
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            lines.readLine(); // header
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                rows.add(new Row(cells[0], Expected.valueOf(cells[1]), cells[2], cells[3]));
            }
        }
        return rows;
    }

    private static MimeMessage message(String file) throws Exception {
        try (InputStream in = BounceCorpusTest.class.getResourceAsStream("/bounces/corpus/" + file)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }
}
