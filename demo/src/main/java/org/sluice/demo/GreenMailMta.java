package org.sluice.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The demo's MTA: GreenMail's SMTP server in this JVM, accepting mail for any address and keeping it in
 * memory, so the demo can count what really arrived rather than trust Sluice's own bookkeeping.
 */
final class GreenMailMta implements AutoCloseable {

    private final GreenMail greenMail;
    private final String where;

    GreenMailMta(String host, int port) {
        ServerSetup smtp = new ServerSetup(port, host, ServerSetup.PROTOCOL_SMTP);
        this.greenMail = new GreenMail(smtp);
        this.where = host + ":" + port;
    }

    void start() {
        try {
            greenMail.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "GreenMail cannot listen on " + where + " (is another SMTP server" + " using the port?): "
                            + e.getMessage(),
                    e);
        }
    }

    String where() {
        return where;
    }

    int received() {
        return greenMail.getReceivedMessages().length;
    }

    /** Size of one received message as it went over the wire, or -1 if none arrived. */
    long sampleSize() throws MessagingException, IOException {
        MimeMessage[] messages = greenMail.getReceivedMessages();
        if (messages.length == 0) {
            return -1;
        }
        CountingStream count = new CountingStream();
        messages[0].writeTo(count);
        return count.bytes;
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    private static final class CountingStream extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
