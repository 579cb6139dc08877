package dev.flowdeck.replayconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
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
import dev.flowdeck.replay.DeadLetterSource;
import dev.flowdeck.replay.EventIdentity;
import dev.flowdeck.replay.EventOutcome;
import dev.flowdeck.replay.JournalHistory;
import dev.flowdeck.replay.Provenance;
import dev.flowdeck.replay.ReplayJournal;
import dev.flowdeck.replay.ReplayMode;
import dev.flowdeck.replay.ReplayOptions;
import dev.flowdeck.replay.ReplayPlan;
import dev.flowdeck.replay.ReplayPlanner;
import dev.flowdeck.replay.ReplayReport;
import dev.flowdeck.replay.ReplayRunner;
import dev.flowdeck.replay.ReplayTarget;
import dev.flowdeck.sandbox.rabbit.EmbeddedRabbitNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
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
 * RabbitMQ dead letters of the three common kinds (rejected, expired by a queue's TTL, pushed out by its max
 * length) go back, through the real runner over a real connection, to the exchange and routing key they were first
 * published with: a queue bound there receives each once, without the broker's x-death headers and with the
 * replay's provenance.
 */
class RabbitDeadLetterReplayIT {

    private static final Clock CLOCK = Clock.systemUTC();

    private static EmbeddedRabbitNode node;
    private static Connection admin;
    private static ConnectionProfile profile;
    private static RabbitBrokerConnection connection;
    private static ScheduledExecutorService runnerThread;

    @TempDir
    Path replays;

