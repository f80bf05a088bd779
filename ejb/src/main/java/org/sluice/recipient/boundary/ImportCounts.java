package org.sluice.recipient.boundary;

/** What one batch of source rows became. */
public record ImportCounts(long imported, long rejected, long duplicates) implements java.io.Serializable {

    public ImportCounts plus(ImportCounts other) {
        return new ImportCounts(imported + other.imported, rejected + other.rejected, duplicates + other.duplicates);
    }
}
