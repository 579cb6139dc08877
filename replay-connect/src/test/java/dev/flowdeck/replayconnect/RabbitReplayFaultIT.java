package dev.flowdeck.replayconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.flowdeck.connectors.rabbitmq.RabbitBrokerConnection;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Credentials;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.StartPosition;
import dev.flowdeck.core.deadletter.DeadLetterDecoder;
import dev.flowdeck.replay.DeadLetterHeaders;
import dev.flowdeck.replay.EventIdentity;
import dev.flowdeck.replay.EventOutcome;
import dev.flowdeck.replay.JournalHistory;
import dev.flowdeck.replay.PlannedEvent;
import dev.flowdeck.replay.Provenance;
import dev.flowdeck.replay.ReplayJournal;
import dev.flowdeck.replay.ReplayMode;
import dev.flowdeck.replay.ReplayOptions;
import dev.flowdeck.replay.ReplayPlan;
import dev.flowdeck.replay.ReplayPlanner;
import dev.flowdeck.replay.ReplayReport;
import dev.flowdeck.replay.ReplayRunner;
import dev.flowdeck.replay.TargetReadBack;
import dev.flowdeck.sandbox.rabbit.EmbeddedRabbitNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A move from a RabbitMQ dead-letter queue while the node stops and starts again, or whose process is killed with
 * SIGKILL, then a resume: every event reaches the target once, and a dead letter leaves its queue only once its event
 * is in the target.
 *
 * <p>What makes the count exact: the target exchange also feeds a stream, and the resume reads the target back
 * there ({@link BrowseReadBack#rabbitStream}), so an event whose send had no known outcome when the node went is
 * sent again only if the stream lacks it. Read back from the classic queue alone it would be at least once (decision
 * 0016): that is {@link AtLeastOnceReadBack}'s case, not tested for exactness here. The classic queue bound beside
 * the stream is counted too: it receives what the stream receives, since one confirmed publish reaches both.
 */
class RabbitReplayFaultIT {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final int EVENTS = 30;
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private static EmbeddedRabbitNode node;
    private static ConnectionProfile profile;
    private static RabbitBrokerConnection connection;
    private static ScheduledExecutorService runnerThread;

    @TempDir
    Path replays;

    @BeforeAll
    static void open() {
        node = EmbeddedRabbitNode.start(); // stops itself through its shutdown hook
        profile = ConnectionProfile.rabbitMq("rabbit", "amqp://127.0.0.1:" + node.amqpPort() + "/")
                .withProperties(Map.of("management.url", node.managementUri()));
        connection = RabbitBrokerConnection.open(profile, Credentials.NONE);
        runnerThread = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void close() {
        connection.close();
        runnerThread.shutdownNow();
        node.close();
    }

    @Test
    void aMoveThroughANodeRestartResumedDeliversEachEventOnceAndRemovesOnlyDeliveredDeadLetters() throws Exception {
        RabbitDeadLetters topology;
        String stream;
        try (Connection admin = admin()) {
            topology = RabbitDeadLetters.declare(admin);
            topology.rejectedMany(admin, "order-", EVENTS);
            topology.catchReplays(admin);
            stream = topology.declareStream(admin);
        }
        ReplayPlan plan = plan(Browsing.all(connection, BrowseRequest.fromBeginning(topology.dlq)));
        Set<String> keys = plan.events().stream().map(PlannedEvent::key).collect(Collectors.toSet());
        TargetReadBack readBack = BrowseReadBack.rabbitStream(connection, stream, new StartPosition.Earliest());
        Path journal = ReplayJournal.fileFor(replays, plan.id());

        // The first run: the node stops under it, so the sends after that fail; then the node comes back.
        ReplayReport interrupted = run(plan, readBack, new ReplayOptions(8, 1, false), () -> {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                    .until(() -> KafkaReplayFaultIT.journalSteps(journal, "sent") >= 8);
            node.stopKeepingData();
        });
        node.startAgain();
        assertThat(interrupted.count(EventOutcome.Kind.FAILED)).isPositive();

        // Nothing lost: the broker put back what the run held; a dead letter is gone only if its event arrived.
        // Asked until the node has recovered its queues too (the management API answers before a stream is back).
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            Set<String> stillDead = keysIn(Browsing.all(connection, BrowseRequest.fromBeginning(topology.dlq)));
            Map<String, Long> inStream = replayedFrom(plan.id(), Browsing.all(connection,
                    BrowseRequest.fromBeginning(stream)));
            Set<String> removed = new HashSet<>(keys);
            removed.removeAll(stillDead);
            assertThat(inStream.keySet()).containsAll(removed);
            assertThat(stillDead).isSubsetOf(keys);
        });

        ReplayReport resumed = run(plan, readBack, new ReplayOptions(0, 1, false), () -> { });

        assertThat(resumed.outcomes()).hasSize(EVENTS).allSatisfy(outcome -> {
            assertThat(outcome.inTarget()).as(outcome.detail()).isTrue();
            assertThat(outcome.removed()).as(outcome.detail()).isTrue();
        });
        assertThat(replayedFrom(plan.id(), Browsing.all(connection, BrowseRequest.fromBeginning(stream))))
                .containsOnlyKeys(keys).allSatisfy((key, copies) -> assertThat(copies).as(key).isEqualTo(1L));
        try (Connection admin = admin()) {
            Map<String, Long> inQueue = RabbitDeadLetters.drain(admin, topology.replayed).stream().collect(
                    Collectors.groupingBy(response -> String.valueOf(response.getProps().getHeaders()
                            .get(Provenance.REPLAYED_FROM)), Collectors.counting()));
            assertThat(inQueue).containsOnlyKeys(keys)
                    .allSatisfy((key, copies) -> assertThat(copies).as(key).isEqualTo(1L));
            assertThat(RabbitDeadLetters.drain(admin, topology.dlq)).isEmpty();
        }
    }

    @Test
    void aMoveKilledWithSigkillAndResumedDeliversEachEventOnceAndLosesNoDeadLetter() throws Exception {
        RabbitDeadLetters topology;
        String stream;
        try (Connection admin = admin()) {
            topology = RabbitDeadLetters.declare(admin);
            topology.rejectedMany(admin, "order-", EVENTS);
            topology.catchReplays(admin);
            stream = topology.declareStream(admin);
        }
        ReplayPlan plan = plan(Browsing.all(connection, BrowseRequest.fromBeginning(topology.dlq)));
        Set<String> keys = plan.events().stream().map(PlannedEvent::key).collect(Collectors.toSet());
        Path planFile = replays.resolve("plan.json");
        dev.flowdeck.replay.PlanFile.write(plan, planFile);
        Path journal = ReplayJournal.fileFor(replays, plan.id());

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                ReplayChildMain.class.getName(), "rabbit", Integer.toString(node.amqpPort()), node.managementUri(),
                replays.toString(), planFile.toString(), "8", stream)
                .redirectErrorStream(true).redirectOutput(replays.resolve("child.log").toFile()).start();
        try {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> !child.isAlive()
                    || KafkaReplayFaultIT.journalSteps(journal, "sent") >= 8);
            assertThat(child.isAlive()).as("the child replays until it is killed; its log: %s",
                    replays.resolve("child.log")).isTrue();
        } finally {
            child.destroyForcibly(); // SIGKILL: its connection drops, and the broker takes back what it held
            child.waitFor(30, TimeUnit.SECONDS);
        }

        // Nothing lost: once the broker noticed the dead connection, every dead letter not removed is back.
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            Set<String> stillDead = keysIn(Browsing.all(connection, BrowseRequest.fromBeginning(topology.dlq)));
            Set<String> removed = new HashSet<>(keys);
            removed.removeAll(stillDead);
            assertThat(removed).isNotEmpty(); // the child had moved some before it was killed
            // A dead letter is gone only if its event is in the target; so every event is in one or the other.
            assertThat(replayedFrom(plan.id(), Browsing.all(connection, BrowseRequest.fromBeginning(stream)))
                    .keySet()).containsAll(removed);
            assertThat(stillDead).isSubsetOf(keys);
        });

        ReplayReport resumed = run(plan, BrowseReadBack.rabbitStream(connection, stream,
                new StartPosition.Earliest()), new ReplayOptions(0, 1, false), () -> { });

        assertThat(resumed.outcomes()).hasSize(EVENTS).allSatisfy(outcome -> {
            assertThat(outcome.inTarget()).as(outcome.detail()).isTrue();
            assertThat(outcome.removed()).as(outcome.detail()).isTrue();
        });
        assertThat(replayedFrom(plan.id(), Browsing.all(connection, BrowseRequest.fromBeginning(stream))))
                .containsOnlyKeys(keys).allSatisfy((key, copies) -> assertThat(copies).as(key).isEqualTo(1L));
        try (Connection admin = admin()) {
            assertThat(RabbitDeadLetters.drain(admin, topology.dlq)).isEmpty();
        }
    }

    private static Connection admin() throws Exception {
        var factory = new ConnectionFactory();
        factory.setUri(node.amqpUri());
        factory.setAutomaticRecoveryEnabled(false);
        return factory.newConnection("flowdeck-replay-fault-tests");
    }

    private static ReplayPlan plan(List<BrowsedMessage> deadLetters) {
        assertThat(deadLetters).hasSize(EVENTS);
        var selected = TargetFromDeadLetter.select(EVENTS + " dead letters", deadLetters,
                DeadLetterDecoder.standard(), EventIdentity.BY_CONTENT);
        assertThat(selected.unplaced()).isEmpty();
        return new ReplayPlanner(CLOCK, () -> UUID.randomUUID().toString(), DeadLetterHeaders.KNOWN_CONVENTIONS, 5)
                .plan(selected.selection(), List.of(), ReplayMode.MOVE);
    }

    private ReplayReport run(ReplayPlan plan, TargetReadBack readBack, ReplayOptions options,
                             KafkaReplayFaultIT.ThrowingRunnable meanwhile) throws Exception {
        try (ReplayJournal journal = ReplayJournal.open(ReplayJournal.fileFor(replays, plan.id()), plan.id(),
                CLOCK)) {
            var services = new ReplayRunner.Services(new ConnectionPublisher(profile, connection), readBack,
                    MoveSources.forMove(profile, connection), JournalHistory.read(replays), new RecordingAuditLog(),
                    new ExecutorReplayScheduler(runnerThread), CLOCK);
            CompletionStage<ReplayReport> report = new ReplayRunner(plan, journal, services, options,
                    progress -> { }).start();
            meanwhile.run();
            return report.toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static Set<String> keysIn(List<BrowsedMessage> deadLetters) {
        Function<BrowsedMessage, String> naming = EventIdentity.BY_CONTENT::keyOf;
        return deadLetters.stream().map(naming).collect(Collectors.toSet());
    }

    /** This replay's messages counted by the event they came from. */
    private static Map<String, Long> replayedFrom(String replayId, List<BrowsedMessage> messages) {
        return messages.stream()
                .filter(message -> message.lastHeader(Provenance.REPLAY_ID).map(header -> new String(header.value(),
                        StandardCharsets.UTF_8)).orElse("").equals(replayId))
                .collect(Collectors.groupingBy(message -> message.lastHeader(Provenance.REPLAYED_FROM)
                        .map(header -> new String(header.value(), StandardCharsets.UTF_8)).orElse("?"),
                        Collectors.counting()));
    }
}
