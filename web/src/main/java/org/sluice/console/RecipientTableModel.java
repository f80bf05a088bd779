package org.sluice.console;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.sluice.recipient.boundary.RecipientBrowser;
import org.sluice.recipient.boundary.RecipientTableRow;
import org.sluice.recipient.entity.RecipientState;

/**
 * A million recipients, one page at a time. Pages are read by keyset from the nearest page whose first id is
 * known (paging forward, the previous page), so "next" costs the same on page 1 and page 20,000; only a jump
 * far ahead skips rows with an offset.
 */
public class RecipientTableModel extends LazyDataModel<RecipientTableRow> {

    private static final long serialVersionUID = 1L;

    private final transient RecipientBrowser browser;
    private final long campaignId;
    private RecipientState state;
    /** Row index of a page's first row -> the id just before it. */
    private final TreeMap<Integer, Long> idBefore = new TreeMap<>(Map.of(0, 0L));

    RecipientTableModel(RecipientBrowser browser, long campaignId) {
        this.browser = browser;
        this.campaignId = campaignId;
    }

    void setState(RecipientState state) {
        this.state = state;
        idBefore.clear();
        idBefore.put(0, 0L);
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) Math.min(Integer.MAX_VALUE, browser.count(campaignId, state));
    }

    @Override
    public List<RecipientTableRow> load(
            int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        Map.Entry<Integer, Long> known = idBefore.floorEntry(first);
        List<RecipientTableRow> rows =
                browser.page(campaignId, state, known.getValue(), first - known.getKey(), pageSize);
        if (!rows.isEmpty()) {
            idBefore.put(first + rows.size(), rows.get(rows.size() - 1).id());
        }
        return rows;
    }

    @Override
    public String getRowKey(RecipientTableRow row) {
        return Long.toString(row.id());
    }

    @Override
    public RecipientTableRow getRowData(String rowKey) {
        return null; // rows are not selectable
    }
}
