package org.sluice.recipient.boundary;

/**
 * What one batch of source rows became.
 *
 * @param imported   rows stored as recipients
 * @param suppressed of those, how many are on the suppression list (stored SUPPRESSED, never mailed)
 */
public record ImportCounts(long imported, long rejected, long duplicates, long suppressed)
        implements java.io.Serializable {

    public ImportCounts plus(ImportCounts other) {
        return new ImportCounts(
                imported + other.imported,
                rejected + other.rejected,
                duplicates + other.duplicates,
                suppressed + other.suppressed);
    }
}
