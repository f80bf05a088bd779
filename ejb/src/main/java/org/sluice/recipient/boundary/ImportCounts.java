package org.sluice.recipient.boundary;

/** What one batch of source rows became. */
public record ImportCounts(int imported, int rejected, int duplicates) {

    public ImportCounts plus(ImportCounts other) {
        return new ImportCounts(imported + other.imported, rejected + other.rejected, duplicates + other.duplicates);
    }
}
