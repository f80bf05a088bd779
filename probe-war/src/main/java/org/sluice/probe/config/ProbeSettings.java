package org.sluice.probe.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The probe's configuration, from system properties (set by wildfly/probe.cli).
 *
 * @param probeId               the id Sluice addresses this probe by ({@value #PROBE_ID})
 * @param queueReader           how the MTA queue is counted ({@value #QUEUE_READER}), one of {@link #QUEUE_READERS}
 * @param postfixQueueDirectory Postfix's queue_directory ({@value #POSTFIX_QUEUE_DIRECTORY})
 * @param queueCommand          the command for reader "command", or replacing the standard command of readers
 *                              postqueue/exim/sendmail; {@code null} when not used ({@value #QUEUE_COMMAND})
 * @param spoolPath             the path whose filesystem's free space is reported ({@value #SPOOL_PATH})
 * @param refreshInterval       how often the queue is counted ({@value #REFRESH_MILLIS})
 */
public record ProbeSettings(
        String probeId,
        String queueReader,
        Path postfixQueueDirectory,
        String queueCommand,
        Path spoolPath,
        Duration refreshInterval) {

    public static final String PROBE_ID = "sluice.probe.id";
    public static final String QUEUE_READER = "sluice.probe.queue.reader";
    public static final String POSTFIX_QUEUE_DIRECTORY = "sluice.probe.postfix.queue.directory";
    public static final String QUEUE_COMMAND = "sluice.probe.queue.command";
    public static final String SPOOL_PATH = "sluice.probe.spool.path";
    public static final String REFRESH_MILLIS = "sluice.probe.refresh.millis";

    public static final List<String> QUEUE_READERS =
            List.of("postfix", "postqueue", "exim", "sendmail", "command", "none");
    /** Below this the probe would spend its time counting rather than letting the MTA work. */
    public static final long MIN_REFRESH_MILLIS = 50;

    public ProbeSettings {
        Objects.requireNonNull(probeId, "probeId");
        Objects.requireNonNull(queueReader, "queueReader");
        Objects.requireNonNull(postfixQueueDirectory, "postfixQueueDirectory");
        Objects.requireNonNull(spoolPath, "spoolPath");
        Objects.requireNonNull(refreshInterval, "refreshInterval");
    }

    public static ProbeSettings fromSystemProperties() {
        Properties system = System.getProperties();
        return from(system.stringPropertyNames().stream().collect(Collectors.toMap(name -> name, system::getProperty)));
    }

    /**
     * @throws IllegalArgumentException naming the property, its bad value and what is allowed
     */
    public static ProbeSettings from(Map<String, String> properties) {
        String reader = value(properties, QUEUE_READER);
        if (reader == null) {
            reader = "postfix";
        } else if (!QUEUE_READERS.contains(reader)) {
            throw new IllegalArgumentException(
                    QUEUE_READER + " is '" + reader + "': must be one of " + String.join(", ", QUEUE_READERS));
        }
        String command = value(properties, QUEUE_COMMAND);
        if (reader.equals("command") && command == null) {
            throw new IllegalArgumentException(QUEUE_COMMAND + " is not set: required with " + QUEUE_READER
                    + "=command (a shell command printing the total, or 'incoming active deferred')");
        }
        if (!List.of("command", "postqueue", "exim", "sendmail").contains(reader)) {
            command = null;
        }
        Path postfixDirectory = path(properties, POSTFIX_QUEUE_DIRECTORY, "/var/spool/postfix");
        Path defaultSpool = reader.equals("postfix") || reader.equals("postqueue") ? postfixDirectory : Path.of("/");
        Path spool = path(properties, SPOOL_PATH, defaultSpool.toString());
        String id = value(properties, PROBE_ID);
        return new ProbeSettings(
                id == null ? hostName() : id,
                reader,
                postfixDirectory,
                command,
                spool,
                Duration.ofMillis(refreshMillis(value(properties, REFRESH_MILLIS))));
    }

    /** A property's trimmed value, or {@code null} when absent or blank (a CLI script may set it empty). */
    private static String value(Map<String, String> properties, String name) {
        String v = properties.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static Path path(Map<String, String> properties, String name, String fallback) {
        String v = value(properties, name);
        try {
            return Path.of(v == null ? fallback : v);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(name + " is '" + v + "': not a valid path (" + e.getReason() + ")", e);
        }
    }

    private static long refreshMillis(String v) {
        if (v == null) {
            return 1000;
        }
        long millis;
        try {
            millis = Long.parseLong(v);
        } catch (NumberFormatException e) {
            millis = -1;
        }
        if (millis < MIN_REFRESH_MILLIS) {
            throw new IllegalArgumentException(REFRESH_MILLIS + " is '" + v + "': must be a whole number of"
                    + " milliseconds, " + MIN_REFRESH_MILLIS + " or more");
        }
        return millis;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "probe";
        }
    }
}
