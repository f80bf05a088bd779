package org.sluice.message.control;

import java.util.List;

/** A campaign whose templates cannot be sent: each problem names the template and what is wrong. */
public class InvalidTemplateException extends Exception {

    private final List<String> problems;

    public InvalidTemplateException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
