package dev.flowdeck.replayconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flowdeck.connectors.kafka.KafkaBrokerConnection;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.browse.StartPosition;
import dev.flowdeck.core.filter.MessageFilter;
import dev.flowdeck.core.publish.OutgoingMessage;
import dev.flowdeck.replay.DeadLetterHeaders;
import dev.flowdeck.replay.DeadLetterSource;
import dev.flowdeck.replay.EventIdentity;
import dev.flowdeck.replay.EventOutcome;
import dev.flowdeck.replay.JournalHistory;
import dev.flowdeck.replay.PlanFile;
import dev.flowdeck.replay.PlannedEvent;
import dev.flowdeck.replay.Provenance;
import dev.flowdeck.replay.ReplayJournal;
import dev.flowdeck.replay.ReplayMode;
import dev.flowdeck.replay.ReplayOptions;
import dev.flowdeck.replay.ReplayPlan;
import dev.flowdeck.replay.ReplayPlanner;
import dev.flowdeck.replay.ReplayReport;
import dev.flowdeck.replay.ReplayRunner;
import dev.flowdeck.replay.ReplaySelection;
import dev.flowdeck.replay.ReplayTarget;
import dev.flowdeck.replay.SelectedEvent;
import dev.flowdeck.sandbox.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays to a real Kafka broker that fails in the middle, then resumes: whatever stopped the run (the replaying
 * process killed with SIGKILL, the broker stopped and started again), every event is on the target exactly once,
 * which the test checks by reading the target back and counting this replay's records per event.
 *
 * <p>A broker of its own (a KRaft broker in a child JVM, as the sandbox's), since one test stops and restarts it.
 */
class KafkaReplayFaultIT {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final int EVENTS = 40;
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private static EmbeddedKafkaBroker broker;
    private static ExecutorService worker;
    private static ScheduledExecutorService runnerThread;
    private static ConnectionProfile profile;
    private static KafkaBrokerConnection connection;

    @TempDir
    Path replays;

    @BeforeAll
    static void open() {
        broker = EmbeddedKafkaBroker.start();
        worker = Executors.newFixedThreadPool(2);
        runnerThread = Executors.newSingleThreadScheduledExecutor();
        profile = ConnectionProfile.kafka("faulty", broker.bootstrapServers());
        connection = KafkaBrokerConnection.open(profile, worker);
    }

    @AfterAll
    static void close() {
        connection.close();
        runnerThread.shutdownNow();
        worker.shutdownNow();
        broker.close();
    }

    @Test
    void aReplayKilledWithSigkillAndResumedLeavesEveryEventOnTheTargetExactlyOnce() throws Exception {
        ReplayPlan plan = planOver(topics());
        TargetMarks marks = marks(plan);
        Path planFile = replays.resolve("plan.json");
        PlanFile.write(plan, planFile);

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                ReplayChildMain.class.getName(), broker.bootstrapServers(), replays.toString(), planFile.toString(),
                "8")
                .redirectErrorStream(true).redirectOutput(replays.resolve("child.log").toFile()).start();
        try {
            Path journal = ReplayJournal.fileFor(replays, plan.id());
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> !child.isAlive()
                    || journalSteps(journal, "sent") >= 8);
            assertThat(child.isAlive()).as("the child replays until it is killed; its log: %s",
                    replays.resolve("child.log")).isTrue();
        } finally {
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush, no close
            child.waitFor(30, TimeUnit.SECONDS);
        }
        long confirmedBeforeTheKill = journalSteps(ReplayJournal.fileFor(replays, plan.id()), "confirmed");
        assertThat(confirmedBeforeTheKill).isLessThan(EVENTS);

        ReplayReport resumed = run(plan, marks(plan), new ReplayOptions(0, 1, false), runner -> { });

        assertThat(resumed.outcomes()).hasSize(EVENTS).allSatisfy(outcome -> assertThat(outcome.inTarget()).isTrue());
        assertThat(resumed.count(EventOutcome.Kind.ALREADY_DELIVERED)).isGreaterThanOrEqualTo(confirmedBeforeTheKill);
        assertExactlyOnce(plan, marks);
    }

    @Test
    void aReplayThroughABrokerRestartResumedLeavesEveryEventOnTheTargetExactlyOnce() throws Exception {
        ReplayPlan plan = planOver(topics());
        TargetMarks marks = marks(plan);
        Path journal = ReplayJournal.fileFor(replays, plan.id());

        // The first run: the broker stops under it; the operator cancels; the broker comes back.
        ReplayReport interrupted = run(plan, marks, new ReplayOptions(8, 1, false), runner -> {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                    .until(() -> journalSteps(journal, "sent") >= 8);
            broker.stopKeepingData();
            runner.cancel();
        });
        broker.startAgain();
        assertThat(interrupted.count(EventOutcome.Kind.NOT_SENT)).isPositive(); // it was stopped mid-way

        ReplayReport resumed = run(plan, marks(plan), new ReplayOptions(0, 1, false), runner -> { });

        assertThat(resumed.outcomes()).hasSize(EVENTS).allSatisfy(outcome -> assertThat(outcome.inTarget()).isTrue());
        assertExactlyOnce(plan, marks);
    }

    /** Two fresh topics: the dead letters (one partition) and the target (three), with leaders, and the dead letters in. */
    private static String[] topics() throws Exception {
        String dead = "dead-" + UUID.randomUUID().toString().substring(0, 8);
        String target = dead.replace("dead-", "target-");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(dead, 1, (short) 1), new NewTopic(target, 3, (short) 1)))
                    .all().get(60, TimeUnit.SECONDS);
            // A producer sending before the leaders are known gets NOT_LEADER_OR_FOLLOWER: wait for them.
            await().atMost(PATIENCE).until(() -> admin.describeTopics(List.of(dead, target)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).values().stream().map(TopicDescription::partitions)
                    .flatMap(List::stream).allMatch(partition -> partition.leader() != null));
        }
        for (int i = 0; i < EVENTS; i++) {
            connection.publish(new OutgoingMessage(dead, OptionalInt.of(0), ("order-" + i).getBytes(
                    StandardCharsets.UTF_8), ("{\"order\":" + i + "}").getBytes(StandardCharsets.UTF_8),
                    List.of(new MessageHeader("tenant", "eu-1".getBytes(StandardCharsets.UTF_8)))))
                    .toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
        return new String[] {dead, target};
    }

    private ReplayPlan planOver(String[] topics) throws Exception {
        List<BrowsedMessage> deadLetters = Browsing.all(connection, BrowseRequest.fromBeginning(topics[0]));
        assertThat(deadLetters).hasSize(EVENTS);
        List<SelectedEvent> selected = new ArrayList<>();
        for (BrowsedMessage message : deadLetters) {
            selected.add(new SelectedEvent(message, ReplayTarget.KafkaTopic.toPartition(topics[1],
                    (int) (message.offset() % 3))));
        }
        return new ReplayPlanner(CLOCK, () -> UUID.randomUUID().toString(), DeadLetterHeaders.KNOWN_CONVENTIONS, 5)
                .plan(new ReplaySelection(EVENTS + " dead letters of " + topics[0], EventIdentity.BY_OFFSET,
                        selected), List.of(), ReplayMode.COPY);
    }

    private TargetMarks marks(ReplayPlan plan) throws Exception {
        return TargetMarks.takeOrLoad(connection, plan, replays, CLOCK, worker).toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
    }

    /**
     * Runs (or resumes) the plan; {@code meanwhile} is called on the test thread once the run started, with the
     * runner, and the report is awaited after it returns.
     */
    private ReplayReport run(ReplayPlan plan, TargetMarks marks, ReplayOptions options,
                             ThrowingConsumer<ReplayRunner> meanwhile) throws Exception {
        try (ReplayJournal journal = ReplayJournal.open(ReplayJournal.fileFor(replays, plan.id()), plan.id(),
                CLOCK)) {
            var services = new ReplayRunner.Services(new ConnectionPublisher(profile, connection),
                    BrowseReadBack.kafka(connection, marks), DeadLetterSource.none(), JournalHistory.read(replays),
                    new RecordingAuditLog(), new ExecutorReplayScheduler(runnerThread), CLOCK);
            var runner = new ReplayRunner(plan, journal, services, options, progress -> { });
            CompletionStage<ReplayReport> report = runner.start();
            meanwhile.accept(runner);
            return report.toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** Reads the target partitions back from the marks and counts this replay's records per event: one each. */
    private static void assertExactlyOnce(ReplayPlan plan, TargetMarks marks) throws Exception {
        String topic = ((ReplayTarget.KafkaTopic) plan.events().getFirst().target()).topic();
        List<BrowsedMessage> landed = new ArrayList<>();
        for (int partition : marks.partitionsOf(topic)) {
            landed.addAll(Browsing.all(connection, new BrowseRequest(topic,
                    new StartPosition.Offset(marks.from(topic, partition).orElseThrow()), Set.of(partition), false)
                    .filteredBy(new MessageFilter.HeaderMatches(Provenance.REPLAY_ID, plan.id()))));
        }
        Map<String, Long> copies = landed.stream().collect(Collectors.groupingBy(
                message -> message.lastHeader(Provenance.REPLAYED_FROM).map(header -> new String(header.value(),
                        StandardCharsets.UTF_8)).orElse("?"), Collectors.counting()));
        assertThat(copies).hasSize(EVENTS).containsOnlyKeys(plan.events().stream().map(PlannedEvent::key).toList())
                .allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1L));
    }

    /** How many lines of the journal record this step; read as text, never opened (the writer may be alive). */
    static long journalSteps(Path journal, String step) throws Exception {
        if (!Files.exists(journal)) {
            return 0;
        }
        return Files.readAllLines(journal).stream().filter(line -> line.contains("\"step\":\"" + step + "\""))
                .count();
    }

    @FunctionalInterface
    interface ThrowingConsumer<T> {
        void accept(T value) throws Exception;
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

}
