package org.sluice.console;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.campaign.boundary.RecipientCounts;
import org.sluice.campaign.entity.Campaign;

/** The campaigns page: every campaign with its state and progress, refreshed by the page's poll. */
@Named
@ViewScoped
public class CampaignListView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** One line of the table. */
    public record Row(
            long id,
            String name,
            String from,
            String status,
            Instant createdAt,
            String scheduled,
            RecipientCounts counts)
            implements Serializable {

        public int percent() {
            return Progress.percent(counts);
        }
    }

    @EJB
    private Campaigns campaigns;

    private List<Row> rows;

    public List<Row> getRows() {
        if (rows == null) {
            refresh();
        }
        return rows;
    }

    /** When a campaign was created, in the server's time zone. */
    public String created(Row row) {
        return ConsoleTime.format(CREATED, row.createdAt());
    }

    public void refresh() {
        rows = campaigns.all().stream()
                .sorted(Comparator.comparing(Campaign::getId).reversed())
                .map(c -> new Row(
                        c.getId(),
                        c.getName(),
                        c.getFromAddress(),
                        c.getStatus().name(),
                        c.getCreatedAt(),
                        c.getScheduledStart() == null
                                ? null
                                : CREATED.withZone(ZoneId.of(c.getScheduleZone()))
                                                .format(c.getScheduledStart()) + " " + c.getScheduleZone(),
                        campaigns.counts(c.getId())))
                .toList();
    }
}
