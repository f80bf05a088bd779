package org.sluice.metrics;

/** What a delivery record's reply code says happened to one message at one MTA (RFC 5321 4.2.1). */
enum SmtpOutcome {
    SENT,
    DEFERRED,
    FAILED,
    UNKNOWN;

    /** Label value in the metric: lower case, as Prometheus label values usually are. */
    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** -1 is the ledger's "connection lost before the reply" (an unknown outcome). */
    static SmtpOutcome of(int replyCode) {
        return switch (replyCode / 100) {
            case 2 -> SENT;
            case 4 -> DEFERRED;
            case 5 -> FAILED;
            default -> UNKNOWN;
        };
    }
}
