package dev.flowdeck.connectors.rabbitmq;

import com.rabbitmq.http.client.domain.QueueInfo;
import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.QueueType;
import java.util.Map;

/**
 * A classic or quorum queue is browsed by holding its messages and handing them back. On some queues handing back
 * can itself lose or divert messages; those are refused, with the reason, rather than browsed:
 * <ul>
 *   <li>a quorum queue with a delivery limit (set, or RabbitMQ 4's default of 20): each hand-back counts as a
 *       delivery, so browsing could push messages over the limit into the dead-letter exchange, or drop them;</li>
 *   <li>a max-length that drops from the head: held messages do not count, publishers refill the queue, and the
 *       handed-back messages (the oldest) are the ones pushed out;</li>
 *   <li>a message TTL: a held message keeps ageing and may expire when handed back instead of being consumed.</li>
 * </ul>
 * Their dead-letter queues and streams browse safely.
 */
final class QueueBrowseRisks {

    private QueueBrowseRisks() {
    }

    static void refuseIfUnsafe(QueueInfo queue, int serverMajorVersion) {
        Map<String, Object> arguments = queue.getArguments() == null ? Map.of() : queue.getArguments();
        Map<String, Object> policy = queue.getEffectivePolicyDefinition() == null ? Map.of()
                : queue.getEffectivePolicyDefinition();
        String name = queue.getName();
        if (QueueType.fromManagementName(queue.getType()) == QueueType.QUORUM) {
            Object limit = first(arguments.get("x-delivery-limit"), policy.get("delivery-limit"));
            if (limit != null || serverMajorVersion >= 4) {
                throw refusal(name, "it is a quorum queue with a delivery limit ("
                        + (limit != null ? limit : "RabbitMQ 4's default of 20") + "): each message handed back "
                        + "after a browse counts as a delivery and could be dead-lettered or dropped");
            }
        }
        Object maxLength = first(arguments.get("x-max-length"), policy.get("max-length"));
        Object maxBytes = first(arguments.get("x-max-length-bytes"), policy.get("max-length-bytes"));
        Object overflow = first(arguments.get("x-overflow"), policy.get("overflow"));
        boolean dropsFromHead = overflow == null || "drop-head".equals(String.valueOf(overflow));
        if ((maxLength != null || maxBytes != null) && dropsFromHead) {
            throw refusal(name, "it has a maximum length (" + (maxLength != null ? maxLength + " messages"
                    : maxBytes + " bytes") + ") that drops the oldest: messages handed back after a browse could be "
                    + "pushed out by newer ones");
        }
        Object ttl = first(arguments.get("x-message-ttl"), policy.get("message-ttl"));
        if (ttl != null) {
            throw refusal(name, "its messages expire after " + ttl + " ms: a message held by a browse keeps ageing "
                    + "and could expire instead of reaching its consumer");
        }
    }

    private static BrokerException refusal(String queue, String why) {
        return new BrokerException("Flowdeck will not browse queue '" + queue + "': " + why + ". Browse its "
                + "dead-letter queue, or a stream fed by the same exchange, instead.", null);
    }

    private static Object first(Object argument, Object policy) {
        return argument != null ? argument : policy;
    }
}
