package dev.flowdeck.connectors.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Return;
import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.publish.OutgoingMessage;
import dev.flowdeck.core.publish.PublishReceipt;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Publishes one message at a time on a channel in confirm mode, with {@code mandatory} set: a publish completes
 * only when the broker has confirmed it, and one that no queue takes fails instead of vanishing.
 */
final class RabbitPublisher {

    private final Channel channel;
    private final Duration timeout;
    private volatile Return returned;

    RabbitPublisher(Channel channel, Duration timeout) throws java.io.IOException {
        this.channel = channel;
        this.timeout = timeout;
        channel.confirmSelect();
        channel.addReturnListener(message -> returned = message);
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    /** Blocking; callers serialise (the connection holds one publisher and calls it from its own threads). */
    synchronized PublishReceipt publish(OutgoingMessage message) throws Exception {
        String routingKey = message.key() == null ? "" : new String(message.key(), StandardCharsets.UTF_8);
        returned = null;
        channel.basicPublish(message.destination(), routingKey, true,
                AmqpMessages.toProperties(message.headers(), message.properties()),
                message.value() == null ? new byte[0] : message.value());
        // A return for a mandatory message arrives before its confirm, so it is known once the confirm is in.
        channel.waitForConfirmsOrDie(timeout.toMillis());
        if (returned != null) {
            throw new BrokerException("No queue took the message: exchange '" + message.destination()
                    + "' routes routing key '" + routingKey + "' nowhere (" + returned.getReplyText() + ").", null);
        }
        return new PublishReceipt(message.destination(), 0, -1);
    }
}
