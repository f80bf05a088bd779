package org.sluice.unsubscribe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.MessagingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OneClickFormTest {

    @Test
    void aMailClientsUrlEncodedOneClickPost() {
        assertEquals(new OneClickForm(true, false), OneClickForm.of(Map.of("List-Unsubscribe", "One-Click")::get));
    }

    @Test
    void aMailClientsMultipartOneClickPost() throws Exception {
        String body =
                "--XyZ\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--XyZ--\r\n";

        assertEquals(new OneClickForm(true, false), multipart("multipart/form-data; boundary=XyZ", body));
    }

    @Test
    void theConfirmationPagesPost() throws Exception {
        assertEquals(
                new OneClickForm(true, true),
                OneClickForm.of(Map.of("List-Unsubscribe", "One-Click", "via", "page")::get));
        String body = "--b\r\nContent-Disposition: form-data; name=\"via\"\r\n\r\npage\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\nContent-Type: text/plain\r\n\r\n"
                + "One-Click\r\n--b--\r\n";
        assertEquals(new OneClickForm(true, true), multipart("multipart/form-data; boundary=b", body));
    }

    @Test
    void aPostWithoutTheOneClickFieldIsNotOne() throws Exception {
        assertEquals(new OneClickForm(false, false), OneClickForm.of(Map.<String, String>of()::get));
        assertEquals(new OneClickForm(false, false), OneClickForm.of(Map.of("List-Unsubscribe", "Two-Clicks")::get));
        assertEquals(
                new OneClickForm(false, false),
                multipart(
                        "multipart/form-data; boundary=XyZ",
                        "--XyZ\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nOne-Click\r\n--XyZ--\r\n"));
    }

    @Test
    void aBodyThatIsNotMultipartWithItsBoundaryIsRefused() {
        assertThrows(
                MessagingException.class,
                () -> multipart("multipart/form-data; boundary=XyZ", "List-Unsubscribe=One-Click"));
    }

    /** The body the old regex took seconds over (parts whose headers never end): linear in the MIME parser. */
    @Test
    void aCraftedBodyIsReadInLinearTime() {
        String crafted = "--XyZ\r\n" + "Content-Disposition: form-data; name=\"a\"\r\nx\r\n".repeat(90);
        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            try {
                multipart("multipart/form-data; boundary=XyZ", crafted);
            } catch (Exception refused) {
                // a malformed body may be refused: only the time counts here
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.toMillis() < 2000, "20 crafted bodies of " + crafted.length() + " bytes took " + took);
    }

    private static OneClickForm multipart(String type, String body) throws Exception {
        return OneClickForm.multipart(type, body.getBytes(StandardCharsets.UTF_8));
    }
}
