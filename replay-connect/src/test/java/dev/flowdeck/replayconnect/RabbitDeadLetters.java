package dev.flowdeck.replayconnect;

import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A shop exchange whose queues dead-letter into one dead-letter queue in the three common ways (rejected, expired
 * by the queue's TTL, pushed out by its max length), and a queue catching the replays under each original routing
 * key (declared after the dead letters). Everything durable and persistent, so it survives a restart of the node.
 */
final class RabbitDeadLetters {

    static final List<String> KEYS = List.of("order.rejected", "order.expired", "order.capped");

    final String shop;
    final String dlq;
    final String replayed;
    private final String base;

    private RabbitDeadLetters(String base) {
        this.base = base;
        this.shop = base + ".shop";
        this.dlq = base + ".dlq";
        this.replayed = base + ".replayed";
    }

    static RabbitDeadLetters declare(Connection admin) throws Exception {
        var topology = new RabbitDeadLetters("replay-" + UUID.randomUUID().toString().substring(0, 8));
        try (Channel channel = admin.createChannel()) {
            channel.exchangeDeclare(topology.shop, "direct", true);
            channel.exchangeDeclare(topology.base + ".dlx", "fanout", true);
            channel.queueDeclare(topology.dlq, true, false, false, null);
            channel.queueBind(topology.dlq, topology.base + ".dlx", "");
            topology.queue(channel, ".rejecting", "order.rejected", Map.of());
            topology.queue(channel, ".expiring", "order.expired", Map.of("x-message-ttl", 1));
            topology.queue(channel, ".capped", "order.capped", Map.of("x-max-length", 1));
        }
        return topology;
    }

    /**
     * Where the replays are caught: a queue bound under every original key. Declared once the dead letters exist,
     * so it receives only replays.
     */
    void catchReplays(Connection admin) throws Exception {
        try (Channel channel = admin.createChannel()) {
            channel.queueDeclare(replayed, true, false, false, null);
            for (String key : KEYS) {
                channel.queueBind(replayed, shop, key);
            }
        }
    }

    /**
     * Also a stream bound under every key, declared after the dead letters too: what a read-back of the target can
     * read without taking anything.
     */
    String declareStream(Connection admin) throws Exception {
        String stream = base + ".replayed-stream";
        try (Channel channel = admin.createChannel()) {
            channel.queueDeclare(stream, true, false, false, Map.of("x-queue-type", "stream"));
            for (String key : KEYS) {
                channel.queueBind(stream, shop, key);
            }
        }
        return stream;
    }

    /** A rejected dead letter with this body (and message id), waiting in the dead-letter queue when it returns. */
    void rejected(Connection admin, String body) throws Exception {
        try (Channel channel = admin.createChannel()) {
            long before = channel.queueDeclarePassive(dlq).getMessageCount();
            publish(channel, "order.rejected", body);
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    channel.queueDeclarePassive(base + ".rejecting").getMessageCount() == 1);
            GetResponse taken = channel.basicGet(base + ".rejecting", false);
            channel.basicReject(taken.getEnvelope().getDeliveryTag(), false);
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    channel.queueDeclarePassive(dlq).getMessageCount() == before + 1);
        }
    }

    /** {@code count} rejected dead letters, bodies {@code prefix0} on, in the dead-letter queue when it returns. */
    void rejectedMany(Connection admin, String prefix, int count) throws Exception {
        try (Channel channel = admin.createChannel()) {
            long before = channel.queueDeclarePassive(dlq).getMessageCount();
            for (int i = 0; i < count; i++) {
                publish(channel, "order.rejected", prefix + i);
            }
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    channel.queueDeclarePassive(base + ".rejecting").getMessageCount() == count);
            for (int i = 0; i < count; i++) {
                GetResponse taken = channel.basicGet(base + ".rejecting", false);
                channel.basicReject(taken.getEnvelope().getDeliveryTag(), false);
            }
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    channel.queueDeclarePassive(dlq).getMessageCount() == before + count);
        }
    }

    /** One dead letter of each kind: rejected, expired, pushed out by a newer message (which stays queued). */
    void oneOfEachKind(Connection admin, String prefix) throws Exception {
        rejected(admin, prefix + "rejected");
        try (Channel channel = admin.createChannel()) {
            long before = channel.queueDeclarePassive(dlq).getMessageCount();
            publish(channel, "order.expired", prefix + "expired");
            publish(channel, "order.capped", prefix + "capped");
            publish(channel, "order.capped", prefix + "capped-newer"); // pushes the first out of the full queue
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    channel.queueDeclarePassive(dlq).getMessageCount() == before + 2);
        }
    }

    private void queue(Channel channel, String suffix, String routingKey, Map<String, Object> limits)
            throws Exception {
        Map<String, Object> arguments = new HashMap<>(limits);
        arguments.put("x-dead-letter-exchange", base + ".dlx");
        channel.queueDeclare(base + suffix, true, false, false, arguments);
        channel.queueBind(base + suffix, shop, routingKey);
    }

    private void publish(Channel channel, String routingKey, String body) throws Exception {
        channel.basicPublish(shop, routingKey, new AMQP.BasicProperties.Builder().messageId(body)
                .contentType("text/plain").deliveryMode(2).headers(Map.of("tenant", "eu-1")).build(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** Takes (and acknowledges) what the queue holds. */
    static List<GetResponse> drain(Connection admin, String queue) throws Exception {
        List<GetResponse> taken = new ArrayList<>();
        try (Channel channel = admin.createChannel()) {
            for (GetResponse response = channel.basicGet(queue, true); response != null;
                 response = channel.basicGet(queue, true)) {
                taken.add(response);
            }
        }
        return taken;
    }

    static String body(GetResponse response) {
        return new String(response.getBody(), StandardCharsets.UTF_8);
    }
}
