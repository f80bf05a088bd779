package org.sluice.config;

/** A setting whose value cannot be used; the message names the setting, the value and what it must be. */
public class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidSettingException(String name, String value, String expected) {
        super(name + " is '" + value + "': " + expected);
    }

    public InvalidSettingException(String message) {
        super(message);
    }
}
