package org.sluice.bounce.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sluice.config.SettingSource;

/** The bounce mailbox against real IMAP and POP3 servers (GreenMail on loopback). */
class BounceMailboxTest {

    private static final int IMAP_PORT = 3121;
    private static final int POP3_PORT = 3122;

    private final DeliveryStatusParser parser = new DeliveryStatusParser();
    private GreenMail mailServer;
    private GreenMailUser bounces;

    @BeforeEach
    void startMailServer() {
        mailServer = new GreenMail(new ServerSetup[] {
            new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
            new ServerSetup(POP3_PORT, "127.0.0.1", ServerSetup.PROTOCOL_POP3)
        });
        mailServer.start();
        bounces = mailServer.setUser("bounces@bounce.sluice.test", "bounces", "s3cret");
    }

    @AfterEach
    void stopMailServer() {
        mailServer.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"imap", "pop3"})
    void deliveryReportsAreRemovedAndEverythingElseStays(String protocol) throws Exception {
        deliver(
                "postfix-user-unknown.eml",
                "out-of-office.eml",
                "exchange-recipient-not-found.eml",
                "read-receipt.eml");
        List<String> seen = new ArrayList<>();

        BounceMailbox.Pass pass = mailbox(protocol).drain(message -> {
            seen.add(message.getSubject());
            return parser.parse(message).isPresent();
        });

        assertEquals(new BounceMailbox.Pass(4, 2), pass);
        assertEquals(
                List.of(
                        "Undelivered Mail Returned to Sender",
                        "Automatic reply: News for Ann",
                        "Undeliverable: News for Bob",
                        "Read: News for Ann"),
                seen);
        assertEquals(List.of("Automatic reply: News for Ann", "Read: News for Ann"), subjectsInMailbox());
        assertEquals(
                new BounceMailbox.Pass(2, 0),
                mailbox(protocol).drain(message -> parser.parse(message).isPresent()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"imap", "pop3"})
    void whenHandlingFailsMidwayOnlyTheMessagesHandledBeforeAreRemoved(String protocol) throws Exception {
        deliver("postfix-user-unknown.eml", "postfix-delayed.eml", "exchange-recipient-not-found.eml");

        IllegalStateException failure = assertThrows(
                IllegalStateException.class,
                () -> mailbox(protocol).drain(message -> {
                    if (message.getSubject().startsWith("Delayed")) {
                        throw new IllegalStateException("database down");
                    }
                    return true;
                }));

        assertEquals("database down", failure.getMessage());
        assertEquals(List.of("Delayed Mail (still being retried)", "Undeliverable: News for Bob"), subjectsInMailbox());
    }

    @Test
    void aWrongPasswordOrAMissingFolderIsAnErrorThatNamesTheMailbox() throws Exception {
        Properties wrongPassword = settings("imap");
        wrongPassword.setProperty("sluice.bounce.password", "wrong");
        Properties missingFolder = settings("imap");
        missingFolder.setProperty("sluice.bounce.folder", "Bounces");

        assertThrows(MessagingException.class, () -> mailbox(wrongPassword).drain(message -> true));
        MessagingException missing = assertThrows(
                MessagingException.class, () -> mailbox(missingFolder).drain(message -> true));
        assertEquals("no folder 'Bounces' in imap://bounces@127.0.0.1:3121/Bounces", missing.getMessage());
    }

    @Test
    void settingsComeFromTheConfigurationAndAnUnsetHostMeansNoMailbox() {
        assertEquals(java.util.Optional.empty(), BounceMailboxSettings.from(source(new Properties())));
        BounceMailboxSettings pop3 =
                BounceMailboxSettings.from(source(settings("POP3"))).orElseThrow();
        assertEquals("pop3://bounces@127.0.0.1:3122/INBOX", pop3.toString());
        Properties popFolder = settings("pop3");
        popFolder.setProperty("sluice.bounce.folder", "Bounces");
        assertThrows(IllegalArgumentException.class, () -> BounceMailboxSettings.from(source(popFolder)));
        Properties smtp = settings("imap");
        smtp.setProperty("sluice.bounce.protocol", "smtp");
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> BounceMailboxSettings.from(source(smtp)));
        assertEquals(
                "sluice.bounce.protocol is 'smtp': must be one of",
                refused.getMessage().substring(0, 48));
        Properties badPort = settings("imap");
        badPort.setProperty("sluice.bounce.port", "imap");
        assertEquals(
                "sluice.bounce.port is 'imap': must be a whole number, 1 or more",
                assertThrows(IllegalArgumentException.class, () -> BounceMailboxSettings.from(source(badPort)))
                        .getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"imap", "pop3"})
    void aReturnedMessageKeepsItsHeadersWhenReadFromTheServer(String protocol) throws Exception {
        // An IMAP server serves a message/rfc822 part's content without the nested message's header fields.
        deliver("exchange-recipient-not-found.eml");
        List<String> returnedIds = new ArrayList<>();

        mailbox(protocol).drain(message -> {
            returnedIds.add(new BounceReader().read(message).orElseThrow().originalMessageId());
            return false;
        });

        assertEquals(List.of("<sluice.42.1002@sluice.test>"), returnedIds);
    }

    private static SettingSource source(Properties settings) {
        return name -> java.util.Optional.ofNullable(settings.getProperty(name));
    }

    private BounceMailbox mailbox(String protocol) {
        return mailbox(settings(protocol));
    }

    private static BounceMailbox mailbox(Properties settings) {
        return new BounceMailbox(BounceMailboxSettings.from(source(settings)).orElseThrow());
    }

    private static Properties settings(String protocol) {
        Properties p = new Properties();
        p.setProperty("sluice.bounce.protocol", protocol);
        p.setProperty("sluice.bounce.host", "127.0.0.1");
        p.setProperty(
                "sluice.bounce.port", Integer.toString(protocol.equalsIgnoreCase("pop3") ? POP3_PORT : IMAP_PORT));
        p.setProperty("sluice.bounce.user", "bounces");
        p.setProperty("sluice.bounce.password", "s3cret");
        return p;
    }

    private void deliver(String... samples) throws Exception {
        for (String sample : samples) {
            bounces.deliver(DeliveryStatusParserTest.sample(sample));
        }
    }

    private List<String> subjectsInMailbox() throws Exception {
        List<String> subjects = new ArrayList<>();
        for (var stored :
                mailServer.getManagers().getImapHostManager().getInbox(bounces).getMessages()) {
            subjects.add(stored.getMimeMessage().getSubject());
        }
        return subjects;
    }
}
