package org.sluice.probe.queue;

import java.time.Duration;
import java.util.List;
import org.sluice.probe.protocol.QueueDepth;

/** Counts Exim's queue with {@code exim -bpc}, which prints the number of queued messages and nothing else. */
public final class EximQueueReader extends CommandOutputReader {

    public EximQueueReader(List<String> command) {
        this(command, CommandRunner.DEFAULT_TIMEOUT);
    }

    public EximQueueReader(List<String> command, Duration timeout) {
        super(new CommandRunner(command, timeout));
    }

    public static EximQueueReader standard() {
        return new EximQueueReader(List.of("exim", "-bpc"));
    }

    @Override
    protected QueueDepth parse(String output) {
        String count = output.strip();
        if (!count.matches("\\d{1,18}")) {
            return QueueDepth.unknown(
                    name(),
                    "command '" + runner.shown() + "' printed " + CommandRunner.abbreviate(output)
                            + ", expected a single message count (exim -bpc)");
        }
        return QueueDepth.totalOnly(name(), Long.parseLong(count));
    }

    @Override
    public String name() {
        return "exim";
    }
}
