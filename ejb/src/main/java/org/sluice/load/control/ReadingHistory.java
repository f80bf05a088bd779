package org.sluice.load.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.sluice.probe.protocol.ProbeStatus;

/**
 * An MTA's readings over the last hour for the console's charts: at most one point per {@link #SPACING}, so an
 * hour is 360 points however often the probe is asked. Not thread-safe: the {@code MtaStatusBoard} guards it.
 */
public final class ReadingHistory {

    static final Duration SPAN = Duration.ofHours(1);
    static final Duration SPACING = Duration.ofSeconds(10);

    /**
     * @param loadPerCpu               1-minute load per processor, -1 unknown
     * @param memoryAvailablePercent   -1 unknown
     * @param queue                    the MTA's queue total, -1 unknown
     */
    @Schema(name = "MtaReading")
    public record Point(Instant at, double loadPerCpu, double memoryAvailablePercent, long queue) {}

    private final Deque<Point> points = new ArrayDeque<>();

    public void add(ProbeStatus status, Instant at) {
        Point last = points.peekLast();
        if (last != null && at.isBefore(last.at().plus(SPACING))) {
            return;
        }
        points.addLast(new Point(
                at,
                status.loadPerCpu(),
                status.memoryAvailablePercent(),
                status.queue() == null || !status.queue().known()
                        ? -1
                        : status.queue().total()));
        while (!points.isEmpty() && points.peekFirst().at().isBefore(at.minus(SPAN))) {
            points.removeFirst();
        }
    }

    public List<Point> points() {
        return new ArrayList<>(points);
    }
}
