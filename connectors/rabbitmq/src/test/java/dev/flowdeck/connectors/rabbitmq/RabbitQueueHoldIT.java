package dev.flowdeck.connectors.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.Credentials;
import dev.flowdeck.core.broker.QueueHold;
import dev.flowdeck.core.browse.BrowsedMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A hold takes exactly the messages named, hands back the others it read, removes one at a time for good, and hands
 * back what it still holds when closed: the queue ends with exactly the messages not removed.
 */
class RabbitQueueHoldIT {

    private static final Function<BrowsedMessage, String> BODY = message ->
            new String(message.value(), StandardCharsets.UTF_8);

    @Test
    void takesTheNamedMessagesHandsBackTheOthersAndRemovesOnlyWhatItIsTold() throws Exception {
        String queue = "hold-" + UUID.randomUUID().toString().substring(0, 8);
        try (Channel channel = TestRabbit.channel()) {
            channel.queueDeclare(queue, true, false, false, null);
            for (String body : List.of("a", "b", "c", "b", "d")) { // "b" twice: only one is taken
                channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                        body.getBytes(StandardCharsets.UTF_8));
            }
        }
        try (var connection = RabbitBrokerConnection.open(TestRabbit.profile("hold"), Credentials.NONE)) {
            QueueHold hold = connection.hold(queue);

            Set<String> held = hold.take(Set.of("b", "c", "missing"), BODY).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            assertThat(held).containsExactlyInAnyOrder("b", "c");
            try (Channel channel = TestRabbit.channel()) {
                // The rest was handed back at once: a, the second b, d; the held two are not ready.
                assertThat(channel.queueDeclarePassive(queue).getMessageCount()).isEqualTo(3);
            }

            hold.remove("c").toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(hold.holds("c")).isFalse();
            assertThatThrownBy(() -> hold.remove("a").toCompletableFuture().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(BrokerException.class).hasMessageContaining("take it first");

            hold.close(); // hands back the b it held
        }
        assertThat(drain(queue)).containsExactlyInAnyOrder("a", "b", "b", "d");
    }

    private static List<String> drain(String queue) throws Exception {
        List<String> bodies = new ArrayList<>();
        try (Channel channel = TestRabbit.channel()) {
            for (GetResponse response = channel.basicGet(queue, true); response != null;
                 response = channel.basicGet(queue, true)) {
                bodies.add(new String(response.getBody(), StandardCharsets.UTF_8));
            }
        }
        return bodies;
    }
}
