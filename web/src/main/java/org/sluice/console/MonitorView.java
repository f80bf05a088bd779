package org.sluice.console;

import jakarta.ejb.EJB;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.sluice.bounce.boundary.Bounces;
import org.sluice.bounce.entity.Bounce;
import org.sluice.campaign.boundary.CampaignException;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.campaign.boundary.Incidents;
import org.sluice.campaign.entity.Campaign;
import org.sluice.campaign.entity.CampaignStatus;
import org.sluice.campaign.entity.Incident;
import org.sluice.campaign.entity.SendingWindow;
import org.sluice.history.RatePoint;
import org.sluice.history.SendHistory;
import org.sluice.refusal.RequestRefusedException.Kind;
import org.sluice.sending.boundary.CampaignProgress;
import org.sluice.sending.boundary.CampaignSchedules;
import org.sluice.sending.boundary.CampaignSender;
import org.sluice.sending.boundary.SendCheckpoint;
import org.sluice.sending.boundary.SendingWindows;
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

    static final int BOUNCES_SHOWN = 100;
    private static final int FIGURES = 12;
    private static final DateTimeFormatter SCHEDULE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final List<String> ZONES =
            ZoneId.getAvailableZoneIds().stream().sorted().toList();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @EJB
    private CampaignSender sender;

    @EJB
    private Incidents incidents;

    @EJB
    private SendHistory history;

    @EJB
    private SendSlices slices;

    @EJB
    private Bounces bounces;

    @EJB
    private Campaigns campaigns;

    @EJB
    private CampaignSchedules schedules;

    @EJB
    private SendingWindows windows;

    private String idParameter;
    private Long id;
    private CampaignProgress progress;
    private SendCheckpoint checkpoint;
    private String sliceSummary;
    private List<Bounce> latestBounces;
    private Campaign campaign;
    private LocalDateTime scheduleStart;
    private String scheduleZone = ConsoleTime.zone().getId();
    private LocalDateTime scheduleNotAfter;
    private List<String> windowDays = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY");
    private String windowFrom = "08:00";
    private String windowUntil = "20:00";
    private String windowZone = ConsoleTime.zone().getId();

    /** The page's view action (a GET, also a bookmark): an unknown or malformed id answers 404. */
    public void load() {
        if (progress != null) {
            return;
        }
        if (id == null) {
            NotFound.respond(ConsoleText.message("campaign.notFound", idParameter == null ? "" : idParameter));
            return;
        }
        try {
            refresh();
            fillWindowForm();
        } catch (CampaignException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                NotFound.campaign(id);
            } else {
                NotFound.respond(Feedback.text(e));
            }
        }
    }

    public void refresh() {
        progress = sender.progress(id);
        checkpoint = sender.checkpoint(id);
        sliceSummary = summary(slices.list(id), ConsoleText.locale());
        latestBounces = bounces.ofCampaign(id, 0, BOUNCES_SHOWN);
        campaign = campaigns.get(id);
    }

    /** The latest bounces and complaints of this campaign (all of them: GET /api/bounces?campaign=). */
    public List<Bounce> getBounces() {
        return latestBounces;
    }

    /** "3 of 10 send slices done; sending now: node-a 2, node-b 2": which server sends which part. */
    static String summary(List<SliceView> views, Locale locale) {
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
        return now.isEmpty()
                ? ConsoleText.message(locale, "monitor.slices", done, views.size())
                : ConsoleText.message(locale, "monitor.slices.now", done, views.size(), now);
    }

    public String getSliceSummary() {
        return sliceSummary;
    }

    /** Schedules the start (the form's date and time in its zone), or moves it. */
    public void schedule() {
        if (Feedback.attempt(() -> schedules.schedule(id, scheduleStart, scheduleZone, scheduleNotAfter))) {
            Feedback.info("monitor.scheduled", getScheduled());
        }
        refresh();
    }

    public void cancelSchedule() {
        if (Feedback.attempt(() -> schedules.cancel(id))) {
            Feedback.info("monitor.scheduleCancelled");
        }
        refresh();
    }

    /** "2026-12-08 09:00 Asia/Seoul (at the latest 12:00)", or null when the campaign is not scheduled. */
    public String getScheduled() {
        if (campaign == null || campaign.getScheduledStart() == null) {
            return null;
        }
        ZoneId zone = ZoneId.of(campaign.getScheduleZone());
        String start = SCHEDULE.format(campaign.getScheduledStart().atZone(zone)) + " " + zone.getId();
        return campaign.getScheduleNotAfter() == null
                ? start
                : ConsoleText.message(
                        "monitor.schedule.latest",
                        start,
                        SCHEDULE.format(campaign.getScheduleNotAfter().atZone(zone)));
    }

    /** Why the last schedule did not start the campaign, or null. */
    public String getScheduleNote() {
        return campaign == null ? null : campaign.getScheduleNote();
    }

    /** Sets or replaces the sending window from the form. */
    public void applyWindow() {
        if (Feedback.attempt(() -> windows.set(id, windowDays, windowFrom, windowUntil, windowZone))) {
            refresh();
            Feedback.info("monitor.window.set", getWindow());
            return;
        }
        refresh();
    }

    public void removeWindow() {
        if (Feedback.attempt(() -> windows.remove(id))) {
            Feedback.info("monitor.window.removed");
        }
        refresh();
    }

    /** "Mon-Fri 08:00-20:00 Asia/Seoul" in the console's language, or null when the campaign has no window. */
    public String getWindow() {
        SendingWindow window = campaign == null ? null : campaign.getSendingWindow();
        return window == null
                ? null
                : window.describeDays(ConsoleText.locale()) + " " + window.fromText() + "-" + window.untilText() + " "
                        + window.zone().getId();
    }

    /** Whether the window is open now, and when it closes or opens next (in the user's time zone). */
    public String getWindowState() {
        SendingWindow window = campaign == null ? null : campaign.getSendingWindow();
        if (window == null) {
            return null;
        }
        Instant now = Instant.now();
        if (window.isOpen(now)) {
            Instant closes = window.nextClosing(now);
            return closes == null
                    ? ConsoleText.message("monitor.window.alwaysOpen")
                    : ConsoleText.message("monitor.window.openUntil", ConsoleTime.format(WHEN, closes));
        }
        return ConsoleText.message("monitor.window.closedUntil", ConsoleTime.format(WHEN, window.nextOpening(now)));
    }

    /** The days of the week for the form, Monday first, named in the console's language. */
    public List<SelectItem> getDayChoices() {
        Locale locale = ConsoleText.locale();
        return Arrays.stream(DayOfWeek.values())
                .map(d -> new SelectItem(d.name(), d.getDisplayName(TextStyle.FULL, locale)))
                .toList();
    }

    public boolean isWindowEditable() {
        return !"COMPLETED".equals(progress.status().name());
    }

    public boolean isWaitingForWindow() {
        return progress.status() == CampaignStatus.WAITING_FOR_WINDOW;
    }

    public List<String> getWindowDays() {
        return windowDays;
    }

    public void setWindowDays(List<String> windowDays) {
        this.windowDays = windowDays;
    }

    public String getWindowFrom() {
        return windowFrom;
    }

    public void setWindowFrom(String windowFrom) {
        this.windowFrom = windowFrom;
    }

    public String getWindowUntil() {
        return windowUntil;
    }

    public void setWindowUntil(String windowUntil) {
        this.windowUntil = windowUntil;
    }

    public String getWindowZone() {
        return windowZone;
    }

    public void setWindowZone(String windowZone) {
        this.windowZone = windowZone;
    }

    /** The form starts with the campaign's window, or with weekdays 08:00-20:00 in the user's zone. */
    private void fillWindowForm() {
        SendingWindow window = campaign.getSendingWindow();
        if (window != null) {
            windowDays = window.weekOrder().stream().map(DayOfWeek::name).toList();
            windowFrom = window.fromText();
            windowUntil = window.untilText();
            windowZone = window.zone().getId();
        }
    }

    /** A draft never started may be scheduled. */
    public boolean isSchedulable() {
        return progress.executionId() == null
                && "DRAFT".equals(progress.status().name());
    }

    public List<String> getZones() {
        return ZONES;
    }

    public LocalDateTime getScheduleStart() {
        return scheduleStart;
    }

    public void setScheduleStart(LocalDateTime scheduleStart) {
        this.scheduleStart = scheduleStart;
    }

    public String getScheduleZone() {
        return scheduleZone;
    }

    public void setScheduleZone(String scheduleZone) {
        this.scheduleZone = scheduleZone;
    }

    public LocalDateTime getScheduleNotAfter() {
        return scheduleNotAfter;
    }

    public void setScheduleNotAfter(LocalDateTime scheduleNotAfter) {
        this.scheduleNotAfter = scheduleNotAfter;
    }

    public void start() {
        if (Feedback.attempt(() -> sender.start(id))) {
            Feedback.info("monitor.started");
        }
        refresh();
    }

    public void stop() {
        if (Feedback.attempt(() -> sender.stop(id))) {
            Feedback.info("monitor.stopRequested");
        }
        refresh();
    }

    public void restart() {
        if (Feedback.attempt(() -> sender.restart(id))) {
            Feedback.info("monitor.restarted");
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

    /** A running campaign, or one waiting for its window (stopped, it no longer resumes by itself). */
    public boolean isStoppable() {
        return progress.running() || isWaitingForWindow();
    }

    public boolean isRestartable() {
        return progress.executionId() != null
                && !progress.running()
                && !isWaitingForWindow()
                && !"COMPLETED".equals(progress.status().name());
    }

    public List<Incident> getIncidents() {
        return incidents.of(id);
    }

    /** The chart's latest points as figures, newest first, for the table beneath it. */
    public List<RatePoint> getLatestRates() {
        List<RatePoint> points = new ArrayList<>(history.rates(id));
        Collections.reverse(points);
        return points.subList(0, Math.min(FIGURES, points.size()));
    }

    public String time(Instant at) {
        return ConsoleTime.format(TIME, at);
    }

    public String getRateChart() {
        List<RatePoint> points = history.rates(id);
        return Charts.line(
                ConsoleText.message("monitor.rate.series"), "#2f6fad", points, RatePoint::at, RatePoint::perSecond);
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
