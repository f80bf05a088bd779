package org.sluice.it;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpHandler;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.smtp.commands.SmtpCommandRegistry;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A GreenMail SMTP server that keeps, for every message it accepts, only its Message-ID and envelope recipient, in
 * the order accepted, and how many SMTP connections are open. Storing 20,000 messages in GreenMail's mailboxes would
 * cost the test JVM more CPU than the sender it is measuring (two cores); these records are all a duplicate count
 * needs. A message counts as accepted before its 250 goes out, as a real MTA queues before it answers.
 */
public final class CountingGreenMail extends GreenMail {

    /** One accepted message for one envelope recipient, and when (System.nanoTime of this JVM). */
    public record Delivery(String messageId, String recipient, long acceptedNanos) {}

    // Initialised in the constructor, after GreenMail's constructor has called createServices().
    private List<Delivery> deliveries;
    private AtomicInteger accepted;
    private AtomicInteger openConnections;
    private volatile long delayMillis;

    public CountingGreenMail(int port) {
        super(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        deliveries = new ArrayList<>();
        accepted = new AtomicInteger();
        openConnections = new AtomicInteger();
    }

    /** Makes every message take this long before its 250, like a busy MTA, so a campaign lasts long enough to cut. */
    public void delayEachMessage(long millis) {
        delayMillis = millis;
    }

    /** Messages accepted so far (one per envelope recipient); lock-free, for a test that polls it mid-send. */
    public int accepted() {
        return accepted.get();
    }

    public synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    public synchronized void forget() {
        deliveries.clear();
        accepted.set(0);
    }

    public int openConnections() {
        return openConnections.get();
    }

    private synchronized void accept(String messageId, List<String> recipients) {
        long now = System.nanoTime();
        recipients.forEach(r -> deliveries.add(new Delivery(messageId, r, now)));
        accepted.addAndGet(recipients.size());
    }

    @Override
    protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
        return Map.of(ServerSetup.PROTOCOL_SMTP, new SmtpServer(config[0], managers) {
            @Override
            protected ProtocolHandler createProtocolHandler(Socket clientSocket) {
                return new SmtpHandler(new SmtpCommandRegistry(), new CountingSmtpManager(managers), clientSocket) {
                    @Override
                    public void run() {
                        openConnections.incrementAndGet();
                        try {
                            super.run(); // returns when the client quits or its socket dies
                        } finally {
                            openConnections.decrementAndGet();
                        }
                    }
                };
            }
        });
    }

    private final class CountingSmtpManager extends SmtpManager {

        CountingSmtpManager(Managers managers) {
            super(managers.getImapHostManager(), managers.getUserManager());
        }

        @Override
        public void send(SmtpState state) {
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String messageId;
            try {
                messageId = state.getMessage().getMessage().getMessageID();
            } catch (MessagingException e) {
                throw new IllegalStateException("received a message whose Message-ID cannot be read", e);
            }
            accept(
                    messageId,
                    state.getMessage().getToAddresses().stream()
                            .map(MailAddress::getEmail)
                            .toList());
        }
    }
}
