package org.sluice.bounce.control;

/**
 * A bounce attributed to the message it is about.
 *
 * @param by how: a VERP address (its MAC checked) or, only without a bounce address, the returned Message-ID
 *           (guessable, so the recorder also requires the DSN to name the recipient's address)
 */
public record BounceMatch(MessageRef message, MatchedBy by) {

    public enum MatchedBy {
        VERP,
        MESSAGE_ID
    }
}
