package org.sluice.it;

/** Recipient CSV files for tests: person i is recipient{i}@example.org, first name First{i}, city City{i}. */
public final class SampleCsv {

    public static final String HEADER = "email,name,first_name,city\n";

    private SampleCsv() {}

    public static String recipients(int count) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < count; i++) {
            csv.append(address(i))
                    .append(",Person ")
                    .append(i)
                    .append(",First")
                    .append(i)
                    .append(",City")
                    .append(i)
                    .append('\n');
        }
        return csv.toString();
    }

    public static String address(int i) {
        return "recipient" + i + "@example.org";
    }
}
