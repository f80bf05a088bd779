package org.sluice.importing.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.recipient.control.RecipientCsvReader;

/**
 * Streams a recipient CSV file row by row. The checkpoint is the number of data rows read, so a restart
 * re-opens the file and skips exactly the rows already committed.
 */
@Named
@Dependent
public class CsvRecipientReader extends AbstractItemReader {

    @Inject
    @BatchProperty
    private long campaignId;

    @Inject
    @BatchProperty
    private String file;

    @EJB
    private Campaigns campaigns;

    private RecipientCsvReader csv;

    @Override
    public void open(Serializable checkpoint) throws IOException {
        // CsvFileCheck has read the whole file before this step: a file that is unreadable as CSV fails there,
        // before anything is stored.
        csv = RecipientCsvReader.open(Path.of(file));
        campaigns.addMergeFields(campaignId, csv.columns().mergeFields());
        if (checkpoint != null) {
            csv.skip((Long) checkpoint);
        }
    }

    @Override
    public Object readItem() throws IOException {
        return csv.next();
    }

    @Override
    public Serializable checkpointInfo() {
        return csv.rowsRead();
    }

    @Override
    public void close() throws IOException {
        if (csv != null) {
            csv.close();
        }
    }
}
