package org.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of a process's threads grouped by what they do, read from Linux's /proc/PID/task (utime + stime in
 * clock ticks): tells whether a send was slow because of the job's own threads or because the JIT compiler, the
 * garbage collector or the database's background writer were busy at the same time. Empty where /proc is absent.
 */
final class ThreadCpu {

    /** Linux's USER_HZ, which /proc reports times in; 100 on every mainstream distribution. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, Long> ticksByThread;

    private ThreadCpu(Map<String, Long> ticksByThread) {
        this.ticksByThread = ticksByThread;
    }

    /** The threads of {@code pid} now, or empty when the system has no /proc. */
    static Optional<ThreadCpu> of(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return Optional.empty();
        }
        Map<String, Long> ticks = new HashMap<>();
        try (Stream<Path> threads = Files.list(tasks)) {
            threads.forEach(task -> {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    // comm may hold spaces and parentheses: the fields that follow it start after the last ')'
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.put(task.getFileName() + " " + name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                } catch (IOException | RuntimeException threadEnded) {
                    // the thread ended between the listing and the read: it is simply not counted
                }
            });
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(new ThreadCpu(ticks));
    }

    /** Seconds of CPU each kind of thread used since {@code before}, the largest first. */
    Map<String, Double> since(ThreadCpu before) {
        Map<String, Double> seconds = new TreeMap<>();
        ticksByThread.forEach((thread, ticks) -> {
            long used = ticks - before.ticksByThread.getOrDefault(thread, 0L);
            if (used > 0) {
                seconds.merge(kind(thread.substring(thread.indexOf(' ') + 1)), used / TICKS_PER_SECOND, Double::sum);
            }
        });
        return seconds;
    }

    /**
     * WildFly's thread names grouped: "Batch Thread - 3" and "Batch Thread - 7" are both the job. Linux keeps the
     * first 15 characters of a thread's name.
     */
    static String kind(String threadName) {
        if (threadName.startsWith("Batch Thread")) {
            return "job (batch threads)";
        }
        if (threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre")) {
            return "JIT compiler";
        }
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
            return "garbage collector";
        }
        if (threadName.startsWith("EE-ManagedExecu")) {
            return "managed executor (ledger writes)";
        }
        if (threadName.startsWith("MVStore") || threadName.startsWith("H2-")) {
            return "H2 background";
        }
        return "other";
    }
}
