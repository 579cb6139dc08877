package dev.flowdeck.replayconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.flowdeck.connectors.kafka.KafkaBrokerConnection;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.StartPosition;
import dev.flowdeck.core.deadletter.DeadLetterDecoder;
import dev.flowdeck.core.filter.MessageFilter;
import dev.flowdeck.core.publish.ReadOnlyProfileException;
import dev.flowdeck.replay.ReplaySummary;
import dev.flowdeck.replay.DeadLetterHeaders;
import dev.flowdeck.replay.EventIdentity;
import dev.flowdeck.replay.EventOutcome;
import dev.flowdeck.replay.JournalState;
import dev.flowdeck.replay.PlannedEvent;
import dev.flowdeck.replay.Provenance;
import dev.flowdeck.replay.ReplayJournal;
import dev.flowdeck.replay.ReplayMode;
import dev.flowdeck.replay.ReplayOptions;
import dev.flowdeck.replay.ReplayPlan;
import dev.flowdeck.replay.ReplayPlanner;
import dev.flowdeck.replay.ReplayProgress;
import dev.flowdeck.replay.ReplayTarget;
import dev.flowdeck.sandbox.ShopTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Replays} over a real connection to the sandbox: a started plan leaves its plan, marks and journal in the
 * directory and delivers once; a cancelled run, then a crash-like send without its confirm, is listed as
 * interrupted, then in doubt, and its resume by id leaves every event on the target exactly once.
 */
class ReplaysIT {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final ReplayOptions ONE_AT_A_TIME = new ReplayOptions(0, 1, false);

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
    void aStartedPlanIsSavedMarkedJournaledAndDeliveredOnceAndNotAgainWithoutForce() throws Exception {
        ReplayPlan plan = plan(deadLetters(ShopTopology.deadLetterTopic(ShopTopology.SHIPMENTS), 3));
        var audit = new RecordingAuditLog();
        var replaysHere = new Replays(profile, connection, replays, audit, runnerThread, CLOCK);
        List<ReplayProgress> progress = new CopyOnWriteArrayList<>();

        ReplayJob.Result result = replaysHere.start(plan, ONE_AT_A_TIME, progress::add).finished()
                .toCompletableFuture().get(60, TimeUnit.SECONDS);

        assertThat(result.delivery()).isEqualTo(ReplayJob.Delivery.EXACTLY_ONCE);
        assertThat(result.report().outcomes()).extracting(EventOutcome::kind)
                .containsOnly(EventOutcome.Kind.DELIVERED).hasSize(3);
        assertThat(progress.getLast().state()).isEqualTo(ReplayProgress.State.FINISHED);
        assertThat(Replays.planFileFor(replays, plan.id())).exists();
        assertThat(TargetMarks.fileFor(replays, plan.id())).exists();
        assertThat(audit.entries).hasSize(1);
        TargetMarks marks = TargetMarks.load(TargetMarks.fileFor(replays, plan.id()));
        for (PlannedEvent event : plan.events()) {
            assertThat(replayed(plan.id(), event, marks)).as(event.key()).hasSize(1);
        }
        assertThat(replaysHere.list()).singleElement().satisfies(summary -> {
            assertThat(summary.replayId()).isEqualTo(plan.id());
            assertThat(summary.state()).isEqualTo(ReplaySummary.State.FINISHED);
            assertThat(summary.delivered()).isEqualTo(3);
        });

        ReplayPlan again = plan(plan.events().stream().map(PlannedEvent::deadLetter).toList());
        ReplayJob.Result refused = replaysHere.start(again, ONE_AT_A_TIME, p -> { }).finished()
                .toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertThat(refused.report().outcomes()).extracting(EventOutcome::kind)
                .containsOnly(EventOutcome.Kind.REFUSED_ALREADY_REPLAYED);
    }

