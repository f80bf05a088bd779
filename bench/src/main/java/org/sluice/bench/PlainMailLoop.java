package org.sluice.bench;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.sluice.demo.sample.SampleCampaign;
import org.sluice.demo.sample.SampleRecipients;
import org.sluice.mta.control.NoDelaySocketFactory;

/**
 * The baseline: what a hand-written Jakarta Mail program does with the same recipients, messages and
 * connections, and nothing else (no job, no database, no transactions). Each of the C threads owns one
 * Transport for its whole contiguous range of recipients, as each of Sluice's partitions does.
 */
final class PlainMailLoop {

    /** What the loop sent and how long it took, first connection to last reply. */
    record Result(long accepted, long refused, Duration duration, long messageBytes) {

        double messagesPerSecond() {
            return accepted / (duration.toNanos() / 1e9);
        }
    }

    private final String host;
    private final int port;

    PlainMailLoop(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** A Session with the properties Sluice's SmtpSessions sets for a plain-SMTP MTA. */
    Session session() {
        Properties props = new Properties();
        props.put("mail.transport.protocol", "smtp");
        props.put("mail.smtp.host", host);
        props.put("mail.smtp.port", Integer.toString(port));
        props.put("mail.smtp.from", SampleCampaign.FROM);
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "60000");
        props.put("mail.smtp.quitwait", "false");
        props.put("mail.smtp.socketFactory", NoDelaySocketFactory.INSTANCE);
        return Session.getInstance(props);
    }

    Result send(int recipients, int threads) throws InterruptedException, ExecutionException {
        Session session = session();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long t0 = System.nanoTime();
            List<Future<long[]>> parts = new ArrayList<>();
            int from = 1;
            for (int t = 0; t < threads; t++) {
                int to = t == threads - 1 ? recipients : from + recipients / threads - 1;
                int first = from;
                parts.add(pool.submit(() -> sendRange(session, first, to)));
                from = to + 1;
            }
            long accepted = 0;
            long refused = 0;
            for (Future<long[]> part : parts) {
                long[] counts = part.get();
                accepted += counts[0];
                refused += counts[1];
            }
            Duration duration = Duration.ofNanos(System.nanoTime() - t0);
            return new Result(accepted, refused, duration, messageBytes(session));
        } finally {
            pool.shutdownNow();
        }
    }

    /** @return {accepted, refused} */
    private static long[] sendRange(Session session, int first, int last) throws MessagingException {
        NewsletterMessages messages = new NewsletterMessages();
        long accepted = 0;
        long refused = 0;
        SMTPTransport transport = (SMTPTransport) session.getTransport();
        transport.connect();
        try {
            for (int i = first; i <= last; i++) {
                MimeMessage message = messages.render(SampleRecipients.row(i));
                try {
                    transport.sendMessage(message, message.getAllRecipients());
                    accepted++;
                } catch (SendFailedException e) {
                    refused++; // a 4xx/5xx reply, an outcome as in Sluice: the connection goes on
                }
            }
        } finally {
            transport.close();
        }
        return new long[] {accepted, refused};
    }

    private static long messageBytes(Session session) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            new NewsletterMessages().render(SampleRecipients.row(1)).writeTo(bytes);
            return bytes.size();
        } catch (MessagingException | IOException e) {
            return -1;
        }
    }
}
