package org.sluice.probe.protocol;

/**
 * The contract between Sluice's LoadManager and the probes beside its MTAs, version {@value #VERSION}.
 * <p>
 * <b>Request</b>: an empty JMS {@code TextMessage} published to topic {@value #REQUEST_TOPIC} with string
 * property {@value #PROBE_ID_PROPERTY} (the probe asked, or {@value #ANY_PROBE} for all), int property
 * {@value #VERSION_PROPERTY}, a {@code JMSCorrelationID} and a {@code JMSReplyTo} (queue {@value #REPLY_QUEUE}).
 * <br><b>Reply</b>: a {@code TextMessage} to the {@code JMSReplyTo} with the request's {@code JMSCorrelationID},
 * property {@value #PROBE_ID_PROPERTY} and a JSON body, see {@link ProbeStatusJson}.
 * <p>
 * A change that an older reader cannot ignore (a field removed or changing meaning) raises the version; new
 * optional fields do not. Sluice refuses a reply of a newer version with a message that says so.
 */
public final class ProbeProtocol {

    public static final int VERSION = 1;

    /** Artemis address (JMS topic name) the probes listen on. */
    public static final String REQUEST_TOPIC = "SluiceProbeRequests";
    /** Artemis address (JMS queue name) the LoadManager reads replies from. */
    public static final String REPLY_QUEUE = "SluiceProbeReplies";

    public static final String PROBE_ID_PROPERTY = "sluiceProbeId";
    public static final String VERSION_PROPERTY = "sluiceProtocol";
    public static final String ANY_PROBE = "*";

    private ProbeProtocol() {}
}
