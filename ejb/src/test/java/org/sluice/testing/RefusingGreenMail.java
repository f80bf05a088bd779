package org.sluice.testing;

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
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GreenMail accepts every recipient at once; this one answers RCPT TO with a chosen reply for chosen addresses (as an
 * MTA does for unknown users or full mailboxes) and counts the SMTP connections it accepts, and the most it had open at
 * once.
 */
public final class RefusingGreenMail extends GreenMail {

    // Initialised lazily: GreenMail's constructor calls createServices() before subclass fields exist.
    private Map<String, String> refusals;
    private Map<String, AtomicInteger> timesLeft;
    private Map<String, AtomicInteger> rcptAttempts;
    private AtomicInteger connections;
    private AtomicInteger open;
    private AtomicInteger maxOpen;
    private volatile long delayMillis;

    public RefusingGreenMail(int port) {
        super(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        refusals = new ConcurrentHashMap<>();
        timesLeft = new ConcurrentHashMap<>();
        rcptAttempts = new ConcurrentHashMap<>();
        connections = new AtomicInteger();
        open = new AtomicInteger();
        maxOpen = new AtomicInteger();
    }

    public void refuse(String address, String reply) {
        refusals.put(address, reply);
        timesLeft.remove(address);
    }

    /** Answers RCPT TO for this address with the reply the first {@code times} times, then accepts it (greylisting). */
    public void refuse(String address, String reply, int times) {
        refusals.put(address, reply);
        timesLeft.put(address, new AtomicInteger(times));
    }

    /** How many times a client has sent RCPT TO for this address. */
    public int rcptAttempts(String address) {
        AtomicInteger attempts = rcptAttempts.get(address);
        return attempts == null ? 0 : attempts.get();
    }

    /** Makes every accepted message take this long, like a busy MTA, so a test can act mid-campaign. */
    public void delayEachMessage(long millis) {
        delayMillis = millis;
    }

    public int connectionsAccepted() {
        return connections.get();
    }

    /** The most SMTP connections that were open at the same time (a session ends when its handler returns). */
    public int maxConcurrentConnections() {
        return maxOpen.get();
    }

    /** Starts counting {@link #maxConcurrentConnections} afresh from the connections open now (one test's peak). */
    public void resetMaxConcurrentConnections() {
        maxOpen.set(open.get());
    }

    public int openConnections() {
        return open.get();
    }

    @Override
    protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
        return Map.of(ServerSetup.PROTOCOL_SMTP, new SmtpServer(config[0], managers) {
            @Override
            protected ProtocolHandler createProtocolHandler(Socket clientSocket) {
                connections.incrementAndGet();
                // Counted from the accept, so a connection is open here from the client's point of view.
                maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                return new SmtpHandler(new SmtpCommandRegistry(), new RefusingSmtpManager(managers), clientSocket) {
                    @Override
                    public void run() {
                        try {
                            super.run();
                        } finally {
                            open.decrementAndGet();
                        }
                    }
                };
            }
        });
    }

    private final class RefusingSmtpManager extends SmtpManager {

        private final SmtpManager delivery;

        RefusingSmtpManager(Managers managers) {
            super(managers.getImapHostManager(), managers.getUserManager());
            this.delivery = managers.getSmtpManager();
        }

        @Override
        public String checkRecipient(SmtpState state, MailAddress rcpt) {
            String address = rcpt.getEmail();
            rcptAttempts.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
            AtomicInteger left = timesLeft.get(address);
            if (left != null && left.getAndDecrement() <= 0) {
                return null;
            }
            return refusals.get(address);
        }

        @Override
        public void send(SmtpState state) {
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis); // outside any lock: parallel connections are slow in parallel
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (this) {
                delivery.send(state); // GreenMail's own manager stores the message and wakes its waiters
            }
        }
    }
}
