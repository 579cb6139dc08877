package dev.flowdeck.views.replay;

import dev.flowdeck.core.audit.AuditEntry;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.deadletter.DeadLetterGroup;
import dev.flowdeck.replay.DeadLetterHeaders;
import dev.flowdeck.replay.EventIdentity;
import dev.flowdeck.replay.EventOutcome;
import dev.flowdeck.replay.ReplayMode;
import dev.flowdeck.replay.ReplayOptions;
import dev.flowdeck.replay.ReplayPlan;
import dev.flowdeck.replay.ReplayPlanner;
import dev.flowdeck.replay.ReplayProgress;
import dev.flowdeck.replay.ReplayReport;
import dev.flowdeck.replay.ReplaySelection;
import dev.flowdeck.replay.ReplaySummary;
import dev.flowdeck.replay.ReplayTarget;
import dev.flowdeck.replay.SelectedEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * A replay service that plans three Spring dead letters of {@code payments.DLT} with the engine's real planner, and
 * runs only as far as a test says: progress and the end are pushed by the test. Answers on the calling thread.
 */
public final class ScriptedReplays implements ReplayService {

    public static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    public final List<ReplayMode> modes = new ArrayList<>();
    public final List<AuditEntry> audit = new ArrayList<>();
    public final List<ReplaySummary> history = new ArrayList<>();
    public final List<String> resumed = new ArrayList<>();
    public RuntimeException planFailure;
    public ReplayOptions options;
    public Consumer<ReplayProgress> progress;
    private final CompletableFuture<ReplayReport> finished = new CompletableFuture<>();
    private ReplayPlan plan;

    @Override
    public CompletionStage<ProposedReplay> plan(Destination destination, DeadLetterGroup group, ReplayMode mode) {
        modes.add(mode);
        if (planFailure != null) {
            return CompletableFuture.failedFuture(planFailure);
        }
        var selection = new ReplaySelection("3 dead letters of " + destination.name(), EventIdentity.BY_OFFSET,
                IntStream.range(0, 3).mapToObj(i -> new SelectedEvent(letter(i),
                        ReplayTarget.KafkaTopic.toPartition("payments", 0))).toList());
        plan = new ReplayPlanner(Clock.fixed(T0, ZoneOffset.UTC), () -> "r-1", DeadLetterHeaders.KNOWN_CONVENTIONS,
                5).plan(selection, List.of(), mode);
        return CompletableFuture.completedFuture(new ProposedReplay(plan,
                List.of("1 dead letter has no origin header: left out.")));
    }

    @Override
    public CompletionStage<Void> save(ReplayPlan saved, Path file) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public StartedReplay resume(String replayId, ReplayOptions chosen, Consumer<ReplayProgress> told) {
        resumed.add(replayId);
        return start(plan, chosen, told);
    }

    @Override
    public CompletionStage<List<ReplaySummary>> history() {
        return CompletableFuture.completedFuture(List.copyOf(history));
    }

    @Override
    public CompletionStage<List<AuditEntry>> auditTrail(int limit) {
        return CompletableFuture.completedFuture(List.copyOf(audit));
    }

    @Override
    public CompletionStage<Void> exportAudit(List<AuditEntry> entries, Path file, boolean jsonLines) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public StartedReplay start(ReplayPlan started, ReplayOptions chosen, Consumer<ReplayProgress> told) {
        this.options = chosen;
        this.progress = told;
        return new StartedReplay() {
            @Override
            public void pause() {
            }

            @Override
            public void resume() {
            }

            @Override
            public void cancel() {
            }

            @Override
            public CompletionStage<ReplayReport> finished() {
                return finished;
            }
        };
    }

    /** Ends the run with these outcomes. */
    public void finish(List<EventOutcome> outcomes, boolean cancelled) {
        finished.complete(new ReplayReport(plan.id(), cancelled, outcomes, Optional.empty()));
    }

    /** A Spring Kafka dead letter of {@code payments}, failed with {@code com.acme.Timeout}. */
    public static BrowsedMessage letter(long offset) {
        return new BrowsedMessage("payments.DLT", 0, offset, T0.plusSeconds(offset),
                "ord-9".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8),
                List.of(header("kafka_dlt-original-topic", "payments"),
                        header("kafka_dlt-exception-fqcn", "com.acme.Timeout")));
    }

    private static MessageHeader header(String name, String value) {
        return new MessageHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
