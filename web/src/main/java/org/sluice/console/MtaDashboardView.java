package org.sluice.console;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.sluice.load.boundary.LoadManager;
import org.sluice.load.control.MtaAdmission;
import org.sluice.load.control.ReadingHistory;
import org.sluice.mta.boundary.MtaRegistry;

/** Every MTA's latest probe figures and admission, with the last hour of load and queue depth, polled. */
@Named
@ViewScoped
public class MtaDashboardView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int FIGURES = 12;
    private static final DateTimeFormatter READ_AT = DateTimeFormatter.ofPattern("HH:mm:ss");

    @EJB
    private LoadManager loadManager;

    @EJB
    private MtaRegistry mtas;

    private List<MtaAdmission> admissions;

    public List<MtaAdmission> getAdmissions() {
        if (admissions == null) {
            refresh();
        }
        return admissions;
    }

    public void refresh() {
        admissions = loadManager.assess(mtas.all());
    }

    /** When the probe's figures were read, in the server's time zone; blank if never. */
    public String readAt(MtaAdmission admission) {
        return ConsoleTime.format(READ_AT, admission.readAt());
    }

    /** The latest readings as figures, newest first, for the table beneath the charts. */
    public List<ReadingHistory.Point> latestReadings(long mtaId) {
        List<ReadingHistory.Point> points = new ArrayList<>(loadManager.history(mtaId));
        Collections.reverse(points);
        return points.subList(0, Math.min(FIGURES, points.size()));
    }

    public String time(Instant at) {
        return ConsoleTime.format(READ_AT, at);
    }

    public String loadChart(long mtaId) {
        return Charts.line(
                ConsoleText.message("mtas.series.load"),
                "#c0504d",
                loadManager.history(mtaId),
                ReadingHistory.Point::at,
                ReadingHistory.Point::loadPerCpu);
    }

    public String queueChart(long mtaId) {
        return Charts.line(
                ConsoleText.message("mtas.series.queue"),
                "#2f6fad",
                loadManager.history(mtaId),
                ReadingHistory.Point::at,
                p -> p.queue());
    }
}
