package org.sluice.probe.config;

import java.util.List;
import org.sluice.probe.queue.CommandQueueReader;
import org.sluice.probe.queue.EximQueueReader;
import org.sluice.probe.queue.NoQueueReader;
import org.sluice.probe.queue.PostfixSpoolReader;
import org.sluice.probe.queue.PostqueueReader;
import org.sluice.probe.queue.QueueDepthReader;
import org.sluice.probe.queue.SendmailQueueReader;

/** Builds the queue reader {@link ProbeSettings} name. */
public final class QueueDepthReaders {

    private QueueDepthReaders() {}

    public static QueueDepthReader create(ProbeSettings s) {
        String command = s.queueCommand();
        return switch (s.queueReader()) {
            case "postfix" -> new PostfixSpoolReader(s.postfixQueueDirectory());
            case "postqueue" -> command == null ? PostqueueReader.standard() : new PostqueueReader(words(command));
            case "exim" -> command == null ? EximQueueReader.standard() : new EximQueueReader(words(command));
            case "sendmail" ->
                command == null ? SendmailQueueReader.standard() : new SendmailQueueReader(words(command));
            case "command" -> new CommandQueueReader(command);
            case "none" -> new NoQueueReader();
            default ->
                throw new IllegalArgumentException(ProbeSettings.QUEUE_READER.name() + " is '" + s.queueReader()
                        + "': must be one of " + String.join(", ", ProbeSettings.QUEUE_READERS));
        };
    }

    // No shell quoting on purpose: a command needing it belongs in reader "command", which runs sh -c.
    private static List<String> words(String command) {
        return List.of(command.strip().split("\\s+"));
    }
}
