package org.sluice.importing.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw new IOException("recipient file " + path + " does not exist or is not readable");
        }
        // Strict UTF-8: a file in another encoding fails with the line, instead of importing mojibake.
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            csv = new RecipientCsvReader(new InputStreamReader(Files.newInputStream(path), decoder));
        } catch (IllegalArgumentException e) {
            throw new IOException(path.getFileName() + ": " + e.getMessage(), e);
        }
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
