package dev.flowdeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.LongString;
import dev.flowdeck.sandbox.rabbit.RabbitInstallation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The RabbitMQ side of the sandbox dead-letters in each of the ways a queue can: rejected, expired, overflowed. */
class RabbitSandboxIT {

    private static RabbitSandbox sandbox;
    private static Connection connection;

    @BeforeAll
    static void start() throws Exception {
        RabbitInstallation.findOrInstall();
        sandbox = RabbitSandbox.start(SandboxSettings.defaults().withOrdersPerSecond(8));
        var factory = new ConnectionFactory();
        factory.setUri(sandbox.node().amqpUri());
        connection = factory.newConnection("sandbox-test");
    }

    @AfterAll
    static void stop() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void rejectedMessagesReachTheBillingDeadLetterQueue() throws Exception {
        assertDeadLetter(RabbitShopTraffic.BILLING, "rejected");
    }

    @Test
    void expiredMessagesReachTheEmailDeadLetterQueueThroughAPolicy() throws Exception {
        assertDeadLetter(RabbitShopTraffic.EMAIL, "expired");
    }

    @Test
    void overflowingMessagesReachTheWarehouseDeadLetterQueue() throws Exception {
        assertDeadLetter(RabbitShopTraffic.WAREHOUSE, "maxlen");
    }

    @Test
    void theAuditStreamKeepsEveryEvent() throws Exception {
        try (Channel channel = connection.createChannel()) {
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    channel.queueDeclarePassive(RabbitShopTraffic.AUDIT).getMessageCount() > 0);
        }
    }

    /** Peeks at one dead letter (taken and put back) and checks where and why it died. */
    private void assertDeadLetter(String queue, String reason) throws Exception {
        try (Channel channel = connection.createChannel()) {
            AtomicReference<GetResponse> found = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500)).until(() -> {
                GetResponse response = channel.basicGet(queue + ".dlq", false);
                if (response != null) {
                    channel.basicNack(response.getEnvelope().getDeliveryTag(), false, true);
                    found.set(response);
                }
                return response != null;
            });
            Map<String, Object> headers = found.get().getProps().getHeaders();
            @SuppressWarnings("unchecked")
            var death = ((List<Map<String, Object>>) headers.get("x-death")).getFirst();
            assertThat(death.get("reason").toString()).isEqualTo(reason);
            assertThat(death.get("queue").toString()).isEqualTo(queue);
            assertThat(((LongString) headers.get("traceparent")).toString()).startsWith("00-");
            assertThat(found.get().getProps().getCorrelationId()).isNotBlank();
        }
    }
}
