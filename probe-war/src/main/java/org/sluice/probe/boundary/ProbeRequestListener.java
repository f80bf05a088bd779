package org.sluice.probe.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.logging.Logger;
import org.sluice.probe.protocol.ProbeProtocol;
import org.sluice.probe.protocol.ProbeStatusJson;

/**
 * Answers Sluice's status requests (protocol in {@link ProbeProtocol}). Requests arrive on a topic every probe
 * listens on; this probe answers those addressed to its id or to every probe, and ignores the rest.
 * <p>
 * The topic is named by its Artemis address, not a JNDI name, so the same WAR works in Sluice's own server and on
 * a remote host whose default resource adapter points at Sluice's broker (wildfly/probe-remote.cli).
 * <p>
 * On a cluster the resource adapter does not set a listener up again when the node it used dies: once its reconnect
 * attempts fail, the listener stays deaf. So the listener has sessions on two nodes, sharing one subscription queue
 * name (the broker cluster hands each request to one of them); when a node dies, the session on the other hears the
 * topology change and {@code rebalanceConnections} sets the listener up again on the live nodes (and spreads it again
 * when a node joins). Three sessions, because the resource adapter picks their nodes round robin but the first from
 * the configured list and the next from the cluster's topology, in another order: two sessions can both land on one
 * node, while the second and third, both picked from the topology, are always on different nodes.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
            @ActivationConfigProperty(propertyName = "destination", propertyValue = ProbeProtocol.REQUEST_TOPIC),
            @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
            @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "3"),
            @ActivationConfigProperty(propertyName = "rebalanceConnections", propertyValue = "true"),
        })
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // a status is stale in seconds: no XA, reply at once
public class ProbeRequestListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(ProbeRequestListener.class.getName());
    /** A reply nobody read within this time is useless: let the broker drop it. */
    private static final long REPLY_TIME_TO_LIVE_MILLIS = 30_000;

    @EJB
    private ProbeStatusSource source;

    // Bound by the CLI scripts: in Sluice's server to java:/JmsXA, on a remote host to the connection factory
    // that reaches Sluice's broker, so the reply goes where the request came from.
    @Resource(lookup = "java:/jms/sluice/ProbeConnectionFactory")
    private ConnectionFactory connectionFactory;

    @Override
    public void onMessage(Message request) {
        try {
            String asked = request.getStringProperty(ProbeProtocol.PROBE_ID_PROPERTY);
            if (!ProbeProtocol.ANY_PROBE.equals(asked) && !source.probeId().equals(asked)) {
                return;
            }
            Destination replyTo = request.getJMSReplyTo();
            if (replyTo == null) {
                LOG.warning(() -> "status request without JMSReplyTo ignored: " + request);
                return;
            }
            String body = ProbeStatusJson.toJson(source.current());
            try (JMSContext jms = connectionFactory.createContext()) {
                TextMessage reply = jms.createTextMessage(body);
                reply.setJMSCorrelationID(request.getJMSCorrelationID());
                reply.setStringProperty(ProbeProtocol.PROBE_ID_PROPERTY, source.probeId());
                reply.setIntProperty(ProbeProtocol.VERSION_PROPERTY, ProbeProtocol.VERSION);
                jms.createProducer()
                        .setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                        .setTimeToLive(REPLY_TIME_TO_LIVE_MILLIS)
                        .send(replyTo, reply);
            }
        } catch (JMSException e) {
            LOG.warning(() -> "probe '" + source.probeId() + "' could not answer a status request: " + e);
        }
    }
}
