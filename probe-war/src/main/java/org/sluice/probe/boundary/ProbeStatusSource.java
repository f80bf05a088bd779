package org.sluice.probe.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.sluice.probe.config.ProbeSettings;
import org.sluice.probe.config.QueueDepthReaders;
import org.sluice.probe.host.HostFigures;
import org.sluice.probe.host.HostReader;
import org.sluice.probe.protocol.ProbeProtocol;
import org.sluice.probe.protocol.ProbeStatus;
import org.sluice.probe.protocol.QueueDepth;
import org.sluice.probe.queue.QueueDepthReader;

/**
 * This host's latest reading. The MTA queue is counted in the background every refresh interval, so a status
 * request is answered from memory however many messages are queued (counting them takes far longer, see
 * docs/benchmarks.md); host figures come from /proc at answer time, which is cheap.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ProbeStatusSource {

    private static final Logger LOG = Logger.getLogger(ProbeStatusSource.class.getName());
    /** Settings of this deployment, on its class path (WEB-INF/classes/sluice-probe.properties). */
    static final String DEPLOYMENT_SETTINGS = "sluice-probe.properties";

    @Resource
    private ManagedScheduledExecutorService scheduler;

    private ProbeSettings settings;
    private HostReader host;
    private QueueDepthReader queueReader;
    private volatile QueueDepth queue = QueueDepth.unknown("none", "not read yet");
    private ScheduledFuture<?> refresh;

    @PostConstruct
    void start() {
        settings = ProbeSettings.from(configuration());
        host = HostReader.ofThisHost(settings.spoolPath());
        queueReader = QueueDepthReaders.create(settings);
        refreshQueue();
        long every = settings.refreshInterval().toMillis();
        refresh = scheduler.scheduleWithFixedDelay(this::refreshQueue, every, every, TimeUnit.MILLISECONDS);
        LOG.info(() -> "Sluice probe '" + settings.probeId() + "' answering on topic " + ProbeProtocol.REQUEST_TOPIC
                + " (queue reader " + queueReader.name() + ", spool " + settings.spoolPath() + ", refresh " + every
                + " ms): first reading " + queue);
    }

    /**
     * This deployment's MicroProfile Config (the server's system properties, environment variables, config sources),
     * overridden by {@value #DEPLOYMENT_SETTINGS} inside this WAR if it has one: one probe per server is configured
     * for the server; several in one server (postmulti instances of Postfix on one host) each get their own file.
     */
    private static Function<String, Optional<String>> configuration() {
        Properties own = new Properties();
        try (InputStream in = ProbeStatusSource.class.getClassLoader().getResourceAsStream(DEPLOYMENT_SETTINGS)) {
            if (in != null) {
                own.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEPLOYMENT_SETTINGS + ": " + e.getMessage(), e);
        }
        Config config = ConfigProvider.getConfig();
        return name -> own.containsKey(name)
                ? Optional.of(own.getProperty(name))
                : config.getOptionalValue(name, String.class);
    }

    @PreDestroy
    void stop() {
        if (refresh != null) {
            refresh.cancel(false);
        }
    }

    private void refreshQueue() {
        // Stamped with the start of the count: mail accepted while counting may or may not be in it.
        Instant started = Instant.now();
        QueueDepth read = queueReader.read().readAt(started);
        if (read.error() != null && (queue.error() == null || !queue.error().equals(read.error()))) {
            LOG.warning(() -> "probe '" + settings.probeId() + "': MTA queue not readable: " + read.error());
        }
        queue = read;
    }

    public String probeId() {
        return settings.probeId();
    }

    public ProbeStatus current() {
        HostFigures h = host.read();
        return new ProbeStatus(
                ProbeProtocol.VERSION,
                settings.probeId(),
                ProbeVersion.VALUE,
                Instant.now(),
                h.load1(),
                h.load5(),
                h.cpus(),
                h.memoryAvailableBytes(),
                h.memoryTotalBytes(),
                h.swapUsedBytes(),
                h.spoolPath(),
                h.spoolFreeBytes(),
                queue);
    }
}
