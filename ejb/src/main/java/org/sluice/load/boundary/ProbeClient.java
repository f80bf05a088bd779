package org.sluice.load.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.sluice.load.control.ProbeAnswer;
import org.sluice.probe.protocol.ProbeProtocol;
import org.sluice.probe.protocol.ProbeReplyException;
import org.sluice.probe.protocol.ProbeStatus;
import org.sluice.probe.protocol.ProbeStatusJson;

/**
 * Asks probes for their status over Jakarta Messaging: one request on the probes' topic, replies on a shared queue,
 * matched by correlation id (a consumer with a selector, created before the request is sent, so no reply is missed;
 * a temporary queue per call would make each round trip slower, see docs/benchmarks.md).
 * <p>
 * NOT_SUPPORTED: inside a transaction the request would only leave at commit, after the wait for its replies.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ProbeClient {

    @Resource(lookup = "java:/ConnectionFactory")
    private ConnectionFactory connectionFactory;

    @Resource(lookup = "java:/jms/topic/sluice/probe-requests")
    private Topic requests;

    @Resource(lookup = "java:/jms/queue/sluice/probe-replies")
    private Queue replies;

    /** @return an answer for every probe asked: its status, or why there is none (timeout, garbage, newer version) */
    public Map<String, ProbeAnswer> ask(Set<String> probeIds, Duration timeout) {
        Map<String, ProbeAnswer> answers = new LinkedHashMap<>();
        if (probeIds.isEmpty()) {
            return answers;
        }
        String correlationId = UUID.randomUUID().toString();
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        try (JMSContext jms = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
                JMSConsumer consumer = jms.createConsumer(replies, "JMSCorrelationID = '" + correlationId + "'")) {
            TextMessage request = jms.createTextMessage("");
            request.setStringProperty(
                    ProbeProtocol.PROBE_ID_PROPERTY,
                    probeIds.size() == 1 ? probeIds.iterator().next() : ProbeProtocol.ANY_PROBE);
            request.setIntProperty(ProbeProtocol.VERSION_PROPERTY, ProbeProtocol.VERSION);
            request.setJMSCorrelationID(correlationId);
            request.setJMSReplyTo(replies);
            jms.createProducer()
                    .setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                    .setTimeToLive(Math.max(1, timeout.toMillis()))
                    .send(requests, request);
            while (answers.size() < probeIds.size()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                Message reply = consumer.receive(Math.max(1, left / 1_000_000));
                if (reply == null) {
                    break;
                }
                String probeId = reply.getStringProperty(ProbeProtocol.PROBE_ID_PROPERTY);
                if (probeId != null && probeIds.contains(probeId) && !answers.containsKey(probeId)) {
                    answers.put(probeId, read(probeId, reply, Duration.ofNanos(System.nanoTime() - started)));
                }
            }
        } catch (JMSException | RuntimeException e) {
            for (String probeId : probeIds) {
                answers.putIfAbsent(probeId, ProbeAnswer.failed(probeId, "asking the probe failed: " + e));
            }
        }
        for (String probeId : probeIds) {
            answers.putIfAbsent(probeId, ProbeAnswer.failed(probeId, "no answer within " + timeout.toMillis() + " ms"));
        }
        return answers;
    }

    private static ProbeAnswer read(String probeId, Message reply, Duration roundTrip) throws JMSException {
        if (!(reply instanceof TextMessage text)) {
            return ProbeAnswer.failed(
                    probeId,
                    "probe reply is not a TextMessage: " + reply.getClass().getSimpleName());
        }
        try {
            ProbeStatus status = ProbeStatusJson.fromJson(text.getText());
            if (!probeId.equals(status.probeId())) {
                return ProbeAnswer.failed(
                        probeId, "reply sent as probe '" + probeId + "' says it is '" + status.probeId() + "'");
            }
            return ProbeAnswer.answered(status, roundTrip);
        } catch (ProbeReplyException e) {
            return ProbeAnswer.failed(probeId, e.getMessage());
        }
    }
}
