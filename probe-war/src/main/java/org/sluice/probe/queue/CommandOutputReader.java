package org.sluice.probe.queue;

import org.sluice.probe.protocol.QueueDepth;

/** A queue reader that runs a command and reads the depth from its output; a failed command is an unknown depth. */
abstract class CommandOutputReader implements QueueDepthReader {

    protected final CommandRunner runner;

    protected CommandOutputReader(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public final QueueDepth read() {
        String output;
        try {
            output = runner.run();
        } catch (CommandFailedException e) {
            return QueueDepth.unknown(name(), e.getMessage());
        }
        return parse(output);
    }

    /** The depth the command's output tells, or {@link QueueDepth#unknown} saying what was printed instead. */
    protected abstract QueueDepth parse(String output);
}
