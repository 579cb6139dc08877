package dev.flowdeck.benchmarks;

import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.impl.LongStringHelper;
import dev.flowdeck.connectors.rabbitmq.RabbitBrokerConnection;
import dev.flowdeck.core.audit.AuditEntry;
import dev.flowdeck.core.audit.AuditLog;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Credentials;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.concurrent.NamedThreadFactory;
import dev.flowdeck.core.deadletter.DeadLetterDecoder;
import dev.flowdeck.core.publish.OutgoingMessage;
import dev.flowdeck.replay.DeadLetterHeaders;
import dev.flowdeck.replay.DeadLetterSource;
import dev.flowdeck.replay.EventIdentity;
import dev.flowdeck.replay.EventOutcome;
import dev.flowdeck.replay.JournalHistory;
import dev.flowdeck.replay.PlannedEvent;
import dev.flowdeck.replay.ReplayJournal;
import dev.flowdeck.replay.ReplayMode;
import dev.flowdeck.replay.ReplayOptions;
import dev.flowdeck.replay.ReplayPlan;
import dev.flowdeck.replay.ReplayPlanner;
import dev.flowdeck.replay.ReplayReport;
import dev.flowdeck.replay.ReplayRunner;
import dev.flowdeck.replay.ReplaySelection;
import dev.flowdeck.replayconnect.AtLeastOnceReadBack;
import dev.flowdeck.replayconnect.ConnectionPublisher;
import dev.flowdeck.replayconnect.ExecutorReplayScheduler;
import dev.flowdeck.replayconnect.ReplayTracing;
import dev.flowdeck.replayconnect.TargetFromDeadLetter;
import dev.flowdeck.sandbox.rabbit.EmbeddedRabbitNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead-letter replay on RabbitMQ (the replay issue's second broker), on a private node the benchmark starts: dead
 * letters (the order events, expired by a queue's TTL of 0) in a classic dead-letter queue, replayed (copy) by Flowdeck to
 * the exchange and routing key they were first published with, against a bare {@code Channel.confirmSelect()}
 * publisher sending the same messages (exchange, routing key, headers, properties, body) and awaiting the confirms
 * a window at a time, the window being the replay's concurrency. Each round sends into a fresh queue bound under
 * the routing key (the round before's is deleted), which holds every message once when the round ends.
 *
 * <p>At most 10,000 dead letters a round: the app browses a classic queue at most that many messages at a time
 * (it holds what it browses), so that is the most one replay of a classic dead-letter queue sends.
 */
final class RabbitReplayBenchmark implements Benchmark {

    static final String BARE = "bare confirm-publisher (Channel.confirmSelect)";
    static final String REPLAY = "Flowdeck replay";

    private static final Duration PATIENCE = Duration.ofMinutes(10);
    private static final Clock CLOCK = Clock.systemUTC();
    private static final String ROUTING_KEY = "order.expired";
    /** The most messages one browse of a classic queue takes (the connector's hold limit). */
    static final long MOST_BROWSED = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(RabbitReplayBenchmark.class);

    @Override
    public String id() {
        return "replay-rabbit";
    }

    @Override
    public RabbitReplayResult run(BenchmarkContext context) throws Exception {
        var options = context.options();
        int events = Math.toIntExact(Math.min(options.replayEvents(), MOST_BROWSED));
        int window = options.replayConcurrency();
        Path journals = Path.of("target", "replay-journals-rabbit").toAbsolutePath();
        ScheduledExecutorService runnerThread = Executors.newSingleThreadScheduledExecutor(
                new NamedThreadFactory("benchmarks-rabbit-replay-runner"));
        try (var node = EmbeddedRabbitNode.start()) {
            var factory = new ConnectionFactory();
            factory.setUri(node.amqpUri());
            var profile = ConnectionProfile.rabbitMq("benchmark-rabbit", "amqp://127.0.0.1:" + node.amqpPort() + "/")
                    .withProperties(Map.of("management.url", node.managementUri()));
            try (Connection admin = factory.newConnection("flowdeck-benchmarks-admin");
                 Connection bareConnection = factory.newConnection("flowdeck-benchmarks-bare");
                 var connection = RabbitBrokerConnection.open(profile, Credentials.NONE)) {
                String base = "replay-" + Long.toString(System.currentTimeMillis(), 36);
                String shop = base + ".shop";
                String dlq = base + ".dead-letters";
                deadLetters(admin, base, shop, dlq, events);
                List<BrowsedMessage> deadLetters = readAll(admin, connection, dlq, events);
                var selected = TargetFromDeadLetter.select("dead letters of " + dlq, deadLetters,
                        DeadLetterDecoder.standard(), EventIdentity.BY_CONTENT);
                ReplaySelection selection = selected.selection();
                if (!selected.unplaced().isEmpty() || selection.events().size() != events) {
                    throw new IllegalStateException("Of " + deadLetters.size() + " dead letters, "
                            + selected.unplaced().size() + " had no origin");
                }
                List<OutgoingMessage> sent = planner().plan(selection, List.of(), ReplayMode.COPY).events()
                        .stream().map(PlannedEvent::message).toList();
                deadLetters = null;

                AtomicInteger round = new AtomicInteger();
                AtomicReference<String> lastTarget = new AtomicReference<>();
                List<Duration> planning = new ArrayList<>();
                Map<String, List<ScanRun>> runs = AlternatingRounds.run(List.of(
                        new AlternatingRounds.Reader(BARE, () -> {
                            String target = freshTarget(admin, shop, base + ".bare-" + round.get(), lastTarget);
                            return bare(bareConnection, sent, window, admin, target);
                        }),
                        new AlternatingRounds.Reader(REPLAY, () -> {
                            String target = freshTarget(admin, shop, base + ".replay-" + round.getAndIncrement(),
                                    lastTarget);
                            return replay(connection, profile, selection, journals.resolve(target), runnerThread,
                                    window, admin, target, planning);
                        })), options.warmups(), options.rounds());
                return new RabbitReplayResult(events, window, runs.get(BARE), runs.get(REPLAY),
                        planning.subList(options.warmups(), planning.size()));
            }
        } finally {
            runnerThread.shutdownNow();
        }
    }

    /**
     * The shop's exchange, a queue under the routing key whose TTL of 0 dead-letters every message at once into a
     * stream, and {@code events} order events published there; then that queue is deleted, so the replays go only
     * to the rounds' queues.
     */
    private static void deadLetters(Connection admin, String base, String shop, String dlq, int events)
            throws Exception {
        try (Channel channel = admin.createChannel()) {
            channel.exchangeDeclare(shop, "direct", true);
            channel.exchangeDeclare(base + ".dlx", "fanout", true);
            channel.queueDeclare(dlq, true, false, false, null);
            channel.queueBind(dlq, base + ".dlx", "");
            String expiring = base + ".expiring";
            channel.queueDeclare(expiring, true, false, false, Map.of("x-message-ttl", 0,
                    "x-dead-letter-exchange", base + ".dlx"));
            channel.queueBind(expiring, shop, ROUTING_KEY);
            channel.confirmSelect();
            for (int i = 0; i < events; i++) {
                var properties = new AMQP.BasicProperties.Builder().deliveryMode(2).contentType("application/json")
                        .messageId("order-event-" + i).build();
                channel.basicPublish(shop, ROUTING_KEY, true, properties, OrderEvents.value(i));
                if (i % 5_000 == 4_999) {
                    channel.waitForConfirmsOrDie(60_000);
                }
            }
            channel.waitForConfirmsOrDie(60_000);
            channel.queueDelete(expiring);
        }
    }

    /**
     * Every dead letter, read as the app reads a dead-letter queue: through the connection's browse, once the queue
     * holds them all (dead-lettering runs on after the publishes' confirms).
     */
    private static List<BrowsedMessage> readAll(Connection admin, RabbitBrokerConnection connection, String dlq,
                                                int events) throws Exception {
        try (Channel channel = admin.createChannel()) {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                    .until(() -> channel.queueDeclarePassive(dlq).getMessageCount() == events);
        }
        return BrowseAll.read(connection, dlq, events, PATIENCE);
    }

    /** A new queue under the routing key; the previous round's is deleted, so each message lands in one queue. */
    private static String freshTarget(Connection admin, String shop, String name, AtomicReference<String> last) {
        try (Channel channel = admin.createChannel()) {
            String previous = last.getAndSet(name);
            if (previous != null) {
                channel.queueDelete(previous);
            }
            channel.queueDeclare(name, true, false, false, null);
            channel.queueBind(name, shop, ROUTING_KEY);
            return name;
        } catch (Exception e) {
            throw new IllegalStateException("Could not declare queue " + name + ": " + e, e);
        }
    }

    /** The bare publisher: the same messages, confirms awaited a window at a time. */
    private static ScanRun bare(Connection connection, List<OutgoingMessage> messages, int window, Connection admin,
                                String target) {
        try (Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            List<AMQP.BasicProperties> properties = messages.stream().map(RabbitReplayBenchmark::properties).toList();
            ProcessCost before = ProcessCost.now();
            long started = System.nanoTime();
            for (int i = 0; i < messages.size(); i++) {
                OutgoingMessage message = messages.get(i);
                channel.basicPublish(message.destination(), new String(message.key(), StandardCharsets.UTF_8), true,
                        properties.get(i), message.value());
                if (i % window == window - 1) {
                    channel.waitForConfirmsOrDie(PATIENCE.toMillis());
                }
            }
            channel.waitForConfirmsOrDie(PATIENCE.toMillis());
            ScanRun run = before.run(messages.size(), 0, System.nanoTime() - started);
            long held = held(admin, target);
            return new ScanRun(run.scanned(), held, Set.of(), List.of(), run.elapsed(), run.cpu(), run.allocatedBytes(),
                    run.gcMillis());
        } catch (Exception e) {
            throw new IllegalStateException("The bare confirm-publisher failed: " + e.getMessage(), e);
        }
    }

    /** As the connector turns a message into AMQP properties: headers as long strings, persistent. */
    private static AMQP.BasicProperties properties(OutgoingMessage message) {
        Map<String, Object> headers = new HashMap<>();
        message.headers().forEach(header -> headers.put(header.name(),
                header.value() == null ? null : LongStringHelper.asLongString(header.value())));
        var builder = new AMQP.BasicProperties.Builder().headers(headers).deliveryMode(2);
        message.properties().forEach((name, value) -> {
            switch (name) {
                case "content_type" -> builder.contentType(value);
                case "message_id" -> builder.messageId(value);
                case "delivery_mode" -> builder.deliveryMode(Integer.parseInt(value));
                case "timestamp" -> builder.timestamp(java.util.Date.from(java.time.Instant.parse(value)));
                default -> { }
            }
        });
        return builder.build();
    }

    /** One replay (copy) through the app's runner over the connector's connection, planned before the clock. */
    private static ScanRun replay(RabbitBrokerConnection connection, ConnectionProfile profile,
                                  ReplaySelection selection, Path directory, ScheduledExecutorService runnerThread,
                                  int window, Connection admin, String target, List<Duration> planning) {
        try {
            long planStarted = System.nanoTime();
            ReplayPlan plan = planner().plan(selection, List.of(), ReplayMode.COPY);
            long planned = System.nanoTime();
            planning.add(Duration.ofNanos(planned - planStarted));
            ProcessCost before = ProcessCost.now();
            long started = System.nanoTime();
            ReplayReport report;
            try (ReplayJournal journal = ReplayJournal.open(ReplayJournal.fileFor(directory, plan.id()), plan.id(),
                    CLOCK)) {
                // As Replays composes a run: the publisher wrapped for telemetry (off here, as by default).
                ReplayTracing tracing = ReplayTracing.begin(connection, plan);
                var services = new ReplayRunner.Services(
                        tracing.publisher(new ConnectionPublisher(profile, connection)),
                        new AtLeastOnceReadBack(), DeadLetterSource.none(), JournalHistory.read(directory),
                        new NoAudit(), new ExecutorReplayScheduler(runnerThread), CLOCK);
                report = tracing.endWhen(new ReplayRunner(plan, journal, services,
                        new ReplayOptions(0, window, false), progress -> { }).start())
                        .toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            }
            long elapsed = System.nanoTime() - started;
            ScanRun run = before.run(0, 0, elapsed);
            long delivered = report.count(EventOutcome.Kind.DELIVERED);
            LOG.info("RabbitMQ replay into {}: plan {} ms (not timed), run {} ms", target,
                    (planned - planStarted) / 1_000_000, elapsed / 1_000_000);
            if (delivered != plan.events().size()) {
                throw new IllegalStateException("The replay delivered " + delivered + " of " + plan.events().size()
                        + ": " + report.summary());
            }
            return new ScanRun(delivered, held(admin, target), Set.of(), List.of(), run.elapsed(), run.cpu(),
                    run.allocatedBytes(), run.gcMillis());
        } catch (Exception e) {
            throw new IllegalStateException("The RabbitMQ replay into " + target + " failed: " + e.getMessage(), e);
        }
    }

    /** Messages in the round's queue: every one sent once, when it equals the count sent. */
    private static long held(Connection admin, String queue) throws Exception {
        try (Channel channel = admin.createChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        }
    }

    private static ReplayPlanner planner() {
        return new ReplayPlanner(CLOCK, () -> UUID.randomUUID().toString(), DeadLetterHeaders.KNOWN_CONVENTIONS, 5);
    }

    private static final class NoAudit implements AuditLog {

        @Override
        public void record(AuditEntry entry) {
        }

        @Override
        public List<AuditEntry> recent(int limit) {
            return List.of();
        }
    }
}
