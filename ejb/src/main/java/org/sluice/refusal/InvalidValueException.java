package org.sluice.refusal;

import java.util.Arrays;

/**
 * A value a domain type refuses before any service holds it (a sending window's time, an MTA threshold, a webhook
 * URL): the message names the problem in English, as the REST API answers it, and {@link #messageKey()} names the
 * console's text for it, as {@link RequestRefusedException#localized} does for a refusal. Arguments are kept as strings.
 */
public class InvalidValueException extends IllegalArgumentException {

    private final String messageKey;

    private final String[] messageArguments;

    public InvalidValueException(String message, String messageKey, Object... arguments) {
        super(message);
        this.messageKey = messageKey;
        this.messageArguments = Arrays.stream(arguments).map(String::valueOf).toArray(String[]::new);
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] messageArguments() {
        return messageArguments.clone();
    }
}
