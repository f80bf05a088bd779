package org.sluice.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An MTA that accepts mail at a fixed rate, as a relay with a fixed capacity does: the answer to each message's data
 * comes at the next free slot of a schedule of {@code rate} slots per second shared by all its connections (so more
 * connections do not make it faster), and it remembers each Message-ID it accepted, to count duplicates. It speaks
 * just what Jakarta Mail needs (no PIPELINING, no STARTTLS) and listens on loopback only. The whole benchmark's
 * machine has 2 cores, so the sinks must cost little: a thread per connection that mostly sleeps.
 */
final class PacedSmtpSink implements AutoCloseable {

    private final int port;
    private final long nanosPerMessage;
    private final long latencyNanos;
    private final AtomicLong nextSlot = new AtomicLong(System.nanoTime());
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peakOpen = new AtomicInteger();
    private final ExecutorService connections = Executors.newCachedThreadPool();
    private ServerSocket server;

    /**
     * @param latencyMillis the least time from a message's data to its answer (a remote relay's round trip and work),
     *     which bounds what one connection can send; 0 for none
     */
    PacedSmtpSink(int port, int messagesPerSecond, int latencyMillis) {
        this.port = port;
        this.nanosPerMessage = 1_000_000_000L / messagesPerSecond;
        this.latencyNanos = latencyMillis * 1_000_000L;
    }

    void start() throws IOException {
        server = new ServerSocket(port, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(
                () -> {
                    while (!server.isClosed()) {
                        try {
                            Socket socket = server.accept();
                            connections.submit(() -> serve(socket));
                        } catch (IOException closed) {
                            return;
                        }
                    }
                },
                "paced-sink-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    long accepted() {
        return accepted.get();
    }

    /** Messages accepted more than once (same Message-ID). */
    long duplicates() {
        return received.values().stream().mapToLong(n -> n.get() - 1).sum();
    }

    int peakConnections() {
        return peakOpen.get();
    }

    void clear() {
        received.clear();
        accepted.set(0);
        peakOpen.set(open.get());
    }

    private void serve(Socket socket) {
        peakOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        try (socket;
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                OutputStream out = socket.getOutputStream()) {
            reply(out, "220 paced-sink ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() < 4
                        ? line.toUpperCase()
                        : line.substring(0, 4).toUpperCase();
                switch (command) {
                    case "EHLO" -> reply(out, "250-paced-sink\r\n250 8BITMIME");
                    case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        String messageId = readMessage(in);
                        waitForSlot();
                        if (messageId != null) {
                            received.computeIfAbsent(messageId, id -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                        accepted.incrementAndGet();
                        reply(out, "250 accepted");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 not implemented");
                }
            }
        } catch (IOException | InterruptedException gone) {
            // The client went away (a killed node's connections end here).
        } finally {
            open.decrementAndGet();
        }
    }

    /** Reads the message up to the lone dot; @return its Message-ID, or null. */
    private static String readMessage(BufferedReader in) throws IOException {
        String messageId = null;
        boolean headers = true;
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            if (headers && line.isEmpty()) {
                headers = false;
            } else if (headers && line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                messageId = line.substring(11).strip();
            }
        }
        return messageId;
    }

    private void waitForSlot() throws InterruptedException {
        long now = System.nanoTime();
        long slot = nextSlot.getAndAccumulate(now, (next, t) -> Math.max(next, t) + nanosPerMessage);
        long wait = Math.max(slot, now + latencyNanos) - now;
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
        }
        connections.shutdownNow();
    }
}
