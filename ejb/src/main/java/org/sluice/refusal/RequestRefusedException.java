package org.sluice.refusal;

import jakarta.ejb.ApplicationException;
import java.util.Arrays;

/**
 * A request Sluice refuses; the message tells the admin why, and its {@link Kind} says what is wrong with it, so the
 * REST API answers by meaning (409, 404, 422) and the console shows the message. Each feature throws its own subtype.
 *
 * <p>The message is English, for the API and the logs. A refusal an operator meets in the console also names the
 * console's text for it ({@link #localized}): a key of the console's bundle and its arguments, so the console can say
 * the same in its own language. The arguments are kept as strings: an id or a count is shown as it is (never grouped
 * like 1,234), and the exception stays serializable whatever it was given.
 */
@ApplicationException(rollback = true)
public abstract class RequestRefusedException extends RuntimeException {

    /** What is wrong with the request. */
    public enum Kind {
        /** It conflicts with the state of things (a campaign that is sending, settings that are unusable now). */
        CONFLICT,
        /** It names something that does not exist (a campaign, a recipient, an import). */
        NOT_FOUND,
        /** A value in it is wrong in itself (an address that is not one, an MTA name no MTA has). */
        INVALID
    }

    private static final String[] NONE = {};

    private final Kind kind;

    private String messageKey;

    private String[] messageArguments = NONE;

    protected RequestRefusedException(String message) {
        this(Kind.CONFLICT, message);
    }

    protected RequestRefusedException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Names the console's text for this refusal; {@link #getMessage()} stays the English sentence it was made with.
     *
     * @param key       a key of the console's bundle ({@code refusal.<feature>.<what>})
     * @param arguments its MessageFormat arguments, each kept as {@code String.valueOf(argument)}
     * @return this refusal, to be thrown
     */
    public RequestRefusedException localized(String key, Object... arguments) {
        this.messageKey = key;
        this.messageArguments = Arrays.stream(arguments).map(String::valueOf).toArray(String[]::new);
        return this;
    }

    /** The console's text for this refusal, or null if it has none (the console then shows the English message). */
    public String messageKey() {
        return messageKey;
    }

    /** The arguments of {@link #messageKey()}'s text, as strings. */
    public Object[] messageArguments() {
        return messageArguments.clone();
    }
}
