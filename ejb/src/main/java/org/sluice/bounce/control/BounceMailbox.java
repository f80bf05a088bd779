package org.sluice.bounce.control;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;

/**
 * One pass over the bounce mailbox: every message is handed to a handler, and only those the handler says it has
 * dealt with (its effect committed) are removed: flagged \Deleted and expunged when the folder closes (IMAP), or
 * deleted at QUIT (POP3, RFC 1939 6). If the pass is cut short (a crash, a lost connection, the handler failing),
 * nothing not yet flagged is removed, so a bounce is never lost; handling it again must be harmless.
 */
public final class BounceMailbox {

    /** Decides about one message. */
    @FunctionalInterface
    public interface MessageHandler {
        /** @return true to remove the message: its effect is committed */
        boolean handle(Message message) throws Exception;
    }

    /** What one pass did. */
    public record Pass(int read, int removed) {}

    private final BounceMailboxSettings settings;

    public BounceMailbox(BounceMailboxSettings settings) {
        this.settings = settings;
    }

    /**
     * @throws MessagingException when the mailbox cannot be reached or read; messages already handled stay removed
     * @throws Exception          what the handler threw (the pass stops there; messages before it are removed)
     */
    public Pass drain(MessageHandler handler) throws Exception {
        Store store = settings.session().getStore();
        store.connect(settings.host(), settings.port(), emptyToNull(settings.user()), emptyToNull(settings.password()));
        try {
            Folder folder = store.getFolder(settings.folder());
            if (!folder.exists()) {
                throw new MessagingException("no folder '" + settings.folder() + "' in " + settings);
            }
            folder.open(Folder.READ_WRITE);
            int read = 0;
            int removed = 0;
            try {
                for (Message message : folder.getMessages()) {
                    read++;
                    if (handler.handle(message)) {
                        message.setFlag(Flags.Flag.DELETED, true);
                        removed++;
                    }
                }
            } catch (Exception failed) {
                // The messages flagged so far are committed and can go; the rest stays for the next pass.
                try {
                    folder.close(true);
                } catch (MessagingException closing) {
                    failed.addSuppressed(closing);
                }
                throw failed;
            }
            folder.close(true);
            return new Pass(read, removed);
        } finally {
            store.close();
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
