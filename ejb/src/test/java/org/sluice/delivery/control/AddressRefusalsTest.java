package org.sluice.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sluice.config.InvalidSettingException;
import org.sluice.config.SettingSource;

class AddressRefusalsTest {

    private static final AddressRefusals DEFAULTS = AddressRefusals.from(name -> Optional.empty());

    @ParameterizedTest
    @ValueSource(
            strings = {
                "550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown in local recipient table",
                "550-5.1.1 The email account that you tried to reach does not exist.",
                "5.1.1 user unknown",
                "556 5.1.10 Recipient address has null MX",
                "550 5.1.2 Host unknown",
                "553 5.1.3 Bad recipient address syntax",
                "551 5.1.6 Mailbox has moved"
            })
    void aPermanentRefusalOfTheAddressSuppressesIt(String reply) {
        assertTrue(DEFAULTS.suppresses(new SmtpReply(550, reply)), reply);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "554 5.7.1 Service unavailable; client host blocked using zen.spamhaus.org",
                "550 5.7.26 Unauthenticated email is not accepted",
                "552 5.2.2 Mailbox full",
                "550 5.6.0 Content rejected",
                "550 Requested action not taken: mailbox unavailable",
                "550 User unknown",
                "550 5.1.10x not a code",
                "550 5.1.11 not configured"
            })
    void aPolicyContentOrUncodedRefusalDoesNot(String reply) {
        assertFalse(DEFAULTS.suppresses(new SmtpReply(550, reply)), reply);
    }

    @Test
    void aTransientReplyNeverSuppressesEvenWithAnAddressCode() {
        assertFalse(DEFAULTS.suppresses(new SmtpReply(450, "450 4.1.1 <x@example.org>: Recipient address rejected")));
        assertFalse(DEFAULTS.suppresses(new SmtpReply(450, "450 5.1.1 mislabelled")));
    }

    @Test
    void anAdminChoosesTheCodesOrTurnsItOff() {
        SettingSource only511 =
                name -> name.equals(AddressRefusals.STATUSES.name()) ? Optional.of(" 5.1.1 ") : Optional.empty();
        assertTrue(AddressRefusals.from(only511).suppresses(new SmtpReply(550, "550 5.1.1 unknown")));
        assertFalse(AddressRefusals.from(only511).suppresses(new SmtpReply(556, "556 5.1.10 null MX")));

        AddressRefusals off = AddressRefusals.from(name -> Optional.of("None"));
        assertFalse(off.suppresses(new SmtpReply(550, "550 5.1.1 unknown")));
    }

    @Test
    void aSettingThatIsNotAListOfPermanentCodesIsRefusedWithItsNameAndValue() {
        InvalidSettingException e = assertThrows(
                InvalidSettingException.class, () -> AddressRefusals.from(name -> Optional.of("5.1.1,4.2.2")));
        assertEquals(
                "sluice.suppression.refused-statuses is '5.1.1,4.2.2': must list permanent enhanced status codes such"
                        + " as 5.1.1, comma-separated, or be none",
                e.getMessage());
    }
}
