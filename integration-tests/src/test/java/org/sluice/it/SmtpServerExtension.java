package org.sluice.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a test's SMTP servers (GreenMail or a subclass such as {@code RefusingGreenMail}) and stops them afterwards.
 * Registered with {@code @RegisterExtension} on a static field, the servers run for the whole test class; on an
 * instance field, for one test (a new test instance, so new servers, per test). Registered after Arquillian's
 * extension, the servers start once Sluice is deployed and stop before it is undeployed; a test's own
 * {@code @BeforeAll}/{@code @BeforeEach} and {@code @AfterEach}/{@code @AfterAll} methods run while they are up.
 */
public final class SmtpServerExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    private final List<GreenMail> servers;
    private final List<GreenMail> running = new ArrayList<>();
    private boolean forWholeClass;

    private SmtpServerExtension(List<? extends GreenMail> servers) {
        this.servers = List.copyOf(servers);
    }

    public static SmtpServerExtension startAndStop(GreenMail... servers) {
        return new SmtpServerExtension(List.of(servers));
    }

    public static SmtpServerExtension startAndStop(List<? extends GreenMail> servers) {
        return new SmtpServerExtension(servers);
    }

    /** A plain GreenMail SMTP server on the loopback interface: it accepts every message and keeps it. */
    public static GreenMail plainSmtp(int port) {
        return new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        forWholeClass = true; // only an extension in a static field is called before all tests
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!forWholeClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!forWholeClass) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    private void start() {
        for (GreenMail server : servers) {
            server.start();
            running.add(server);
        }
    }

    /** Stops every server that started, even when stopping one of them fails. */
    private void stop() {
        RuntimeException failure = null;
        for (GreenMail server : running) {
            try {
                server.stop();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        running.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
