package org.sluice.mta.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** An organisation's mail server that Sluice relays campaign mail through. */
@Entity
@Table(name = "mta")
@NamedQuery(name = Mta.BY_NAME, query = "select m from Mta m where m.name = :name")
public class Mta {

    public static final String BY_NAME = "Mta.byName";

    @Id
    @SequenceGenerator(name = "mta_seq", sequenceName = "mta_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mta_seq")
    private Long id;

    @Column(nullable = false, unique = true)
    private String name;

    @Column(nullable = false)
    private String host;

    @Column(nullable = false)
    private int port;

    @Enumerated(EnumType.STRING)
    @Column(name = "tls_mode", nullable = false)
    private TlsMode tlsMode = TlsMode.NONE;

    private String username;

    @Convert(converter = SealedPasswordConverter.class)
    private String password;

    @Column(name = "max_connections", nullable = false)
    private int maxConnections = 4;

    @Column(nullable = false)
    private boolean enabled = true;

    /** The id the probe beside this MTA answers to; null: no probe, sent to without load control. */
    @Column(name = "probe_id")
    private String probeId;

    @Column(name = "max_queue_depth", nullable = false)
    private int maxQueueDepth = MtaLimits.DEFAULTS.maxQueueDepth();

    @Column(name = "queue_resume_depth", nullable = false)
    private int queueResumeDepth = MtaLimits.DEFAULTS.queueResumeDepth();

    @Column(name = "load_per_cpu_stop", nullable = false)
    private double loadPerCpuStop = MtaLimits.DEFAULTS.loadPerCpuStop();

    @Column(name = "load_per_cpu_resume", nullable = false)
    private double loadPerCpuResume = MtaLimits.DEFAULTS.loadPerCpuResume();

    @Column(name = "memory_stop_percent", nullable = false)
    private double memoryStopPercent = MtaLimits.DEFAULTS.memoryStopPercent();

    @Column(name = "memory_resume_percent", nullable = false)
    private double memoryResumePercent = MtaLimits.DEFAULTS.memoryResumePercent();

    @Column(name = "spool_min_free_mb", nullable = false)
    private long spoolMinFreeMb = MtaLimits.DEFAULTS.spoolMinFreeMb();

    protected Mta() {}

    public Mta(String name, String host, int port) {
        this.name = name;
        this.host = host;
        this.port = port;
    }

    public boolean hasProbe() {
        return probeId != null && !probeId.isBlank();
    }

    public MtaLimits limits() {
        return new MtaLimits(
                maxQueueDepth,
                queueResumeDepth,
                loadPerCpuStop,
                loadPerCpuResume,
                memoryStopPercent,
                memoryResumePercent,
                spoolMinFreeMb);
    }

    /** @throws IllegalArgumentException if the limits contradict each other (see {@link MtaLimits}) */
    public void setLimits(MtaLimits limits) {
        maxQueueDepth = limits.maxQueueDepth();
        queueResumeDepth = limits.queueResumeDepth();
        loadPerCpuStop = limits.loadPerCpuStop();
        loadPerCpuResume = limits.loadPerCpuResume();
        memoryStopPercent = limits.memoryStopPercent();
        memoryResumePercent = limits.memoryResumePercent();
        spoolMinFreeMb = limits.spoolMinFreeMb();
    }

    public boolean hasCredentials() {
        return username != null && !username.isBlank();
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public TlsMode getTlsMode() {
        return tlsMode;
    }

    public void setTlsMode(TlsMode tlsMode) {
        this.tlsMode = tlsMode;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getProbeId() {
        return probeId;
    }

    public void setProbeId(String probeId) {
        this.probeId = probeId == null || probeId.isBlank() ? null : probeId.strip();
    }

    @Override
    public String toString() {
        return "MTA '" + name + "' (" + host + ":" + port + ")";
    }
}
