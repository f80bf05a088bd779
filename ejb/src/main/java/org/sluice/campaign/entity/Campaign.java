package org.sluice.campaign.entity;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.sluice.mta.entity.Mta;

/** A mailing: who it is from, its templates, and how it is sent (MTA, chunk size, connections). */
@Entity
@Table(name = "campaign")
public class Campaign {

    /**
     * Recipients per chunk = per checkpoint. Outcomes are recorded per message, so the chunk bounds neither loss nor
     * duplicates; it only spreads the per-chunk cost (transaction, checkpoint, page query, admission), and 500
     * sends faster than 100 (docs/benchmarks.md).
     */
    public static final int DEFAULT_CHUNK_SIZE = 500;

    public static final int DEFAULT_CONNECTIONS = 2;
    public static final int DEFAULT_WAIT_DEADLINE_SECONDS = 900;

    private static final DateTimeFormatter WINDOW_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Id
    @SequenceGenerator(name = "campaign_seq", sequenceName = "campaign_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "campaign_seq")
    private Long id;

    @Column(nullable = false)
    private String name;

    @Column(name = "from_address", nullable = false)
    private String fromAddress;

    @Column(name = "reply_to")
    private String replyTo;

    @Column(name = "subject_template", nullable = false)
    private String subjectTemplate;

    @Lob
    @Basic(fetch = FetchType.EAGER)
    @Column(name = "text_template")
    private String textTemplate;

    @Lob
    @Basic(fetch = FetchType.EAGER)
    @Column(name = "html_template")
    private String htmlTemplate;

    /** Merge field names known from imports, comma-separated, in first-seen order. */
    @Column(name = "merge_fields", nullable = false)
    private String mergeFields = "";

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CampaignStatus status = CampaignStatus.DRAFT;

    /** The MTAs this campaign may send through; the LoadManager decides, chunk by chunk, which of them now. */
    @ManyToMany
    @JoinTable(
            name = "campaign_mta",
            joinColumns = @JoinColumn(name = "campaign_id"),
            inverseJoinColumns = @JoinColumn(name = "mta_id"))
    @OrderBy("name")
    private List<Mta> mtas = new ArrayList<>();

    /** How long the send job waits for an overloaded pool before it stops with an incident. */
    @Column(name = "wait_deadline_seconds", nullable = false)
    private int waitDeadlineSeconds = DEFAULT_WAIT_DEADLINE_SECONDS;

    /** Why the send job is waiting for an MTA right now; null while it is not waiting. */
    @Column(name = "waiting_reason", length = 2000)
    private String waitingReason;

    @Column(name = "waiting_since")
    private Instant waitingSince;

    /** When an operator asked to stop the current run; every server stops its part (SendSliceHelpers). */
    @Column(name = "stop_requested_at")
    private Instant stopRequestedAt;

    /** Kept by the send path's ledger (plain JDBC), never written through JPA. */
    @Column(name = "deferred_then_sent", insertable = false, updatable = false)
    private long deferredThenSent;

    /** SMTP transactions lost with their connection (outcome unknown, sent again); kept by the ledger. */
    @Column(name = "unknown_outcomes", insertable = false, updatable = false)
    private long unknownOutcomes;

    /** Feedback-loop complaints about this campaign's messages; kept by the bounce reader (plain SQL). */
    @Column(name = "complaints", insertable = false, updatable = false)
    private long complaints;

    @Column(name = "chunk_size", nullable = false)
    private int chunkSize = DEFAULT_CHUNK_SIZE;

    @Column(nullable = false)
    private int connections = DEFAULT_CONNECTIONS;

    @Column(name = "job_execution_id")
    private Long jobExecutionId;

    /** Recipients already SENT when the current job execution began (the current run's progress baseline). */
    @Column(name = "sent_before_run", nullable = false)
    private long sentBeforeRun;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    /** When the campaign is to start by itself; null when it is not scheduled. */
    @Column(name = "scheduled_start")
    private Instant scheduledStart;

    /** The time zone the schedule was given in, to show it as the admin gave it. */
    @Column(name = "schedule_zone", length = 64)
    private String scheduleZone;

    /** After this the scheduled start is no longer made (e.g. the server was down when it came due). */
    @Column(name = "schedule_not_after")
    private Instant scheduleNotAfter;

    @Column(name = "scheduled_by", length = 200)
    private String scheduledBy;

    /** Why the last schedule did not start the campaign; null when it did or there was none. */
    @Column(name = "schedule_note", length = 1000)
    private String scheduleNote;

    /** The weekly sending window's days ("MON,TUE,..."); null when the campaign may send at any time. */
    @Column(name = "window_days", length = 27)
    private String windowDays;

    @Column(name = "window_from", length = 5)
    private String windowFrom;

    @Column(name = "window_until", length = 5)
    private String windowUntil;

    @Column(name = "window_zone", length = 64)
    private String windowZone;

    /** The window closed on a running send: when the job ends the campaign waits for the window, not STOPPED. */
    @Column(name = "window_paused", nullable = false)
    private boolean windowPaused;

    protected Campaign() {}

    public Campaign(String name, String fromAddress, String subjectTemplate, String textTemplate, String htmlTemplate) {
        this.name = name;
        this.fromAddress = fromAddress;
        this.subjectTemplate = subjectTemplate;
        this.textTemplate = textTemplate;
        this.htmlTemplate = htmlTemplate;
    }

    public Set<String> mergeFieldSet() {
        Set<String> fields = new LinkedHashSet<>();
        if (!mergeFields.isEmpty()) {
            fields.addAll(Arrays.asList(mergeFields.split(",")));
        }
        return fields;
    }

    /** Remembers the merge fields an import brought, so templates can be checked against them. */
    public void addMergeFields(Iterable<String> names) {
        Set<String> fields = mergeFieldSet();
        names.forEach(fields::add);
        mergeFields = String.join(",", fields);
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getFromAddress() {
        return fromAddress;
    }

    public void setFromAddress(String fromAddress) {
        this.fromAddress = fromAddress;
    }

    public String getReplyTo() {
        return replyTo;
    }

    public void setReplyTo(String replyTo) {
        this.replyTo = replyTo;
    }

    public String getSubjectTemplate() {
        return subjectTemplate;
    }

    public void setSubjectTemplate(String subjectTemplate) {
        this.subjectTemplate = subjectTemplate;
    }

    public String getTextTemplate() {
        return textTemplate;
    }

    public void setTextTemplate(String textTemplate) {
        this.textTemplate = textTemplate;
    }

    public String getHtmlTemplate() {
        return htmlTemplate;
    }

    public void setHtmlTemplate(String htmlTemplate) {
        this.htmlTemplate = htmlTemplate;
    }

    public CampaignStatus getStatus() {
        return status;
    }

    public void setStatus(CampaignStatus status) {
        this.status = status;
    }

    public List<Mta> getMtas() {
        return mtas;
    }

    public void setMtas(List<Mta> mtas) {
        this.mtas = new ArrayList<>(mtas);
    }

    public int getWaitDeadlineSeconds() {
        return waitDeadlineSeconds;
    }

    public void setWaitDeadlineSeconds(int waitDeadlineSeconds) {
        this.waitDeadlineSeconds = waitDeadlineSeconds;
    }

    /** Why the campaign waits: for an MTA (the send job's words), or for its sending window (when it opens). */
    public String getWaitingReason() {
        if (status != CampaignStatus.WAITING_FOR_WINDOW) {
            return waitingReason;
        }
        SendingWindow window = getSendingWindow();
        if (window == null) {
            return "its sending window was removed; sending resumes within seconds";
        }
        return "outside its sending window (" + window.describe() + "); sending resumes at "
                + WINDOW_TIME.format(window.nextOpening(Instant.now()).atZone(window.zone())) + " "
                + window.zone().getId();
    }

    public Instant getWaitingSince() {
        return waitingSince;
    }

    public long getDeferredThenSent() {
        return deferredThenSent;
    }

    public long getUnknownOutcomes() {
        return unknownOutcomes;
    }

    /** The send job is waiting for the pool to have room: the status says so, with the reason. */
    public void waitingForMta(String reason, Instant since) {
        status = CampaignStatus.WAITING_FOR_MTA;
        waitingReason = reason.length() > 2000 ? reason.substring(0, 2000) : reason;
        if (waitingSince == null) {
            waitingSince = since;
        }
    }

    public Instant getStopRequestedAt() {
        return stopRequestedAt;
    }

    public void requestStop(Instant at) {
        if (stopRequestedAt == null) {
            stopRequestedAt = at;
        }
    }

    public void clearStopRequest() {
        stopRequestedAt = null;
        windowPaused = false;
    }

    public void admittedAgain() {
        if (status == CampaignStatus.WAITING_FOR_MTA) {
            status = CampaignStatus.SENDING;
        }
        waitingReason = null;
        waitingSince = null;
    }

    public int getChunkSize() {
        return chunkSize;
    }

    public void setChunkSize(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    public int getConnections() {
        return connections;
    }

    public void setConnections(int connections) {
        this.connections = connections;
    }

    public Long getJobExecutionId() {
        return jobExecutionId;
    }

    public void setJobExecutionId(Long jobExecutionId) {
        this.jobExecutionId = jobExecutionId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public long getSentBeforeRun() {
        return sentBeforeRun;
    }

    public void setSentBeforeRun(long sentBeforeRun) {
        this.sentBeforeRun = sentBeforeRun;
    }

    public void schedule(Instant start, String zone, Instant notAfter, String by) {
        scheduledStart = start;
        scheduleZone = zone;
        scheduleNotAfter = notAfter;
        scheduledBy = by;
        scheduleNote = null;
    }

    /** Clears the schedule; {@code note} says why it did not start the campaign (null: it did, or it was cancelled). */
    public void unschedule(String note) {
        scheduledStart = null;
        scheduleZone = null;
        scheduleNotAfter = null;
        scheduledBy = null;
        scheduleNote = note == null || note.length() <= 1000 ? note : note.substring(0, 1000);
    }

    /** The campaign's sending window, or null when it may send at any time. */
    public SendingWindow getSendingWindow() {
        if (windowDays == null) {
            return null;
        }
        return new SendingWindow(
                SendingWindow.fromDaysColumn(windowDays),
                LocalTime.parse(windowFrom),
                LocalTime.parse(windowUntil),
                ZoneId.of(windowZone));
    }

    /** Sets (or with null removes) the sending window; a running send applies it within seconds. */
    public void setSendingWindow(SendingWindow window) {
        windowDays = window == null ? null : window.daysColumn();
        windowFrom = window == null ? null : window.fromText();
        windowUntil = window == null ? null : window.untilText();
        windowZone = window == null ? null : window.zone().getId();
    }

    public boolean isWindowPaused() {
        return windowPaused;
    }

    /**
     * The window closed while the campaign was being sent: its job is being stopped, and when it ends the campaign
     * waits for the window to open.
     */
    public void pauseForWindow() {
        windowPaused = true;
    }

    /** The job ended: a run stopped for the window waits for it; any other end clears the mark. */
    public void runEnded(CampaignStatus ended) {
        if (ended == CampaignStatus.STOPPED && windowPaused) {
            status = CampaignStatus.WAITING_FOR_WINDOW;
        } else {
            status = ended;
            windowPaused = false;
        }
    }

    /** An operator stopped a campaign that was waiting for its window: it stays stopped until restarted. */
    public void stopWaitingForWindow() {
        windowPaused = false;
        status = CampaignStatus.STOPPED;
    }

    public Instant getScheduledStart() {
        return scheduledStart;
    }

    public String getScheduleZone() {
        return scheduleZone;
    }

    public Instant getScheduleNotAfter() {
        return scheduleNotAfter;
    }

    public String getScheduledBy() {
        return scheduledBy;
    }

    public String getScheduleNote() {
        return scheduleNote;
    }
}
