package org.sluice.probe.queue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one queue command with a time limit and returns its standard output. */
final class CommandRunner {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final List<String> command;
    private final Duration timeout;

    CommandRunner(List<String> command) {
        this(command, DEFAULT_TIMEOUT);
    }

    CommandRunner(List<String> command, Duration timeout) {
        if (command == null || command.isEmpty() || command.get(0).isBlank()) {
            throw new IllegalArgumentException("queue command must name a program, was " + command);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("queue command timeout must be positive, was " + timeout);
        }
        this.command = List.copyOf(command);
        this.timeout = timeout;
    }

    /** The command as shown in errors: its words joined by spaces. */
    String shown() {
        return String.join(" ", command);
    }

    /**
     * @throws CommandFailedException naming the command and what went wrong: not found, exit code and the first
     *                                line of its error output, or the time limit
     */
    String run() throws CommandFailedException {
        String shown = shown();
        Path out = null;
        Path err = null;
        Process process = null;
        try {
            // Output goes to files, not pipes: mailq may print megabytes, and a pipe nobody drains would block the
            // command until it times out; a file also needs no reader thread in the container.
            out = Files.createTempFile("sluice-probe-", ".out");
            err = Files.createTempFile("sluice-probe-", ".err");
            process = start(shown, out, err);
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new CommandFailedException(
                        "command '" + shown + "' did not finish within " + timeout.toMillis() + " ms and was killed");
            }
            int exit = process.exitValue();
            if (exit != 0) {
                throw new CommandFailedException(
                        "command '" + shown + "' exited with code " + exit + ": " + firstLine(text(err)));
            }
            return text(out);
        } catch (IOException e) {
            throw new CommandFailedException("command '" + shown + "' output could not be captured: " + e);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new CommandFailedException("command '" + shown + "' was interrupted and killed");
        } finally {
            delete(out);
            delete(err);
        }
    }

    private static void kill(Process process) {
        if (process != null) {
            // Children first: once "sh -c" is gone its command is no longer among its descendants.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** Decoded leniently: mailq may list a sender's name in Latin-1. */
    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private Process start(String shown, Path out, Path err) throws CommandFailedException {
        try {
            return new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            // The JDK reports exec(2)'s errno in the message: error=2 is ENOENT, error=13 EACCES.
            if (message.contains("error=2,")) {
                throw new CommandFailedException("command '" + command.get(0) + "' not found (PATH="
                        + System.getenv("PATH") + "): install it, or give its full path in sluice.probe.queue-command");
            }
            if (message.contains("error=13,")) {
                throw new CommandFailedException("command '" + command.get(0) + "' is not executable by user '"
                        + System.getProperty("user.name") + "'");
            }
            throw new CommandFailedException("command '" + shown + "' could not be started: " + message);
        }
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return "(no error output)";
        }
        int end = trimmed.indexOf('\n');
        return end < 0 ? trimmed : trimmed.substring(0, end).strip();
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }

    /** Output quoted in an error: one line, at most 80 characters. */
    static String abbreviate(String output) {
        String oneLine = output.strip().replaceAll("\\s+", " ");
        return "'" + (oneLine.length() > 80 ? oneLine.substring(0, 80) + "..." : oneLine) + "'";
    }
}
