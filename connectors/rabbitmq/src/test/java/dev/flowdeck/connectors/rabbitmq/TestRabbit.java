package dev.flowdeck.connectors.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.sandbox.rabbit.EmbeddedRabbitNode;
import java.util.Map;

/** One private RabbitMQ node for all integration tests of this module (a start takes several seconds). */
final class TestRabbit {

    private static EmbeddedRabbitNode node;
    private static Connection admin;

    private TestRabbit() {
    }

    static synchronized EmbeddedRabbitNode node() {
        if (node == null) {
            node = EmbeddedRabbitNode.startWithTls(); // stops itself through its shutdown hook
        }
        return node;
    }

    static ConnectionProfile profile(String name) {
        return ConnectionProfile.rabbitMq(name, "amqp://127.0.0.1:" + node().amqpPort() + "/")
                .withProperties(Map.of("management.url", node().managementUri()));
    }

    /** A channel of the tests' own, to set up queues and check what the broker holds. */
    static synchronized Channel channel() throws Exception {
        if (admin == null || !admin.isOpen()) {
            var factory = new ConnectionFactory();
            factory.setUri(node().amqpUri());
            admin = factory.newConnection("flowdeck-tests");
        }
        return admin.createChannel();
    }
}
