package org.sluice.importing.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.file.Path;
import org.sluice.recipient.control.RecipientCsvReader;

/**
 * Reads the whole recipient file once, storing nothing, so that a file the CSV parser cannot read to the end
 * (not UTF-8, broken quoting, a record over the length limit) fails the import before its first chunk commits:
 * no campaign is left with the first part of a list. Rows that are merely invalid (an address, a column count)
 * are the import step's business: they are rejected one by one with their line.
 */
@Named
@Dependent
public class CsvFileCheck extends AbstractBatchlet {

    @Inject
    @BatchProperty
    private String file;

    @Override
    public String process() throws Exception {
        try (RecipientCsvReader csv = RecipientCsvReader.open(Path.of(file))) {
            return "READABLE: " + csv.readToEnd() + " rows";
        }
    }
}
