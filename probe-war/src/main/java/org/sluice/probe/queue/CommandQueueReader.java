package org.sluice.probe.queue;

import java.time.Duration;
import java.util.List;
import org.sluice.probe.protocol.QueueDepth;

/**
 * Counts any MTA's queue with an operator's shell command that prints either the total or
 * "incoming active deferred", as whole numbers separated by whitespace.
 */
public final class CommandQueueReader extends CommandOutputReader {

    private final String shellCommand;

    public CommandQueueReader(String shellCommand) {
        this(shellCommand, CommandRunner.DEFAULT_TIMEOUT);
    }

    public CommandQueueReader(String shellCommand, Duration timeout) {
        super(new CommandRunner(List.of("sh", "-c", required(shellCommand)), timeout));
        this.shellCommand = shellCommand;
    }

    private static String required(String shellCommand) {
        if (shellCommand == null || shellCommand.isBlank()) {
            throw new IllegalArgumentException("queue command must not be empty");
        }
        return shellCommand;
    }

    @Override
    protected QueueDepth parse(String output) {
        String[] numbers = output.strip().split("\\s+");
        boolean allCounts = List.of(numbers).stream().allMatch(n -> n.matches("\\d{1,18}"));
        if (allCounts && numbers.length == 1) {
            return QueueDepth.totalOnly(name(), Long.parseLong(numbers[0]));
        }
        if (allCounts && numbers.length == 3) {
            return QueueDepth.of(
                    name(), Long.parseLong(numbers[0]), Long.parseLong(numbers[1]), Long.parseLong(numbers[2]));
        }
        return QueueDepth.unknown(
                name(),
                "queue command '" + shellCommand + "' printed "
                        + CommandRunner.abbreviate(output)
                        + ", expected one whole number (total) or three (incoming active deferred)");
    }

    @Override
    public String name() {
        return "command";
    }
}
