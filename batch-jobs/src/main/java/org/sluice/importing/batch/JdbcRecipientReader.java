package org.sluice.importing.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.importsource.boundary.ImportSources;
import org.sluice.importsource.control.RecipientQueryCheck;
import org.sluice.importsource.entity.RecipientQuery;
import org.sluice.recipient.control.RecipientColumns;

/**
 * Reads recipients from an operator's recipient query on an import source an admin registered, streaming the result
 * set (fetch size, forward only). The job parameters carry only the query's id: the text is read here from
 * Sluice's database and checked again before it runs. The checkpoint is the number of rows read; a restart runs
 * the query again and skips them, which is why the query should have an ORDER BY.
 */
@Named
@Dependent
public class JdbcRecipientReader extends AbstractItemReader {

    private static final int FETCH_SIZE = 500;

    @Inject
    @BatchProperty
    private long campaignId;

    @Inject
    @BatchProperty
    private long queryId;

    @EJB
    private Campaigns campaigns;

    @EJB
    private ImportSources importSources;

    private Connection connection;
    private PreparedStatement statement;
    private ResultSet rows;
    private RecipientColumns columns;
    private long rowsRead;

    @Override
    public void open(Serializable checkpoint) throws SQLException {
        RecipientQuery query = importSources.query(queryId);
        if (query.getCampaignId() != campaignId) {
            throw new IllegalArgumentException("recipient query " + queryId + " belongs to campaign "
                    + query.getCampaignId() + ", not to campaign " + campaignId);
        }
        RecipientQueryCheck.check(query.getQuery());
        connection = importSources.connect(query.getSourceName());
        statement =
                connection.prepareStatement(query.getQuery(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(FETCH_SIZE);
        rows = statement.executeQuery();
        ResultSetMetaData meta = rows.getMetaData();
        List<String> header = new ArrayList<>(meta.getColumnCount());
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            header.add(meta.getColumnLabel(i).toLowerCase());
        }
        try {
            columns = RecipientColumns.of(header);
        } catch (IllegalArgumentException e) {
            throw new SQLException("recipient query columns: " + e.getMessage(), e);
        }
        campaigns.addMergeFields(campaignId, columns.mergeFields());
        long skip = checkpoint == null ? 0 : (Long) checkpoint;
        while (rowsRead < skip && rows.next()) {
            rowsRead++;
        }
    }

    @Override
    public Object readItem() throws SQLException {
        if (!rows.next()) {
            return null;
        }
        rowsRead++;
        List<String> values = new ArrayList<>(columns.size());
        for (int i = 1; i <= columns.size(); i++) {
            values.add(rows.getString(i));
        }
        return columns.parse(
                rowsRead,
                values,
                String.join(",", values.stream().map(String::valueOf).toList()));
    }

    @Override
    public Serializable checkpointInfo() {
        return rowsRead;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = connection;
                PreparedStatement s = statement;
                ResultSet r = rows) {
            if (c != null && !c.getAutoCommit()) {
                c.rollback(); // read only: nothing to keep, and no transaction left open on the source
            }
        }
    }
}
