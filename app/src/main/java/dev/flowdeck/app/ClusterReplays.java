package dev.flowdeck.app;

import dev.flowdeck.core.audit.AuditEntry;
import dev.flowdeck.core.audit.AuditExport;
import dev.flowdeck.core.audit.AuditLog;
import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.deadletter.DeadLetterGroup;
import dev.flowdeck.core.decode.ValueWriter;
import dev.flowdeck.replay.PlanFile;
import dev.flowdeck.replay.ReplayChoices;
import dev.flowdeck.replay.ReplayOptions;
import dev.flowdeck.replay.ReplayPlan;
import dev.flowdeck.replay.ReplayProgress;
import dev.flowdeck.replay.ReplayReport;
import dev.flowdeck.replay.ReplaySummary;
import dev.flowdeck.replay.SelectionRead;
import dev.flowdeck.replayconnect.GroupReplayPlanner;
import dev.flowdeck.replayconnect.ScanSelection;
import dev.flowdeck.replayconnect.ReplayJob;
import dev.flowdeck.replayconnect.Replays;
import dev.flowdeck.views.replay.ReplayService;
import dev.flowdeck.views.replay.StartedReplay;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The replay dialog's service for one open cluster: plans with {@link GroupReplayPlanner} and runs with
 * {@link Replays}, the same parts {@code flowdeck replay} uses, journaled in the machine's replays directory and
 * recorded in the audit log the offset resets use.
 */
final class ClusterReplays implements ReplayService {

    private final BrokerConnection connection;
    private final GroupReplayPlanner planner;
    private final Replays replays;
    private final AuditLog audit;
    private final Executor disk;

    /**
     * @param directory the replays directory (journals, marks, plans)
     * @param disk      where plans are written (broker I/O in the app: never the FX thread)
     */
    ClusterReplays(ConnectionProfile profile, BrokerConnection connection, ValueWriter writer, Path directory,
                   AuditLog audit, AppExecutors executors, Clock clock) {
        this.connection = connection;
        // An edited Avro, Protobuf or JSON Schema value goes back in its schema (the registry), never as JSON.
        this.planner = new GroupReplayPlanner(profile, connection, clock, writer);
        this.replays = new Replays(profile, connection, directory, audit, executors.replays(), clock);
        this.audit = audit;
        this.disk = executors.brokerIo();
    }

    @Override
    public CompletionStage<SelectionRead> read(Destination destination, DeadLetterGroup group) {
        return planner.read(destination, group.id(), progress -> { }).letters();
    }

    @Override
    public CompletionStage<SelectionRead> readScan(Destination destination, BrowseRequest scan) {
        return ScanSelection.read(connection, destination, scan, GroupReplayPlanner.MAX_EVENTS);
    }

    @Override
    public CompletionStage<ReplayPlan> plan(SelectionRead read, ReplayChoices choices) {
        return CompletableFuture.supplyAsync(() -> planner.plan(read, choices), disk); // 100,000 events: not on FX
    }

    @Override
    public CompletionStage<Void> save(ReplayPlan plan, Path file) {
        return CompletableFuture.runAsync(() -> PlanFile.write(plan, file), disk);
    }

    @Override
    public StartedReplay start(ReplayPlan plan, ReplayOptions options, Consumer<ReplayProgress> progress) {
        // Replays.start returns at once (its disk work runs on the replay thread); a refusal before anything was
        // sent (a plan for another kind of cluster) is the run's end, said in a sentence.
        return new Started(CompletableFuture.supplyAsync(() -> replays.start(plan, options, progress), Runnable::run));
    }

    @Override
    public StartedReplay resume(String replayId, ReplayOptions options, Consumer<ReplayProgress> progress) {
        // A resume reads the saved plan and the journal first: off the FX thread.
        return new Started(CompletableFuture.supplyAsync(() -> replays.resume(replayId, options, progress), disk));
    }

    @Override
    public CompletionStage<List<ReplaySummary>> history() {
        return CompletableFuture.supplyAsync(replays::list, disk);
    }

    @Override
    public CompletionStage<List<AuditEntry>> auditTrail(int limit) {
        return CompletableFuture.supplyAsync(() -> audit.recent(limit), disk);
    }

    @Override
    public CompletionStage<Void> exportAudit(List<AuditEntry> entries, Path file, boolean jsonLines) {
        return CompletableFuture.runAsync(() -> {
            try (OutputStream out = Files.newOutputStream(file)) {
                if (jsonLines) {
                    AuditExport.jsonLines(entries, out);
                } else {
                    AuditExport.csv(entries, out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("The audit log could not be exported to " + file + ": "
                        + e.getMessage(), e);
            }
        }, disk);
    }

    /** A job under way, or about to be: controls reach it once it exists. */
    private record Started(CompletableFuture<ReplayJob> job) implements StartedReplay {

        @Override
        public void pause() {
            job.thenAccept(ReplayJob::pause);
        }

        @Override
        public void resume() {
            job.thenAccept(ReplayJob::resume);
        }

        @Override
        public void cancel() {
            job.thenAccept(ReplayJob::cancel);
        }

        @Override
        public CompletionStage<ReplayReport> finished() {
            return job.thenCompose(ReplayJob::finished).thenApply(ReplayJob.Result::report);
        }
    }
}
