package org.sluice.console;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.sluice.campaign.boundary.CampaignException;
import org.sluice.campaign.boundary.Incidents;
import org.sluice.campaign.entity.Incident;
import org.sluice.history.RatePoint;
import org.sluice.history.SendHistory;
import org.sluice.sending.boundary.CampaignProgress;
import org.sluice.sending.boundary.CampaignSender;
import org.sluice.sending.boundary.SendCheckpoint;
import org.sluice.slice.boundary.SendSlices;
import org.sluice.slice.control.SliceState;
import org.sluice.slice.control.SliceView;

/**
 * The job monitor: one campaign's progress, rate, ETA, checkpoint, counts, waiting reason, incidents and send-rate
 * chart, polled every two seconds; start, stop and restart (each confirmed in a dialog first).
 */
@Named
@ViewScoped
public class MonitorView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private CampaignSender sender;

    @EJB
    private Incidents incidents;

    @EJB
    private SendHistory history;

    @EJB
    private SendSlices slices;

    private String idParameter;
    private Long id;
    private CampaignProgress progress;
    private SendCheckpoint checkpoint;
    private String sliceSummary;

    /** The page's view action (a GET, also a bookmark): an unknown or malformed id answers 404. */
    public void load() {
        if (progress != null) {
            return;
        }
        if (id == null) {
            NotFound.respond("No campaign with id '" + (idParameter == null ? "" : idParameter) + "'.");
            return;
        }
        try {
            refresh();
        } catch (CampaignException e) {
            NotFound.respond(e.getMessage());
        }
    }

    public void refresh() {
        progress = sender.progress(id);
        checkpoint = sender.checkpoint(id);
        sliceSummary = summary(slices.list(id));
    }

    /** "3 of 10 send slices done; sending now: node-a 2, node-b 2": which server sends which part. */
    static String summary(List<SliceView> views) {
        if (views.isEmpty()) {
            return "";
        }
        long done = views.stream().filter(v -> v.state() == SliceState.DONE).count();
        Map<String, Long> holders = new TreeMap<>(views.stream()
                .filter(SliceView::claimed)
                .collect(Collectors.groupingBy(v -> v.node() == null ? "?" : v.node(), Collectors.counting())));
        String now = holders.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        return done + " of " + views.size() + " send slices done" + (now.isEmpty() ? "" : "; sending now: " + now);
    }

    public String getSliceSummary() {
        return sliceSummary;
    }

    public void start() {
        if (Feedback.attempt(() -> sender.start(id))) {
            Feedback.info("Campaign started.");
        }
        refresh();
    }

    public void stop() {
        if (Feedback.attempt(() -> sender.stop(id))) {
            Feedback.info("Stop requested: the current chunk finishes, then the job stops at its checkpoint.");
        }
        refresh();
    }

    public void restart() {
        if (Feedback.attempt(() -> sender.restart(id))) {
            Feedback.info("Campaign restarted: it resumes at its last checkpoint.");
        }
        refresh();
    }

    public int getPercent() {
        return Progress.percent(progress.counts());
    }

    public long getRemaining() {
        return progress.counts().pending() + progress.counts().deferred();
    }

    /** Estimated time left at this run's average rate; empty when not sending or not yet measurable. */
    public String getEta() {
        if (!progress.running() || progress.messagesPerSecond() <= 0) {
            return "";
        }
        Duration left = Duration.ofSeconds(Math.round(getRemaining() / progress.messagesPerSecond()));
        return String.format("%d:%02d:%02d", left.toHours(), left.toMinutesPart(), left.toSecondsPart());
    }

    public boolean isStartable() {
        return progress.executionId() == null;
    }

    public boolean isStoppable() {
        return progress.running();
    }

    public boolean isRestartable() {
        return progress.executionId() != null
                && !progress.running()
                && !"COMPLETED".equals(progress.status().name());
    }

    public List<Incident> getIncidents() {
        return incidents.of(id);
    }

    public String getRateChart() {
        List<RatePoint> points = history.rates(id);
        return Charts.line("messages/s", "#2f6fad", points, RatePoint::at, RatePoint::perSecond);
    }

    public Long getId() {
        return id;
    }

    public String getIdParameter() {
        return idParameter;
    }

    public void setIdParameter(String idParameter) {
        this.idParameter = idParameter;
        this.id = NotFound.id(idParameter);
    }

    public CampaignProgress getProgress() {
        return progress;
    }

    public SendCheckpoint getCheckpoint() {
        return checkpoint;
    }
}
