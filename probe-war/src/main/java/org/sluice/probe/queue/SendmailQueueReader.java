package org.sluice.probe.queue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sluice.probe.protocol.QueueDepth;

/**
 * Counts sendmail's queue from {@code mailq}'s listing. Sendmail 8.12+ ends it with "Total requests: N"; older
 * versions print that only for several queues, so without it the per-queue headers "/var/spool/mqueue (2 requests)"
 * and "/var/spool/mqueue is empty" are summed. Postfix's mailq ("Mail queue is empty", "-- 3 Kbytes in 2 Requests.")
 * is understood too, for hosts where mailq is Postfix's.
 */
public final class SendmailQueueReader extends CommandOutputReader {

    private static final Pattern TOTAL = Pattern.compile("(?im)^\\s*Total requests:\\s*(\\d+)\\s*$");
    private static final Pattern POSTFIX_TOTAL = Pattern.compile("(?im)^-- .* in (\\d+) Requests?\\.\\s*$");
    private static final Pattern QUEUE_HEADER = Pattern.compile("(?m)^\\s*\\S.* \\((\\d+) requests?[,)]");
    private static final Pattern EMPTY = Pattern.compile("(?im)^\\s*\\S.* is empty\\s*$");

    public SendmailQueueReader(List<String> command) {
        this(command, CommandRunner.DEFAULT_TIMEOUT);
    }

    public SendmailQueueReader(List<String> command, Duration timeout) {
        super(new CommandRunner(command, timeout));
    }

    public static SendmailQueueReader standard() {
        return new SendmailQueueReader(List.of("mailq"));
    }

    @Override
    protected QueueDepth parse(String output) {
        for (Pattern total : List.of(TOTAL, POSTFIX_TOTAL)) {
            Matcher m = total.matcher(output);
            if (m.find()) {
                return QueueDepth.totalOnly(name(), Long.parseLong(m.group(1)));
            }
        }
        Matcher header = QUEUE_HEADER.matcher(output);
        long sum = 0;
        boolean counted = false;
        while (header.find()) {
            sum += Long.parseLong(header.group(1));
            counted = true;
        }
        if (counted || EMPTY.matcher(output).find()) {
            return QueueDepth.totalOnly(name(), sum);
        }
        return QueueDepth.unknown(
                name(),
                "command '" + runner.shown() + "' printed " + CommandRunner.abbreviate(output)
                        + ": found neither \"Total requests: N\" nor \"... is empty\" (expected sendmail's mailq listing)");
    }

    @Override
    public String name() {
        return "sendmail";
    }
}
