package org.sluice.recipient.control;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The column layout of a recipient source (CSV header or JDBC result columns): which column holds the
 * address ("email"), which the display name ("name"), and the rest as merge fields named by the header.
 * Turns one row of values into a {@link ParsedRow}.
 */
public final class RecipientColumns {

    public static final String EMAIL = "email";
    public static final String NAME = "name";
    /** Merge field names are template variable names: {{first_name}}. */
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final List<String> names;
    private final int emailIndex;
    private final int nameIndex;
    private final List<String> mergeFields;

    private RecipientColumns(List<String> names, int emailIndex, int nameIndex, List<String> mergeFields) {
        this.names = names;
        this.emailIndex = emailIndex;
        this.nameIndex = nameIndex;
        this.mergeFields = mergeFields;
    }

    /**
     * @throws IllegalArgumentException naming the bad header: no email column, a duplicate, or a name
     *                                  that cannot be a template variable
     */
    public static RecipientColumns of(List<String> header) {
        List<String> names = new ArrayList<>(header.size());
        List<String> mergeFields = new ArrayList<>();
        int email = -1;
        int name = -1;
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i) == null ? "" : header.get(i).strip();
            if (i == 0 && column.startsWith("\uFEFF")) {
                column = column.substring(1); // a UTF-8 byte order mark some spreadsheet exports add
            }
            String lower = column.toLowerCase(Locale.ROOT);
            if (!FIELD_NAME.matcher(column).matches()) {
                throw new IllegalArgumentException("header column " + (i + 1) + " '" + column
                        + "' is not a valid field name (letters, digits and _, not starting with a digit)");
            }
            for (String seen : names) {
                if (seen.equalsIgnoreCase(column)) {
                    throw new IllegalArgumentException("header column " + (i + 1) + " '" + column + "' appears twice");
                }
            }
            names.add(column);
            if (lower.equals(EMAIL)) {
                email = i;
            } else if (lower.equals(NAME)) {
                name = i;
            } else {
                mergeFields.add(column);
            }
        }
        if (email < 0) {
            throw new IllegalArgumentException(
                    "header has no 'email' column (found: " + String.join(", ", names) + ")");
        }
        return new RecipientColumns(
                Collections.unmodifiableList(names), email, name, Collections.unmodifiableList(mergeFields));
    }

    public List<String> mergeFields() {
        return mergeFields;
    }

    public int size() {
        return names.size();
    }

    /** Validates one row; {@code content} is the row as the admin would recognise it in the report. */
    public ParsedRow parse(long lineNumber, List<String> values, String content) {
        if (values.size() != names.size()) {
            return RejectedRow.of(
                    lineNumber, "expected " + names.size() + " columns but found " + values.size(), content);
        }
        RecipientAddress address;
        try {
            address = RecipientAddress.parse(values.get(emailIndex));
        } catch (InvalidRecipientException e) {
            return RejectedRow.of(lineNumber, e.getMessage(), content);
        }
        String displayName = nameIndex < 0 ? null : blankToNull(values.get(nameIndex));
        if (displayName != null && RecipientAddress.firstControlCharacter(displayName) >= 0) {
            return RejectedRow.of(lineNumber, "name contains a line break or control character", content);
        }
        Map<String, String> merge = new LinkedHashMap<>(mergeFields.size() * 2);
        for (int i = 0; i < names.size(); i++) {
            if (i != emailIndex && i != nameIndex) {
                String value = values.get(i) == null ? "" : values.get(i);
                merge.put(names.get(i), value);
            }
        }
        return new ValidRow(lineNumber, address, displayName, merge);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
