package org.sluice.load.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sluice.mta.entity.MtaLimits;
import org.sluice.probe.protocol.ProbeStatus;
import org.sluice.probe.protocol.QueueDepth;

/**
 * The default policy: every figure normalised to the host's own size (load per processor, memory as a percentage
 * of its total, queue against this MTA's configured maximum), so one set of limits fits a 2-core relay and a
 * 64-core hub. An admitted MTA is stopped when any figure crosses its stop threshold; a stopped one is admitted
 * again only when every figure is back at its resume threshold (hysteresis). The budget is the queue's headroom.
 */
@Named("headroom")
@ApplicationScoped
public class HeadroomPolicy implements AdmissionPolicy {

    private static final long MB = 1024 * 1024;

    @Override
    public Admission decide(MtaLimits limits, ProbeStatus status, boolean admittedBefore) {
        QueueDepth queue = status.queue();
        boolean queueRead = !"none".equals(queue.reader());
        if (queueRead && !queue.known()) {
            return Admission.refuse("queue depth unknown (" + queue.error() + ")");
        }
        List<String> over = new ArrayList<>();
        if (queueRead) {
            long depth = queue.total();
            if (admittedBefore ? depth >= limits.maxQueueDepth() : depth > limits.queueResumeDepth()) {
                over.add(
                        admittedBefore
                                ? String.format(Locale.ROOT, "queue %,d >= max %,d", depth, limits.maxQueueDepth())
                                : String.format(
                                        Locale.ROOT, "queue %,d > resume %,d", depth, limits.queueResumeDepth()));
            }
        }
        double load = status.loadPerCpu();
        if (load >= 0) {
            double limit = admittedBefore ? limits.loadPerCpuStop() : limits.loadPerCpuResume();
            if (admittedBefore ? load >= limit : load > limit) {
                over.add(String.format(
                        Locale.ROOT, "load %.2f per CPU %s %.2f", load, admittedBefore ? ">=" : ">", limit));
            }
        }
        double memory = status.memoryAvailablePercent();
        if (memory >= 0) {
            double limit = admittedBefore ? limits.memoryStopPercent() : limits.memoryResumePercent();
            if (memory < limit) {
                over.add(String.format(Locale.ROOT, "memory available %.1f%% < %.1f%%", memory, limit));
            }
        }
        if (status.spoolFreeBytes() >= 0 && status.spoolFreeBytes() < limits.spoolMinFreeMb() * MB) {
            over.add(String.format(
                    Locale.ROOT, "spool free %,d MB < %,d MB", status.spoolFreeBytes() / MB, limits.spoolMinFreeMb()));
        }
        if (!over.isEmpty()) {
            return Admission.refuse(String.join("; ", over));
        }
        long headroom = queueRead ? limits.maxQueueDepth() - queue.total() : limits.maxQueueDepth();
        int budget = (int) Math.max(0, Math.min(Integer.MAX_VALUE, headroom));
        if (budget == 0) {
            return Admission.refuse(String.format(Locale.ROOT, "queue %,d leaves no headroom", queue.total()));
        }
        return Admission.admit(
                budget,
                queueRead
                        ? String.format(
                                Locale.ROOT,
                                "queue %,d of %,d, load %.2f per CPU",
                                queue.total(),
                                limits.maxQueueDepth(),
                                load)
                        : String.format(Locale.ROOT, "queue not read, load %.2f per CPU", load));
    }
}
