package org.sluice.importing.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.recipient.control.RecipientColumns;

/**
 * Reads recipients from the admin's SQL query, streaming the result set (fetch size, forward only). The
 * checkpoint is the number of rows read; a restart runs the query again and skips them, which is why the
 * query should have an ORDER BY.
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
    private String dataSource;

    @Inject
    @BatchProperty
    private String query;

    @EJB
    private Campaigns campaigns;

    private Connection connection;
    private PreparedStatement statement;
    private ResultSet rows;
    private RecipientColumns columns;
    private long rowsRead;

    @Override
    public void open(Serializable checkpoint) throws NamingException, SQLException {
        if (query == null || !query.strip().toLowerCase().startsWith("select")) {
            throw new SQLException("recipient query must be a SELECT, got: " + query);
        }
        DataSource source = (DataSource) new InitialContext().lookup(dataSource);
        connection = source.getConnection();
        statement = connection.prepareStatement(query, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
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
        return columns.parse(rowsRead, values, String.join(",", values.stream().map(String::valueOf).toList()));
    }

    @Override
    public Serializable checkpointInfo() {
        return rowsRead;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = connection; PreparedStatement s = statement; ResultSet r = rows) {
            // closes all three, in reverse order
        }
    }
}