    @BeforeAll
    static void open() throws Exception {
        node = EmbeddedRabbitNode.start(); // stops itself through its shutdown hook
        var factory = new ConnectionFactory();
        factory.setUri(node.amqpUri());
        admin = factory.newConnection("flowdeck-replay-tests");
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
    void rejectedExpiredAndPushedOutDeadLettersGoBackToTheirExchangeAndRoutingKey() throws Exception {
        String base = "replay-" + UUID.randomUUID().toString().substring(0, 8);
        String shop = base + ".shop";
        String dlq = base + ".dlq";
        String replayed = base + ".replayed";
        try (Channel channel = admin.createChannel()) {
            channel.exchangeDeclare(shop, "direct", true);
            channel.exchangeDeclare(base + ".dlx", "fanout", true);
            channel.queueDeclare(dlq, true, false, false, null);
            channel.queueBind(dlq, base + ".dlx", "");
            declare(channel, base + ".rejecting", shop, "order.rejected", Map.of());
            declare(channel, base + ".expiring", shop, "order.expired", Map.of("x-message-ttl", 1));
            declare(channel, base + ".capped", shop, "order.capped", Map.of("x-max-length", 1));

            publish(channel, shop, "order.rejected", "rejected-1");
            await().until(() -> channel.queueDeclarePassive(base + ".rejecting").getMessageCount() == 1);
            GetResponse taken = channel.basicGet(base + ".rejecting", false);
            channel.basicReject(taken.getEnvelope().getDeliveryTag(), false);
            publish(channel, shop, "order.expired", "expired-1");
            publish(channel, shop, "order.capped", "capped-1");
            publish(channel, shop, "order.capped", "capped-2"); // pushes capped-1 out of the full queue
            await().until(() -> channel.queueDeclarePassive(dlq).getMessageCount() == 3);

            // Where the replays are caught: a queue of its own under each original routing key.
            channel.queueDeclare(replayed, true, false, false, null);
            for (String key : List.of("order.rejected", "order.expired", "order.capped")) {
                channel.queueBind(replayed, shop, key);
            }
        }

        List<BrowsedMessage> deadLetters = Browsing.all(connection, BrowseRequest.fromBeginning(dlq));
        assertThat(deadLetters).extracting(message -> header(message, "x-first-death-reason"))
                .containsExactlyInAnyOrder("rejected", "expired", "maxlen");
        var selected = TargetFromDeadLetter.select("3 dead letters of " + dlq, deadLetters,
                DeadLetterDecoder.standard(), EventIdentity.BY_CONTENT);
        assertThat(selected.unplaced()).isEmpty();
        ReplayPlan plan = new ReplayPlanner(CLOCK, () -> UUID.randomUUID().toString(),
                DeadLetterHeaders.KNOWN_CONVENTIONS, 5).plan(selected.selection(), List.of(), ReplayMode.COPY);
        assertThat(plan.events()).extracting(event -> (ReplayTarget.RabbitExchange) event.target())
                .extracting(ReplayTarget.RabbitExchange::exchange, ReplayTarget.RabbitExchange::routingKey)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(shop, "order.rejected"),
                        org.assertj.core.groups.Tuple.tuple(shop, "order.expired"),
                        org.assertj.core.groups.Tuple.tuple(shop, "order.capped"));

        ReplayReport report = run(plan);

        assertThat(report.outcomes()).hasSize(3)
                .allSatisfy(outcome -> assertThat(outcome.kind()).isEqualTo(EventOutcome.Kind.DELIVERED));
        List<GetResponse> received = drain(replayed);
        assertThat(received).extracting(response -> response.getEnvelope().getRoutingKey() + ":"
                        + new String(response.getBody(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder("order.rejected:rejected-1", "order.expired:expired-1",
                        "order.capped:capped-1");
        assertThat(received).allSatisfy(response -> {
            Map<String, Object> headers = response.getProps().getHeaders();
            assertThat(headers.keySet()).noneMatch(name -> name.startsWith("x-death")
                    || name.startsWith("x-first-death-") || name.startsWith("x-last-death-"));
            assertThat(headers.get(Provenance.REPLAY_ID).toString()).isEqualTo(plan.id());
            assertThat(headers).containsKey(Provenance.REPLAYED_FROM);
            assertThat(response.getProps().getMessageId()).isNotBlank(); // the original's properties kept
        });
    }

    @Test
    void aMoveFromRabbitMqIsRefusedWithASentence() {
        assertThatThrownBy(() -> MoveSources.forMove(profile, connection))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage(MoveSources.RABBIT_MOVE_REFUSED);
    }

    private ReplayReport run(ReplayPlan plan) throws Exception {
        try (ReplayJournal journal = ReplayJournal.open(ReplayJournal.fileFor(replays, plan.id()), plan.id(),
                CLOCK)) {
            var services = new ReplayRunner.Services(new ConnectionPublisher(profile, connection),
                    new AtLeastOnceReadBack(), DeadLetterSource.none(), JournalHistory.read(replays),
                    new RecordingAuditLog(), new ExecutorReplayScheduler(runnerThread), CLOCK);
            return new ReplayRunner(plan, journal, services, new ReplayOptions(0, 1, false), progress -> { })
                    .start().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
    }

    private static void declare(Channel channel, String queue, String exchange, String routingKey,
                                Map<String, Object> limits) throws Exception {
        Map<String, Object> arguments = new java.util.HashMap<>(limits);
        arguments.put("x-dead-letter-exchange", exchange.replace(".shop", ".dlx"));
        channel.queueDeclare(queue, true, false, false, arguments);
        channel.queueBind(queue, exchange, routingKey);
    }

    private static void publish(Channel channel, String exchange, String routingKey, String body) throws Exception {
        channel.basicPublish(exchange, routingKey, new AMQP.BasicProperties.Builder()
                .messageId(body).contentType("text/plain").headers(Map.of("tenant", "eu-1")).build(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** Takes (and acknowledges) what the queue holds: the runner waited for every confirm, so it is all there. */
    private static List<GetResponse> drain(String queue) throws Exception {
        List<GetResponse> taken = new ArrayList<>();
        try (Channel channel = admin.createChannel()) {
            for (GetResponse response = channel.basicGet(queue, true); response != null;
                 response = channel.basicGet(queue, true)) {
                taken.add(response);
            }
        }
        return taken;
    }

    private static String header(BrowsedMessage message, String name) {
        return message.lastHeader(name).map(header -> new String(header.value(), StandardCharsets.UTF_8))
                .orElse("");
    }
}
