package org.sluice.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Postfix's smtp-sink (Debian package postfix) as the MTA: it accepts and discards mail far faster than either
 * sender under test sends it, so the senders are measured, not the sink (figures in docs/benchmarks.md).
 */
final class SmtpSink implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/smtp-sink");
    /** Listen backlog: both senders connect at once. */
    private static final String BACKLOG = "1000";

    private final int port;
    private final Path log;
    private final int dataDelaySeconds;
    private Process process;

    SmtpSink(int port, Path log) {
        this(port, log, 0);
    }

    /** @param dataDelaySeconds smtp-sink -w: seconds before answering DATA, which makes a slow relay */
    SmtpSink(int port, Path log, int dataDelaySeconds) {
        this.port = port;
        this.log = log;
        this.dataDelaySeconds = dataDelaySeconds;
    }

    void start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " not found: install Debian's postfix package (apt-get install"
                    + " postfix, choosing 'No configuration') for smtp-sink");
        }
        if (accepts()) {
            throw new IllegalStateException("something already listens on 127.0.0.1:" + port);
        }
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-4"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "nobody")); // smtp-sink refuses to run as root
        }
        if (dataDelaySeconds > 0) {
            command.addAll(List.of("-w", Integer.toString(dataDelaySeconds)));
        }
        command.addAll(List.of("127.0.0.1:" + port, BACKLOG));
        Files.createDirectories(log.getParent());
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        for (int i = 0; i < 50 && !accepts(); i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("smtp-sink exited with code " + process.exitValue() + ": "
                        + Files.readString(log).strip());
            }
            Thread.sleep(100);
        }
        if (!accepts()) {
            throw new IllegalStateException("smtp-sink does not accept connections on 127.0.0.1:" + port);
        }
    }

    String where() {
        return "127.0.0.1:" + port;
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
