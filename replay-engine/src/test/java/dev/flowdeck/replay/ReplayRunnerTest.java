package dev.flowdeck.replay;

import static dev.flowdeck.replay.Messages.kafkaDeadLetter;
import static dev.flowdeck.replay.Messages.kafkaSelection;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.publish.PublishReceipt;
import dev.flowdeck.core.publish.ReadOnlyProfileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayRunnerTest {

    private static final Instant START = Instant.parse("2025-03-01T12:00:00Z");

    @TempDir
    Path dir;

    private final VirtualTime time = new VirtualTime(START);
    private final FakeCluster cluster = new FakeCluster(time, bound -> 0); // 1 ms latency, no failure
    private final List<ReplayProgress> progress = new ArrayList<>();

    @Test
    void sendsAtTheRateAskedWithAtMostTheConcurrencyAskedAndRecordsTheRun() {
        cluster.maxLatencyMillis = 1;
        ReplayPlan plan = plan(ReplayMode.COPY, 10);

        CompletionStage<ReplayReport> done = runner(plan, new ReplayOptions(5, 2, false)).start();
        time.runUntilIdle();

        ReplayReport report = done.toCompletableFuture().join();
        assertThat(report.count(EventOutcome.Kind.DELIVERED)).isEqualTo(10);
        assertThat(report.outcomes().getFirst().detail()).isEqualTo("Confirmed: orders-3@0");
        assertThat(cluster.sendTimes).hasSize(10);
        for (int i = 1; i < 10; i++) {
            assertThat(Duration.between(cluster.sendTimes.get(i - 1), cluster.sendTimes.get(i)))
                    .isEqualTo(Duration.ofMillis(200));
        }
        assertThat(cluster.maxInFlight).isEqualTo(1); // each confirm comes before the next slot
        assertThat(progress.getLast()).isEqualTo(new ReplayProgress(10, 10, 10, 0, 0,
                ReplayProgress.State.FINISHED));
        assertThat(cluster.audit).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo(ReplayRunner.AUDIT_ACTION);
            assertThat(entry.cluster()).isEqualTo("shop-prod");
            assertThat(entry.target()).isEqualTo("dead letters of orders.DLT → orders, partition 3");
            assertThat(entry.detail()).startsWith("replay r-1 (copy, 10 planned, 0 held back): 10 delivered");
            assertThat(entry.succeeded()).isTrue();
        });
    }

    @Test
    void withoutARateLimitConcurrencyBoundsTheSendsInFlight() {
        cluster.maxLatencyMillis = 50;
        runner(plan(ReplayMode.COPY, 20), new ReplayOptions(0, 3, false)).start();
        time.runUntilIdle();
        assertThat(cluster.maxInFlight).isEqualTo(3);
        assertThat(cluster.target).hasSize(20);
    }

    @Test
    void aMoveRemovesADeadLetterOnlyOnceTheTargetConfirmedIt() {
        ManualPublisher publisher = new ManualPublisher();
        ReplayPlan plan = plan(ReplayMode.MOVE, 2);
        plan.events().forEach(event -> cluster.deadLetters.add(event.key()));
        ReplayRunner runner = new ReplayRunner(plan, journal(plan), services(publisher), new ReplayOptions(0, 2,
                false), progress::add);

        CompletionStage<ReplayReport> done = runner.start();
        time.runUntilIdle();
        assertThat(publisher.pending).hasSize(2);
        assertThat(cluster.removals).isEmpty();

        publisher.pending.get(1).complete(new PublishReceipt("orders", 3, 7));
        cluster.target.add(plan.events().get(1).message());
        time.runUntilIdle();
        assertThat(cluster.removals).containsExactly(plan.events().get(1).key());

        publisher.pending.get(0).completeExceptionally(new IllegalStateException("broker gone"));
        time.runUntilIdle();
        ReplayReport report = done.toCompletableFuture().join();
        assertThat(cluster.removals).containsExactly(plan.events().get(1).key());
        assertThat(report.outcomes()).extracting(EventOutcome::kind)
                .containsExactly(EventOutcome.Kind.FAILED, EventOutcome.Kind.DELIVERED);
        assertThat(report.outcomes().get(1).removed()).isTrue();
        assertThat(cluster.audit.getLast().outcome()).isEqualTo("failed: 1 events failed; resume the replay to "
                + "finish it");
    }

    @Test
    void aWindowsLinesAreOneForceAndNothingTheyAllowStartsBeforeIt() {
        ReplayPlan plan = plan(ReplayMode.MOVE, 16);
        plan.events().forEach(event -> cluster.deadLetters.add(event.key()));
        ReplayJournal journal = journal(plan);
        List<Integer> writes = new ArrayList<>();
        journal.failWritesWith((channel, at, bytes) -> writes.add(lines(bytes)));
        cluster.journalOnDisk = (key, step) -> {
            try {
                return ReplayJournal.readIntact(journal.file()).stream().anyMatch(record -> key.equals(
                        record.path("event").asText()) && step.name().equalsIgnoreCase(record.path("step").asText()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };

        CompletionStage<ReplayReport> done = new ReplayRunner(plan, journal, services(cluster),
                new ReplayOptions(0, 8, false), progress::add).start();
        time.runUntilIdle();

        assertThat(done.toCompletableFuture().join().outcomes()).hasSize(16).allMatch(EventOutcome::removed);
        assertThat(cluster.violations).isEmpty();
        // Every answer takes 1 ms, so a window's answers arrive together: the plan; 8 sent; their 8 confirms
        // (the removals then hold the window); 8 removed with the next window's 8 sent; 8 confirmed; 8 removed.
        assertThat(writes).containsExactly(16, 8, 8, 16, 8, 8);
    }

    static int lines(java.nio.ByteBuffer bytes) {
        int lines = 0;
        for (int i = bytes.position(); i < bytes.limit(); i++) {
            lines += bytes.get(i) == '\n' ? 1 : 0;
        }
        return lines;
    }

    @Test
    void aMoveSendsNothingWhoseDeadLetterIsNoLongerInItsQueueAndHandsBackWhatItHeldAtTheEnd() {
        ReplayPlan plan = plan(ReplayMode.MOVE, 3);
        String taken = plan.events().get(1).key(); // another consumer took it after the plan was made
        plan.events().stream().map(PlannedEvent::key).filter(key -> !key.equals(taken))
                .forEach(cluster.deadLetters::add);

        keep(runner(plan, new ReplayOptions(0, 1, false)).start());
        time.runUntilIdle();

        assertThat(lastReport.outcomes()).extracting(EventOutcome::kind).containsExactly(
                EventOutcome.Kind.DELIVERED, EventOutcome.Kind.NOT_SENT, EventOutcome.Kind.DELIVERED);
        assertThat(lastReport.outcomes().get(1).detail()).startsWith("Its dead letter is no longer in its queue");
        assertThat(cluster.copiesOf(taken, null)).isZero();
        assertThat(cluster.removals).hasSize(2).doesNotContain(taken);
        assertThat(cluster.releases).isEqualTo(1);
    }

    @Test
    void aMoveWhoseDeadLettersCannotBeHeldSendsNothing() {
        ReplayPlan plan = plan(ReplayMode.MOVE, 2);
        plan.events().forEach(event -> cluster.deadLetters.add(event.key()));
        cluster.holdFailure = new dev.flowdeck.core.broker.BrokerException("The broker closed the connection.",
                null);

        keep(runner(plan, new ReplayOptions(0, 1, false)).start());
        time.runUntilIdle();

        assertThat(lastReport.outcomes()).allSatisfy(outcome -> {
            assertThat(outcome.kind()).isEqualTo(EventOutcome.Kind.NOT_SENT);
            assertThat(outcome.detail()).contains("The broker closed the connection.");
        });
        assertThat(cluster.target).isEmpty();
        assertThat(cluster.removals).isEmpty();
    }

    @Test
    void pauseHoldsNewSendsAndCancelLeavesTheRestForAResumeWithoutDoublingAnything() {
        ReplayPlan plan = plan(ReplayMode.COPY, 6);
        ReplayRunner runner = runner(plan, new ReplayOptions(10, 1, false));
        CompletionStage<ReplayReport> first = runner.start();
        time.runUntil(START.plusMillis(150)); // two sends, at 0 and 100 ms
        runner.pause();
        time.runUntil(START.plusSeconds(10));
        assertThat(cluster.target).hasSize(2);
        assertThat(progress.getLast().state()).isEqualTo(ReplayProgress.State.PAUSED);

        runner.resume();
        time.runUntil(START.plusSeconds(10).plusMillis(50)); // one more
        runner.cancel();
        time.runUntilIdle();

        ReplayReport cancelled = first.toCompletableFuture().join();
        assertThat(cancelled.cancelled()).isTrue();
        assertThat(cancelled.count(EventOutcome.Kind.DELIVERED)).isEqualTo(3);
        assertThat(cancelled.count(EventOutcome.Kind.NOT_SENT)).isEqualTo(3);
        assertThat(cluster.audit.getLast().outcome()).isEqualTo("failed: cancelled by the operator");

        CompletionStage<ReplayReport> resuming = runner(plan, new ReplayOptions(0, 1, false)).start();
        time.runUntilIdle();
        ReplayReport resumed = resuming.toCompletableFuture().join();
        assertThat(resumed.count(EventOutcome.Kind.ALREADY_DELIVERED)).isEqualTo(3);
        assertThat(resumed.count(EventOutcome.Kind.DELIVERED)).isEqualTo(3);
        assertThat(cluster.target).hasSize(6);
    }

    @Test
    void aPauseOrCancelAskedBeforeTheRunBeginsHoldsItInsteadOfEndingIt() {
        ReplayPlan plan = plan(ReplayMode.COPY, 3);
        ReplayRunner runner = runner(plan, new ReplayOptions(0, 1, false));
        runner.pause(); // the job's controls may be used while the plan and marks are still being saved
        CompletionStage<ReplayReport> first = runner.start();
        time.runUntilIdle();
        assertThat(first.toCompletableFuture()).isNotDone();
        assertThat(cluster.target).isEmpty();

        runner.cancel();
        time.runUntilIdle();

        ReplayReport cancelled = first.toCompletableFuture().join();
        assertThat(cancelled.cancelled()).isTrue();
        assertThat(cancelled.count(EventOutcome.Kind.NOT_SENT)).isEqualTo(3);
        assertThat(cluster.target).isEmpty();
    }

    @Test
    void aReadOnlyProfileRefusesBeforeAnythingIsSentAndTheRefusalIsAudited() throws Exception {
        cluster.readOnly = true;
        ReplayPlan plan = plan(ReplayMode.COPY, 2);
        CompletionStage<ReplayReport> done = runner(plan, new ReplayOptions(0, 1, false)).start();
        time.runUntilIdle();

        assertThat(done.toCompletableFuture()).isCompletedExceptionally();
        assertThat(catchFailure(done)).isInstanceOf(ReadOnlyProfileException.class)
                .hasMessage("The profile 'shop-prod' is read-only: replaying events is refused.");
        assertThat(cluster.target).isEmpty();
        assertThat(Files.readAllLines(ReplayJournal.fileFor(dir, plan.id()))).hasSize(1); // its beginning only
        assertThat(cluster.audit).singleElement().satisfies(entry -> assertThat(entry.outcome())
                .startsWith("failed: The profile 'shop-prod' is read-only"));
    }

    @Test
    void anEventAnEarlierReplayDeliveredNeedsForce() {
        ReplayPlan plan = plan(ReplayMode.COPY, 2);
        String earlier = plan.events().getFirst().key();
        ReplayHistory history = (key, except) -> key.equals(earlier) ? Optional.of("r-0") : Optional.empty();

        ReplayRunner refusing = new ReplayRunner(plan, journal(plan), services(cluster, history),
                new ReplayOptions(0, 1, false), progress::add);
        keep(refusing.start());
        time.runUntilIdle();
        assertThat(lastReport.outcomes().getFirst()).isEqualTo(new EventOutcome(earlier,
                EventOutcome.Kind.REFUSED_ALREADY_REPLAYED, false,
                "Already replayed by replay r-0; sending it again needs force."));
        assertThat(cluster.target).hasSize(1);

        ReplayPlan again = new ReplayPlanner(time, () -> "r-2", DeadLetterHeaders.KNOWN_CONVENTIONS, 5)
                .plan(kafkaSelection(kafkaDeadLetter(100, "{}")), List.of(), ReplayMode.COPY);
        keep(new ReplayRunner(again, journal(again), services(cluster, history), new ReplayOptions(0, 1, true),
                progress::add).start());
        time.runUntilIdle();
        assertThat(lastReport.count(EventOutcome.Kind.DELIVERED)).isEqualTo(1);
        assertThat(cluster.audit.getLast().detail()).contains("forced");
    }

    @Test
    void heldEventsAreReportedNeverSent() {
        BrowsedMessage tooOften = kafkaDeadLetter(1, "{}", Messages.header(Provenance.REPLAY_COUNT, "5"));
        ReplayPlan plan = new ReplayPlanner(time, () -> "r-1", DeadLetterHeaders.KNOWN_CONVENTIONS, 5)
                .plan(kafkaSelection(tooOften, kafkaDeadLetter(2, "{}")), List.of(), ReplayMode.COPY);
        keep(runner(plan, new ReplayOptions(0, 1, false)).start());
        time.runUntilIdle();
        assertThat(lastReport.outcomes()).extracting(EventOutcome::kind)
                .containsExactly(EventOutcome.Kind.DELIVERED, EventOutcome.Kind.HELD);
        assertThat(cluster.target).hasSize(1);
        assertThat(lastReport.complete()).isTrue();
    }

    private ReplayReport lastReport;

    private ReplayRunner runner(ReplayPlan plan, ReplayOptions options) {
        return new ReplayRunner(plan, journal(plan), services(cluster), options, progress::add);
    }

    /** Keeps the report of the last run that finished; set on the scheduler as the run ends. */
    private void keep(CompletionStage<ReplayReport> run) {
        run.thenAccept(report -> lastReport = report);
    }

    private ReplayRunner.Services services(Publisher publisher) {
        return services(publisher, ReplayHistory.none());
    }

    private ReplayRunner.Services services(Publisher publisher, ReplayHistory history) {
        return new ReplayRunner.Services(publisher, cluster, cluster, history, cluster, time, time);
    }

    private ReplayJournal journal(ReplayPlan plan) {
        return ReplayJournal.open(ReplayJournal.fileFor(dir, plan.id()), plan.id(), time);
    }

    private ReplayPlan plan(ReplayMode mode, int events) {
        BrowsedMessage[] messages = new BrowsedMessage[events];
        for (int i = 0; i < events; i++) {
            messages[i] = kafkaDeadLetter(100 + i, "{\"n\":" + i + "}");
        }
        return new ReplayPlanner(time, () -> "r-1", DeadLetterHeaders.KNOWN_CONVENTIONS, 5)
                .plan(kafkaSelection(messages), List.of(), mode);
    }

    private static Throwable catchFailure(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().join();
            return null;
        } catch (CompletionException failed) {
            return failed.getCause();
        }
    }

    /** A publisher whose confirms the test gives by hand. */
    private final class ManualPublisher implements Publisher {
        final List<CompletableFuture<PublishReceipt>> pending = new ArrayList<>();

        @Override
        public String cluster() {
            return "shop-prod";
        }

        @Override
        public boolean readOnly() {
            return false;
        }

        @Override
        public CompletionStage<PublishReceipt> send(dev.flowdeck.core.publish.OutgoingMessage message) {
            CompletableFuture<PublishReceipt> confirm = new CompletableFuture<>();
            pending.add(confirm);
            return confirm;
        }
    }
}
