package dev.flowdeck.replayconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flowdeck.connectors.kafka.KafkaBrokerConnection;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.browse.StartPosition;
import dev.flowdeck.core.deadletter.DeadLetterDecoder;
import dev.flowdeck.core.filter.MessageFilter;
import dev.flowdeck.replay.DeadLetterHeaders;
import dev.flowdeck.replay.DeadLetterSource;
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
import dev.flowdeck.replay.ReplayTarget;
import dev.flowdeck.sandbox.ShopTopology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spring-style dead letters of the sandbox go back where they came from, through the real runner over a real
 * connection: same topic and partition, key, value and non-DLT headers intact, provenance added; and a resume after
 * a crash that left sends without confirms ends with every event on the target exactly once.
 */
class KafkaDeadLetterReplayIT {

    private static final Clock CLOCK = Clock.systemUTC();

    private static ExecutorService worker;
    private static ScheduledExecutorService runnerThread;
    private static ConnectionProfile profile;
    private static KafkaBrokerConnection connection;

    @TempDir
    Path replays;

    @BeforeAll
    static void open() {
        worker = Executors.newFixedThreadPool(2);
        runnerThread = Executors.newSingleThreadScheduledExecutor();
        profile = ConnectionProfile.kafka("sandbox", TestSandbox.get().bootstrapServers());
        connection = KafkaBrokerConnection.open(profile, worker);
    }

    @AfterAll
    static void close() {
        connection.close();
        runnerThread.shutdownNow();
        worker.shutdownNow();
    }

    @Test
    void springDeadLettersGoBackToTheirTopicAndPartitionIntactAndASecondReplayNeedsForce() throws Exception {
        List<BrowsedMessage> deadLetters = deadLetters(ShopTopology.deadLetterTopic(ShopTopology.ORDERS), 4);
        ReplayPlan plan = plan(deadLetters, ReplayMode.MOVE);
        TargetMarks marks = marks(plan);

        ReplayReport report = run(plan, marks, MoveSources.forMove(profile, connection));

        assertThat(report.outcomes()).hasSize(4).allSatisfy(outcome -> {
            assertThat(outcome.kind()).isEqualTo(EventOutcome.Kind.DELIVERED);
            assertThat(outcome.removed()).isTrue(); // Kafka's move: marked done in the journal
        });
        for (PlannedEvent event : plan.events()) {
            BrowsedMessage deadLetter = event.deadLetter();
            var target = (ReplayTarget.KafkaTopic) event.target();
            assertThat(target.topic()).isEqualTo(ShopTopology.ORDERS);
            assertThat(target.partition()).hasValue(deadLetter.partition()); // Spring keeps the partition

            List<BrowsedMessage> landed = replayed(plan.id(), event, marks);
            assertThat(landed).hasSize(1);
            BrowsedMessage replayed = landed.getFirst();
            assertThat(replayed.partition()).isEqualTo(deadLetter.partition());
            assertThat(replayed.key()).isEqualTo(deadLetter.key());
            assertThat(replayed.value()).isEqualTo(deadLetter.value());
            List<String> original = texts(deadLetter.headers().stream()
                    .filter(header -> !header.name().startsWith("kafka_dlt-")).toList());
            assertThat(texts(replayed.headers())).containsExactlyElementsOf(concat(original, List.of(
                    text(Provenance.REPLAY_ID, plan.id()), text(Provenance.REPLAYED_FROM, event.key()),
                    text(Provenance.REPLAY_COUNT, "1"))));
            assertThat(replayed.headers()).noneMatch(header -> header.name().startsWith("kafka_dlt-"));
        }

        // The same dead letters again: the journals say they were delivered, so nothing goes without force.
        ReplayPlan again = plan(deadLetters, ReplayMode.COPY);
        ReplayReport refused = run(again, marks(again), DeadLetterSource.none());
        assertThat(refused.outcomes()).hasSize(4).allSatisfy(outcome -> {
            assertThat(outcome.kind()).isEqualTo(EventOutcome.Kind.REFUSED_ALREADY_REPLAYED);
            assertThat(outcome.detail()).contains(plan.id());
        });
    }