    @Test
    void aCancelledRunThenASendLeftInDoubtResumesByIdToExactlyOnceEach() throws Exception {
        ReplayPlan plan = plan(deadLetters(ShopTopology.deadLetterTopic(ShopTopology.INVENTORY), 4));
        var replaysHere = new Replays(profile, connection, replays, new RecordingAuditLog(), runnerThread, CLOCK);

        ReplayJob first = replaysHere.start(plan, ONE_AT_A_TIME, p -> { });
        first.cancel(); // before the marks are taken: nothing goes out
        ReplayJob.Result cancelled = first.finished().toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertThat(cancelled.report().cancelled()).isTrue();
        assertThat(replaysHere.list()).singleElement().satisfies(summary ->
                assertThat(summary.state()).isEqualTo(ReplaySummary.State.INTERRUPTED));

        // A crash after a send left the journal: one more event sent and stored, its confirm never journaled.
        PlannedEvent inDoubt = plan.events().getLast();
        try (ReplayJournal journal = ReplayJournal.open(ReplayJournal.fileFor(replays, plan.id()), plan.id(),
                CLOCK)) {
            assertThat(journal.state().of(inDoubt.key()).orElseThrow().step()).isEqualTo(JournalState.Step.PLANNED);
            journal.sent(inDoubt.key());
            connection.publish(inDoubt.message()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        assertThat(replaysHere.list().getFirst().state()).isEqualTo(ReplaySummary.State.IN_DOUBT);

        ReplayJob resumed = replaysHere.resume(plan.id(), ONE_AT_A_TIME, p -> { });
        ReplayJob.Result result = resumed.finished().toCompletableFuture().get(60, TimeUnit.SECONDS);

        assertThat(resumed.resumed()).isTrue();
        assertThat(result.report().complete()).isTrue();
        assertThat(result.report().outcomes()).filteredOn(outcome -> outcome.key().equals(inDoubt.key()))
                .extracting(EventOutcome::kind).containsExactly(EventOutcome.Kind.ALREADY_DELIVERED);
        TargetMarks marks = TargetMarks.load(TargetMarks.fileFor(replays, plan.id()));
        for (PlannedEvent event : plan.events()) {
            assertThat(replayed(plan.id(), event, marks)).as(event.key()).hasSize(1);
        }
        assertThat(replaysHere.list().getFirst().state()).isEqualTo(ReplaySummary.State.FINISHED);
    }

    @Test
    void aJobPausedAsItStartsWaitsThenItsResumeDeliversEveryEventOnce() throws Exception {
        ReplayPlan plan = plan(deadLetters(ShopTopology.deadLetterTopic(ShopTopology.ORDERS), 3));
        var replaysHere = new Replays(profile, connection, replays, new RecordingAuditLog(), runnerThread, CLOCK);
        List<ReplayProgress> progress = new CopyOnWriteArrayList<>();

        ReplayJob job = replaysHere.start(plan, ONE_AT_A_TIME, progress::add);
        job.pause();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(progress)
                .anySatisfy(moment -> assertThat(moment.state()).isEqualTo(ReplayProgress.State.PAUSED)));
        assertThat(job.finished()).isNotDone();
        job.resume();

        ReplayJob.Result result = job.finished().toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertThat(result.report().outcomes()).extracting(EventOutcome::kind)
                .containsOnly(EventOutcome.Kind.DELIVERED).hasSize(3);
        TargetMarks marks = TargetMarks.load(TargetMarks.fileFor(replays, plan.id()));
        for (PlannedEvent event : plan.events()) {
            assertThat(replayed(plan.id(), event, marks)).as(event.key()).hasSize(1);
        }
    }

    @Test
    void aReadOnlyProfileIsRefusedBeforeAnythingIsSent() throws Exception {
        ReplayPlan plan = plan(deadLetters(ShopTopology.deadLetterTopic(ShopTopology.SHIPMENTS), 1));
        var audit = new RecordingAuditLog();
        var readOnly = new Replays(profile.asReadOnly(), connection, replays, audit, runnerThread, CLOCK);

        var finished = readOnly.start(plan, ONE_AT_A_TIME, p -> { }).finished().toCompletableFuture();

        assertThat(finished).failsWithin(Duration.ofSeconds(60)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(ReadOnlyProfileException.class);
        assertThat(audit.entries).hasSize(1);
    }

    @Test
    void resumingAnUnknownReplaySaysWhereToLook() {
        var replaysHere = new Replays(profile, connection, replays, new RecordingAuditLog(), runnerThread, CLOCK);
        assertThatThrownBy(() -> replaysHere.resume("nope", ONE_AT_A_TIME, p -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No replay nope");
        assertThat(Files.exists(replays.resolve("nope.journal"))).isFalse();
    }

    private static List<BrowsedMessage> deadLetters(String topic, int count) throws Exception {
        await().atMost(Duration.ofSeconds(90)).until(() -> Browsing.all(connection,
                BrowseRequest.fromBeginning(topic).limitedTo(count)).size() == count);
        return Browsing.all(connection, BrowseRequest.fromBeginning(topic).limitedTo(count));
    }

    private static ReplayPlan plan(List<BrowsedMessage> deadLetters) {
        var selected = TargetFromDeadLetter.select(deadLetters.size() + " dead letters", deadLetters,
                DeadLetterDecoder.standard(), EventIdentity.BY_OFFSET);
        assertThat(selected.unplaced()).isEmpty();
        return new ReplayPlanner(CLOCK, () -> UUID.randomUUID().toString(), DeadLetterHeaders.KNOWN_CONVENTIONS, 5)
                .plan(selected.selection(), List.of(), ReplayMode.COPY);
    }

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
}
