package org.sluice.unsubscribe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OneClickFormTest {

    @Test
    void aMailClientsUrlEncodedOneClickPost() {
        assertEquals(new OneClickForm(true, false),
                OneClickForm.parse("application/x-www-form-urlencoded", "List-Unsubscribe=One-Click"));
    }

    @Test
    void aMailClientsMultipartOneClickPost() {
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--XyZ--\r\n";

        assertEquals(new OneClickForm(true, false), OneClickForm.parse("multipart/form-data; boundary=XyZ", body));
    }

    @Test
    void theConfirmationPagesPost() {
        assertEquals(new OneClickForm(true, true), OneClickForm.parse("application/x-www-form-urlencoded; charset=UTF-8",
                "List-Unsubscribe=One-Click&via=page"));
    }

    @Test
    void aPostWithoutTheOneClickFieldIsNotOne() {
        assertEquals(new OneClickForm(false, false), OneClickForm.parse("application/x-www-form-urlencoded", ""));
        assertEquals(new OneClickForm(false, false), OneClickForm.parse(null, null));
        assertEquals(new OneClickForm(false, false),
                OneClickForm.parse("application/x-www-form-urlencoded", "List-Unsubscribe=Two-Clicks"));
        assertEquals(new OneClickForm(false, false),
                OneClickForm.parse("application/x-www-form-urlencoded", "List-Unsubscribe=%zz"));
    }
}
