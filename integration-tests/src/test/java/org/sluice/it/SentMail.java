package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a campaign's messages at the tests' SMTP servers show: Sluice's Message-IDs name the campaign. */
final class SentMail {

    private SentMail() {}

    /** Every recipient of the campaign received exactly one message, over all the given SMTP servers. */
    static void assertEveryRecipientExactlyOnce(long campaign, int recipients, GreenMail... servers) throws Exception {
        List<String> ids = new ArrayList<>();
        for (GreenMail server : servers) {
            for (MimeMessage m : server.getReceivedMessages()) {
                if (m.getMessageID().startsWith("<sluice." + campaign + ".")) {
                    ids.add(m.getMessageID());
                }
            }
        }
        Set<String> unique = new HashSet<>(ids);
        assertEquals(ids.size(), unique.size(), "campaign " + campaign + ": a recipient was mailed twice");
        assertEquals(recipients, unique.size(), "campaign " + campaign + ": every recipient mailed");
    }
}
