package org.sluice.probe.queue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sluice.probe.protocol.QueueDepth;

/**
 * Counts Postfix's queue with {@code postqueue -j} (postqueue(1), Postfix 3.1+): one JSON object per queued
 * message. Unlike {@link PostfixSpoolReader} it needs no access to the 0700 spool directories, since postqueue asks
 * the showq service, at the cost of a process per reading.
 */
public final class PostqueueReader extends CommandOutputReader {

    // A regex rather than a JSON library: queue_name is all we need, and postqueue writes it as a plain \w+ string.
    private static final Pattern QUEUE_NAME = Pattern.compile("\"queue_name\"\\s*:\\s*\"(\\w+)\"");

    public PostqueueReader(List<String> command) {
        this(command, CommandRunner.DEFAULT_TIMEOUT);
    }

    public PostqueueReader(List<String> command, Duration timeout) {
        super(new CommandRunner(command, timeout));
    }

    public static PostqueueReader standard() {
        return new PostqueueReader(List.of("postqueue", "-j"));
    }

    @Override
    protected QueueDepth parse(String output) {
        long incoming = 0;
        long active = 0;
        long deferred = 0;
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = QUEUE_NAME.matcher(line);
            if (!m.find()) {
                return QueueDepth.unknown(
                        name(),
                        "command '" + runner.shown() + "' printed a line without"
                                + " \"queue_name\": " + CommandRunner.abbreviate(line)
                                + " (expected postqueue -j output, Postfix 3.1 or later)");
            }
            switch (m.group(1)) {
                case "incoming", "maildrop" -> incoming++;
                case "active" -> active++;
                // hold, and any queue a later Postfix adds: the message is queued but not on its way out now.
                default -> deferred++;
            }
        }
        return QueueDepth.of(name(), incoming, active, deferred);
    }

    @Override
    public String name() {
        return "postqueue";
    }
}
