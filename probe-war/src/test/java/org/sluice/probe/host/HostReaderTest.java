package org.sluice.probe.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostReaderTest {

    private static final String MEMINFO = """
            MemTotal:        8000000 kB
            MemFree:          500000 kB
            MemAvailable:    6000000 kB
            Buffers:          100000 kB
            Cached:          4000000 kB
            SwapCached:            0 kB
            SwapTotal:       2000000 kB
            SwapFree:        1500000 kB
            HugePages_Total:       0
            """;

    @TempDir
    Path proc;

    @TempDir
    Path spool;

    @Test
    void readsLoadAndMemoryFromProcInBytes() throws IOException {
        Files.writeString(proc.resolve("loadavg"), "0.42 0.37 0.30 2/345 6789\n");
        Files.writeString(proc.resolve("meminfo"), MEMINFO);

        HostFigures figures = new HostReader(proc, spool).read();

        assertEquals(0.42, figures.load1());
        assertEquals(0.37, figures.load5());
        assertEquals(6_000_000L * 1024, figures.memoryAvailableBytes());
        assertEquals(8_000_000L * 1024, figures.memoryTotalBytes());
        assertEquals(500_000L * 1024, figures.swapUsedBytes());
        assertEquals(Runtime.getRuntime().availableProcessors(), figures.cpus());
    }

    @Test
    void reportsTheSpoolPathAndItsFreeSpace() throws IOException {
        HostFigures figures = new HostReader(proc, spool).read();

        assertEquals(spool.toString(), figures.spoolPath());
        assertTrue(figures.spoolFreeBytes() > 0, "free bytes " + figures.spoolFreeBytes());
    }

    @Test
    void spoolPathThatDoesNotExistHasUnknownFreeSpace() {
        HostFigures figures = new HostReader(proc, spool.resolve("missing")).read();

        assertEquals(spool.resolve("missing").toString(), figures.spoolPath());
        assertEquals(-1, figures.spoolFreeBytes());
    }

    @Test
    void kernelWithoutMemAvailableReportsItUnknownAndTheRestKnown() throws IOException {
        Files.writeString(proc.resolve("loadavg"), "1.50 2.25 3.00 1/100 42\n");
        Files.writeString(proc.resolve("meminfo"), MEMINFO.replace("MemAvailable:    6000000 kB\n", ""));

        HostFigures figures = new HostReader(proc, spool).read();

        assertEquals(-1, figures.memoryAvailableBytes());
        assertEquals(8_000_000L * 1024, figures.memoryTotalBytes());
        assertEquals(500_000L * 1024, figures.swapUsedBytes());
        assertEquals(1.5, figures.load1());
        assertEquals(2.25, figures.load5());
    }

    @Test
    void garbledProcFilesGiveUnknownFiguresInsteadOfFailing() throws IOException {
        Files.writeString(proc.resolve("loadavg"), "not a load average\n");
        Files.writeString(proc.resolve("meminfo"), "nonsense\n");

        HostFigures figures = new HostReader(proc, spool).read();

        assertEquals(-1, figures.load1());
        assertEquals(-1, figures.load5());
        assertEquals(-1, figures.memoryAvailableBytes());
        assertEquals(-1, figures.memoryTotalBytes());
        assertEquals(-1, figures.swapUsedBytes());
    }

    @Test
    void withoutProcTheJvmsOperatingSystemBeanGivesLoad1AndMemory() {
        HostFigures figures = new HostReader(proc.resolve("no-proc-here"), spool).read();

        assertEquals(-1, figures.load5(), "the OperatingSystemMXBean has no 5-minute average");
        assertTrue(figures.load1() >= 0 || figures.load1() == -1, "load1 " + figures.load1());
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        assertEquals(os.getTotalMemorySize(), figures.memoryTotalBytes());
        assertTrue(figures.memoryAvailableBytes() > 0, "available " + figures.memoryAvailableBytes());
        assertTrue(figures.swapUsedBytes() >= 0, "swap used " + figures.swapUsedBytes());
    }
}
