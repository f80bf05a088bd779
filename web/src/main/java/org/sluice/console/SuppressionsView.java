package org.sluice.console;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.primefaces.event.FileUploadEvent;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;
import org.sluice.suppression.boundary.SuppressionImport;
import org.sluice.suppression.boundary.Suppressions;
import org.sluice.suppression.entity.Suppression;

/**
 * The suppression list: the latest entries or one address looked up, and for admins adding, removing, importing
 * and exporting addresses. Every change goes through {@link Suppressions}, which records it in the audit log.
 */
@Named
@ViewScoped
public class SuppressionsView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The page lists the latest entries; the whole list is in the export and the API. */
    static final int SHOWN = 500;

    @EJB
    private Suppressions suppressions;

    private String search;
    private String address;
    private String detail;
    private List<Suppression> entries;
    private long total;
    private SuppressionImport lastImport;

    public List<Suppression> getEntries() {
        if (entries == null) {
            refresh();
        }
        return entries;
    }

    public void refresh() {
        if (search == null || search.isBlank()) {
            entries = suppressions.page(0, SHOWN);
        } else {
            entries = new ArrayList<>();
            Feedback.attempt(() -> suppressions.find(search.strip()).ifPresent(entries::add));
        }
        total = suppressions.count();
    }

    public void find() {
        refresh();
        if (search != null && !search.isBlank() && entries.isEmpty()) {
            Feedback.info("suppressions.notListed", search.strip());
        }
    }

    public void showAll() {
        search = null;
        refresh();
    }

    public void add() {
        if (Feedback.attempt(() -> {
            Suppression added = suppressions.addByAdmin(address, detail);
            Feedback.info("suppressions.added", added.getAddress(), added.getReason());
        })) {
            address = null;
            detail = null;
            refresh();
        }
    }

    public void remove(Suppression entry) {
        Feedback.attempt(() -> {
            if (suppressions.remove(entry.getAddress())) {
                Feedback.info("suppressions.removed", entry.getAddress());
            } else {
                Feedback.info("suppressions.alreadyRemoved", entry.getAddress());
            }
        });
        refresh();
    }

    public void upload(FileUploadEvent event) {
        String fileName = event.getFile().getFileName();
        Feedback.attempt(() -> {
            // Strict UTF-8: a byte that is not UTF-8 fails the import instead of changing an address.
            try (Reader csv = new InputStreamReader(
                    event.getFile().getInputStream(),
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT))) {
                lastImport = suppressions.importCsv(csv);
                Feedback.info(
                        "suppressions.imported",
                        fileName,
                        lastImport.added(),
                        lastImport.listed(),
                        lastImport.invalid());
            } catch (IOException e) {
                Feedback.error("upload.failed", fileName, e.getMessage());
            }
        });
        refresh();
    }

    /** The whole list as CSV, written a page at a time as the browser downloads it. */
    public StreamedContent getExport() {
        return DefaultStreamedContent.builder()
                .name("suppressions.csv")
                .contentType("text/csv; charset=UTF-8")
                .writer(out -> {
                    try {
                        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                        suppressions.exportCsv(writer);
                        writer.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .build();
    }

    public long getTotal() {
        if (entries == null) {
            refresh();
        }
        return total;
    }

    public SuppressionImport getLastImport() {
        return lastImport;
    }

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public String getDetail() {
        return detail;
    }

    public void setDetail(String detail) {
        this.detail = detail;
    }
}