    @Test
    void aResumeAfterACrashWithSendsUnconfirmedLeavesEachEventOnTheTargetExactlyOnce() throws Exception {
        List<BrowsedMessage> deadLetters = deadLetters(ShopTopology.deadLetterTopic(ShopTopology.PAYMENTS), 4);
        ReplayPlan plan = plan(deadLetters, ReplayMode.COPY);
        TargetMarks marks = marks(plan);
        List<PlannedEvent> events = plan.events();

        // The crashed run: all planned; the first two sent and stored but their confirms never journaled; the
        // third journaled as sent but the process died before it left; the fourth never sent.
        try (ReplayJournal crashed = ReplayJournal.open(ReplayJournal.fileFor(replays, plan.id()), plan.id(),
                CLOCK)) {
            crashed.planned(events.stream().map(PlannedEvent::key).toList());
            for (PlannedEvent event : events.subList(0, 2)) {
                crashed.sent(event.key());
                connection.publish(event.message()).toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
            crashed.sent(events.get(2).key());
        }

        ReplayReport report = run(plan, marks, DeadLetterSource.none());

        assertThat(report.outcomes()).extracting(EventOutcome::kind).containsExactly(
                EventOutcome.Kind.ALREADY_DELIVERED, EventOutcome.Kind.ALREADY_DELIVERED,
                EventOutcome.Kind.DELIVERED, EventOutcome.Kind.DELIVERED);
        for (PlannedEvent event : events) {
            assertThat(replayed(plan.id(), event, marks)).as(event.key()).hasSize(1);
        }
    }

    private static List<BrowsedMessage> deadLetters(String topic, int count) throws Exception {
        await().atMost(Duration.ofSeconds(90)).until(() -> Browsing.all(connection,
                BrowseRequest.fromBeginning(topic).limitedTo(count)).size() == count);
        return Browsing.all(connection, BrowseRequest.fromBeginning(topic).limitedTo(count));
    }

    private ReplayPlan plan(List<BrowsedMessage> deadLetters, ReplayMode mode) {
        var selected = TargetFromDeadLetter.select(deadLetters.size() + " dead letters", deadLetters,
                DeadLetterDecoder.standard(), EventIdentity.BY_OFFSET);
        assertThat(selected.unplaced()).isEmpty();
        return new ReplayPlanner(CLOCK, () -> UUID.randomUUID().toString(), DeadLetterHeaders.KNOWN_CONVENTIONS, 5)
                .plan(selected.selection(), List.of(), mode);
    }

    private TargetMarks marks(ReplayPlan plan) throws Exception {
        return TargetMarks.takeOrLoad(connection, plan, replays, CLOCK, worker).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    private ReplayReport run(ReplayPlan plan, TargetMarks marks, DeadLetterSource source) throws Exception {
        try (ReplayJournal journal = ReplayJournal.open(ReplayJournal.fileFor(replays, plan.id()), plan.id(),
                CLOCK)) {
            var services = new ReplayRunner.Services(new ConnectionPublisher(profile, connection),
                    BrowseReadBack.kafka(connection, marks), source, JournalHistory.read(replays),
                    new RecordingAuditLog(), new ExecutorReplayScheduler(runnerThread), CLOCK);
            return new ReplayRunner(plan, journal, services, new ReplayOptions(0, 1, false), progress -> { })
                    .start().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
    }

    /** Every record of this replay's event on its target partition, read from the mark on. */
    private static List<BrowsedMessage> replayed(String replayId, PlannedEvent event, TargetMarks marks)
            throws Exception {
        var target = (ReplayTarget.KafkaTopic) event.target();
        int partition = target.partition().orElseThrow();
        var request = new BrowseRequest(target.topic(),
                new StartPosition.Offset(marks.from(target.topic(), partition).orElseThrow()), Set.of(partition),
                false).filteredBy(new MessageFilter.HeaderMatches(Provenance.REPLAY_ID, replayId));
        return Browsing.all(connection, request).stream()
                .filter(message -> Provenance.isReplayOf(message.headers(), replayId, event.key())).toList();
    }

    private static List<String> texts(List<MessageHeader> headers) {
        return headers.stream().map(header -> header.name() + "=" + (header.value() == null ? "null"
                : Base64.getEncoder().encodeToString(header.value()))).toList();
    }

    private static String text(String name, String value) {
        return texts(List.of(new MessageHeader(name, value.getBytes(StandardCharsets.UTF_8)))).getFirst();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
