package org.sluice.probe.queue;

import java.time.Duration;
import java.util.List;
import org.sluice.probe.protocol.QueueDepth;

/** Counts Exim's queue with {@code exim -bpc}, which prints the number of queued messages and nothing else. */
public final class EximQueueReader implements QueueDepthReader {

    private final CommandRunner runner;

    public EximQueueReader(List<String> command) {
        this(command, CommandRunner.DEFAULT_TIMEOUT);
    }

    public EximQueueReader(List<String> command, Duration timeout) {
        this.runner = new CommandRunner(command, timeout);
    }

    public static EximQueueReader standard() {
        return new EximQueueReader(List.of("exim", "-bpc"));
    }

    @Override
    public QueueDepth read() {
        String output;
        try {
            output = runner.run();
        } catch (CommandFailedException e) {
            return QueueDepth.unknown(name(), e.getMessage());
        }
        String count = output.strip();
        if (!count.matches("\\d{1,18}")) {
            return QueueDepth.unknown(name(), "command '" + runner.shown() + "' printed "
                    + CommandRunner.abbreviate(output) + ", expected a single message count (exim -bpc)");
        }
        return QueueDepth.totalOnly(name(), Long.parseLong(count));
    }

    @Override
    public String name() {
        return "exim";
    }
}
