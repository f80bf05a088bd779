package org.sluice.probe.host;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reads {@link HostFigures} from Linux's /proc (proc(5): loadavg, meminfo), falling back to the JVM's
 * OperatingSystemMXBean where /proc does not exist. Never throws: a figure it cannot read is {@code -1}.
 */
public final class HostReader {

    private static final long UNKNOWN = -1;

    private final Path procDirectory;
    private final Path spoolPath;

    public HostReader(Path procDirectory, Path spoolPath) {
        this.procDirectory = Objects.requireNonNull(procDirectory, "procDirectory");
        this.spoolPath = Objects.requireNonNull(spoolPath, "spoolPath");
    }

    public static HostReader ofThisHost(Path spoolPath) {
        return new HostReader(Path.of("/proc"), spoolPath);
    }

    public HostFigures read() {
        double[] load = load();
        long[] memory = memory();
        return new HostFigures(
                load[0],
                load[1],
                Runtime.getRuntime().availableProcessors(),
                memory[0],
                memory[1],
                memory[2],
                spoolPath.toString(),
                spoolFreeBytes());
    }

    /** {load1, load5}. */
    private double[] load() {
        Path loadavg = procDirectory.resolve("loadavg");
        if (!Files.exists(loadavg)) {
            // The MXBean gives only the 1-minute average.
            return new double[] {ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), UNKNOWN};
        }
        try {
            // "0.42 0.37 0.30 2/345 6789"
            String[] fields = Files.readString(loadavg).trim().split("\\s+");
            return new double[] {Double.parseDouble(fields[0]), Double.parseDouble(fields[1])};
        } catch (IOException | RuntimeException e) {
            return new double[] {UNKNOWN, UNKNOWN};
        }
    }

    /** {available, total, swap used} in bytes. */
    private long[] memory() {
        Path meminfo = procDirectory.resolve("meminfo");
        if (!Files.exists(meminfo)) {
            return memoryFromMxBean();
        }
        Map<String, Long> kib = new HashMap<>();
        try {
            for (String line : Files.readAllLines(meminfo)) {
                // "MemAvailable:    6123456 kB" (the kernel's "kB" is KiB)
                String[] fields = line.split("[:\\s]+");
                if (fields.length >= 2 && fields[1].chars().allMatch(Character::isDigit)) {
                    kib.put(fields[0], Long.parseLong(fields[1]));
                }
            }
        } catch (IOException | RuntimeException e) {
            return new long[] {UNKNOWN, UNKNOWN, UNKNOWN};
        }
        Long swapTotal = kib.get("SwapTotal");
        Long swapFree = kib.get("SwapFree");
        return new long[] {
            bytes(kib.get("MemAvailable")),
            bytes(kib.get("MemTotal")),
            swapTotal == null || swapFree == null ? UNKNOWN : bytes(swapTotal - swapFree)
        };
    }

    private static long bytes(Long kib) {
        return kib == null ? UNKNOWN : kib * 1024;
    }

    private static long[] memoryFromMxBean() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        try {
            if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
                // "Free" excludes reclaimable caches, so it understates what MemAvailable would say.
                return new long[] {
                    sun.getFreeMemorySize(),
                    sun.getTotalMemorySize(),
                    sun.getTotalSwapSpaceSize() - sun.getFreeSwapSpaceSize()
                };
            }
        } catch (LinkageError e) {
            // jdk.management not visible to this class loader (an app server may hide it): memory unknown.
        }
        return new long[] {UNKNOWN, UNKNOWN, UNKNOWN};
    }

    private long spoolFreeBytes() {
        try {
            return Files.getFileStore(spoolPath).getUsableSpace();
        } catch (IOException | SecurityException e) {
            return UNKNOWN;
        }
    }

    @Override
    public String toString() {
        return "HostReader[proc=" + procDirectory + ", spool=" + spoolPath + "]";
    }
}
