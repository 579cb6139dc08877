package dev.flowdeck.replayconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.flowdeck.connectors.rabbitmq.RabbitBrokerConnection;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Credentials;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.deadletter.DeadLetterDecoder;
import dev.flowdeck.replay.DeadLetterHeaders;
import dev.flowdeck.replay.EventIdentity;
import dev.flowdeck.replay.EventOutcome;
import dev.flowdeck.replay.ReplayMode;
import dev.flowdeck.replay.ReplayOptions;
import dev.flowdeck.replay.ReplayPlan;
import dev.flowdeck.replay.ReplayPlanner;
import dev.flowdeck.sandbox.rabbit.EmbeddedRabbitNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Replays} on a real RabbitMQ node picks the read-back by what the target exchange routes into: a classic
 * queue cannot be read back (the result says at least once), a stream bound under the same key can (exactly once);
 * and a move out of RabbitMQ is refused before anything starts.
 */
class RabbitReplaysIT {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final ReplayOptions FORCED = new ReplayOptions(0, 1, true);

    private static EmbeddedRabbitNode node;
    private static Connection admin;
    private static ConnectionProfile profile;
    private static RabbitBrokerConnection connection;
    private static ScheduledExecutorService runnerThread;

    @TempDir
    Path replays;

    @BeforeAll
    static void open() throws Exception {
        node = EmbeddedRabbitNode.start();
        var factory = new ConnectionFactory();
        factory.setUri(node.amqpUri());
        admin = factory.newConnection("flowdeck-replays-tests");
        profile = ConnectionProfile.rabbitMq("rabbit", "amqp://127.0.0.1:" + node.amqpPort() + "/")
                .withProperties(Map.of("management.url", node.managementUri()));
        connection = RabbitBrokerConnection.open(profile, Credentials.NONE);
        runnerThread = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void close() throws Exception {
        connection.close();
        admin.close();
        runnerThread.shutdownNow();
    }

    @Test
    void aClassicQueueTargetIsAtLeastOnceAndAStreamBoundUnderTheKeyMakesItExactlyOnce() throws Exception {
        String base = "jobs-" + UUID.randomUUID().toString().substring(0, 8);
        String shop = base + ".shop";
        String dlq = base + ".dlq";
        try (Channel channel = admin.createChannel()) {
            channel.exchangeDeclare(shop, "direct", true);
            channel.exchangeDeclare(base + ".dlx", "fanout", true);
            channel.queueDeclare(dlq, true, false, false, null);
            channel.queueBind(dlq, base + ".dlx", "");
            channel.queueDeclare(base + ".orders", true, false, false,
                    Map.of("x-dead-letter-exchange", base + ".dlx"));
            channel.queueBind(base + ".orders", shop, "order.placed");
            channel.basicPublish(shop, "order.placed", null, "ord-1".getBytes(StandardCharsets.UTF_8));
            await().until(() -> channel.queueDeclarePassive(base + ".orders").getMessageCount() == 1);
            GetResponse taken = channel.basicGet(base + ".orders", false);
            channel.basicReject(taken.getEnvelope().getDeliveryTag(), false);
            await().until(() -> channel.queueDeclarePassive(dlq).getMessageCount() == 1);
        }
        List<BrowsedMessage> deadLetters = Browsing.all(connection, BrowseRequest.fromBeginning(dlq));
        var jobs = new Replays(profile, connection, replays, new RecordingAuditLog(), runnerThread, CLOCK);

        ReplayJob.Result intoQueue = jobs.start(plan(deadLetters, ReplayMode.COPY), FORCED, p -> { }).finished()
                .toCompletableFuture().get(60, TimeUnit.SECONDS);

        assertThat(intoQueue.delivery()).isEqualTo(ReplayJob.Delivery.AT_LEAST_ONCE);
        assertThat(intoQueue.delivery().sentence()).contains(AtLeastOnceReadBack.CAVEAT);
        assertThat(intoQueue.report().outcomes()).extracting(EventOutcome::kind)
                .containsExactly(EventOutcome.Kind.DELIVERED);

        try (Channel channel = admin.createChannel()) {
            channel.queueDeclare(base + ".log", true, false, false, Map.of("x-queue-type", "stream"));
            channel.queueBind(base + ".log", shop, "order.placed");
        }
        ReplayJob.Result intoStream = jobs.start(plan(deadLetters, ReplayMode.COPY), FORCED, p -> { }).finished()
                .toCompletableFuture().get(60, TimeUnit.SECONDS);

        assertThat(intoStream.delivery()).isEqualTo(ReplayJob.Delivery.EXACTLY_ONCE);
        assertThat(intoStream.report().outcomes()).extracting(EventOutcome::kind)
                .containsExactly(EventOutcome.Kind.DELIVERED);
    }

    private static ReplayPlan plan(List<BrowsedMessage> deadLetters, ReplayMode mode) {
        var selected = TargetFromDeadLetter.select("dead letters", deadLetters, DeadLetterDecoder.standard(),
                EventIdentity.BY_CONTENT);
        assertThat(selected.unplaced()).isEmpty();
        return new ReplayPlanner(CLOCK, () -> UUID.randomUUID().toString(), DeadLetterHeaders.KNOWN_CONVENTIONS, 5)
                .plan(selected.selection(), List.of(), mode);
    }
}
