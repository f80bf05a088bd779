package org.sluice.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmtpReplyTest {

    @ParameterizedTest
    @ValueSource(ints = {250, 251, 200, 299})
    void twoHundredsAreAccepted(int code) {
        SmtpReply reply = new SmtpReply(code, "");
        assertTrue(reply.accepted());
        assertFalse(reply.transientFailure());
        assertFalse(reply.permanentFailure());
    }

    @ParameterizedTest
    @ValueSource(ints = {421, 450, 451, 452, 499})
    void fourHundredsAreTransient(int code) {
        SmtpReply reply = new SmtpReply(code, "");
        assertFalse(reply.accepted());
        assertTrue(reply.transientFailure());
        assertFalse(reply.permanentFailure());
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 550, 552, 554, 599})
    void fiveHundredsArePermanent(int code) {
        SmtpReply reply = new SmtpReply(code, "");
        assertFalse(reply.accepted());
        assertFalse(reply.transientFailure());
        assertTrue(reply.permanentFailure());
    }

    @Test
    void noReplyIsNeitherAcceptedNorAFailureClass() {
        SmtpReply reply = new SmtpReply(SmtpReply.NO_REPLY, "connection reset");
        assertFalse(reply.accepted());
        assertFalse(reply.transientFailure());
        assertFalse(reply.permanentFailure());
    }

    @Test
    void replyTextIsTrimmedAndNeverNull() {
        assertEquals("5.1.1 unknown user", new SmtpReply(550, "  5.1.1 unknown user\r\n").text());
        assertEquals("", new SmtpReply(250, null).text());
    }

    @Test
    void overlongReplyTextIsCutForStorage() {
        assertEquals(1000, new SmtpReply(550, "x".repeat(5000)).text().length());
    }

    @Test
    void printsAsTheServerWroteIt() {
        assertEquals("550 5.1.1 unknown user", new SmtpReply(550, "550 5.1.1 unknown user").toString());
        assertEquals("550 5.1.1 unknown user", new SmtpReply(550, "5.1.1 unknown user").toString());
        assertEquals("250", new SmtpReply(250, null).toString().strip());
    }
}
