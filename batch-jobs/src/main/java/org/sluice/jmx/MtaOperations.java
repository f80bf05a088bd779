package org.sluice.jmx;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.sluice.load.boundary.LoadManager;
import org.sluice.load.control.MtaAdmission;
import org.sluice.mta.boundary.MtaRegistry;
import org.sluice.mta.entity.Mta;
import org.sluice.mta.entity.MtaLimits;
import org.sluice.probe.protocol.ProbeStatus;

/** The MTA MBean: its settings from the registry, its admission as the LoadManager assesses it now. */
final class MtaOperations implements MtaMXBean {

    /**
     * One assessment serves a console's poll of every attribute; an assessment may ask the probe (a JMS round trip)
     * when its reading is older than the LoadManager's max age, as GET /mtas/status does.
     */
    private static final Duration FRESH = Duration.ofSeconds(1);

    private final String name;
    private final MtaRegistry registry;
    private final LoadManager loadManager;
    private final ManagedSettings settings;
    private final JmxCalls calls;
    private Mta mta;
    private MtaAdmission admission;
    private Instant readAt;

    MtaOperations(
            String name, MtaRegistry registry, LoadManager loadManager, ManagedSettings settings, JmxCalls calls) {
        this.name = name;
        this.registry = registry;
        this.loadManager = loadManager;
        this.settings = settings;
        this.calls = calls;
    }

    private synchronized void read() {
        Instant now = Instant.now();
        if (admission == null || readAt.plus(FRESH).isBefore(now)) {
            mta = calls.call(() -> registry.byName(name)
                    .orElseThrow(() -> new IllegalStateException("MTA '" + name + "' no longer exists")));
            admission = calls.call(() -> loadManager.assess(List.of(mta)).get(0));
            readAt = now;
        }
    }

    private synchronized Mta mta() {
        read();
        return mta;
    }

    private synchronized MtaAdmission admission() {
        read();
        return admission;
    }

    private synchronized void forget() {
        admission = null;
    }

    private ProbeStatus status() {
        return admission().status();
    }

    private MtaLimits limits() {
        return mta().limits();
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getHost() {
        return mta().getHost();
    }

    @Override
    public int getPort() {
        return mta().getPort();
    }

    @Override
    public boolean isEnabled() {
        return mta().isEnabled();
    }

    @Override
    public String getProbeId() {
        String p = mta().getProbeId();
        return p == null ? "" : p;
    }

    @Override
    public String getAdmission() {
        return admission().state().name();
    }

    @Override
    public String getAdmissionReason() {
        String r = admission().reason();
        return r == null ? "" : r;
    }

    @Override
    public int getBudget() {
        return admission().budget();
    }

    @Override
    public String getProbeReadAt() {
        Instant t = admission().readAt();
        return t == null ? "" : t.toString();
    }

    @Override
    public long getQueueDepth() {
        ProbeStatus s = status();
        return s == null || s.queue() == null ? -1 : s.queue().total();
    }

    @Override
    public double getLoadPerCpu() {
        ProbeStatus s = status();
        return s == null ? -1 : s.loadPerCpu();
    }

    @Override
    public double getMemoryAvailablePercent() {
        ProbeStatus s = status();
        return s == null ? -1 : s.memoryAvailablePercent();
    }

    @Override
    public long getSpoolFreeBytes() {
        ProbeStatus s = status();
        return s == null ? -1 : s.spoolFreeBytes();
    }

    @Override
    public int getProbeRoundTrips() {
        return admission().probeRoundTrip().samples();
    }

    @Override
    public double getProbeLatencyP50Millis() {
        return admission().probeRoundTrip().p50Millis();
    }

    @Override
    public double getProbeLatencyP99Millis() {
        return admission().probeRoundTrip().p99Millis();
    }

    @Override
    public double getProbeLatencyMaxMillis() {
        return admission().probeRoundTrip().maxMillis();
    }

    @Override
    public int getMaxQueueDepth() {
        return limits().maxQueueDepth();
    }

    @Override
    public int getQueueResumeDepth() {
        return limits().queueResumeDepth();
    }

    @Override
    public double getLoadPerCpuStop() {
        return limits().loadPerCpuStop();
    }

    @Override
    public double getLoadPerCpuResume() {
        return limits().loadPerCpuResume();
    }

    @Override
    public double getMemoryStopPercent() {
        return limits().memoryStopPercent();
    }

    @Override
    public double getMemoryResumePercent() {
        return limits().memoryResumePercent();
    }

    @Override
    public long getSpoolMinFreeMb() {
        return limits().spoolMinFreeMb();
    }

    @Override
    public void enable() {
        change(mta -> mta.setEnabled(true));
    }

    @Override
    public void disable() {
        change(mta -> mta.setEnabled(false));
    }

    @Override
    public void setQueueThresholds(int maxQueueDepth, int queueResumeDepth) {
        limits(l -> new MtaLimits(
                maxQueueDepth,
                queueResumeDepth,
                l.loadPerCpuStop(),
                l.loadPerCpuResume(),
                l.memoryStopPercent(),
                l.memoryResumePercent(),
                l.spoolMinFreeMb()));
    }

    @Override
    public void setLoadThresholds(double loadPerCpuStop, double loadPerCpuResume) {
        limits(l -> new MtaLimits(
                l.maxQueueDepth(),
                l.queueResumeDepth(),
                loadPerCpuStop,
                loadPerCpuResume,
                l.memoryStopPercent(),
                l.memoryResumePercent(),
                l.spoolMinFreeMb()));
    }

    @Override
    public void setMemoryThresholds(double memoryStopPercent, double memoryResumePercent) {
        limits(l -> new MtaLimits(
                l.maxQueueDepth(),
                l.queueResumeDepth(),
                l.loadPerCpuStop(),
                l.loadPerCpuResume(),
                memoryStopPercent,
                memoryResumePercent,
                l.spoolMinFreeMb()));
    }

    @Override
    public void setSpoolMinFreeMb(long spoolMinFreeMb) {
        limits(l -> new MtaLimits(
                l.maxQueueDepth(),
                l.queueResumeDepth(),
                l.loadPerCpuStop(),
                l.loadPerCpuResume(),
                l.memoryStopPercent(),
                l.memoryResumePercent(),
                spoolMinFreeMb));
    }

    private void limits(UnaryOperator<MtaLimits> change) {
        // MtaLimits checks the pair (resume within stop...) and names the offending value: checked here first, so a
        // console's typo is answered with the reason instead of rolling back (and being logged as) an EJB call.
        change.apply(limits());
        change(mta -> mta.setLimits(change.apply(mta.limits())));
    }

    private void change(java.util.function.Consumer<Mta> change) {
        forget();
        calls.run(() -> settings.mta(name, change));
    }
}
