package dev.flowdeck.replayconnect;

import dev.flowdeck.core.audit.AuditLog;
import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.replay.ReplaySummary;
import dev.flowdeck.replay.DeadLetterSource;
import dev.flowdeck.replay.JournalHistory;
import dev.flowdeck.replay.PlanFile;
import dev.flowdeck.replay.ReplayJournal;
import dev.flowdeck.replay.ReplayMode;
import dev.flowdeck.replay.ReplayOptions;
import dev.flowdeck.replay.ReplayPlan;
import dev.flowdeck.replay.ReplayProgress;
import dev.flowdeck.replay.ReplayReport;
import dev.flowdeck.replay.ReplayRunner;
import dev.flowdeck.replay.ReplayTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replays of one cluster, as the desktop and the command line run them: start a plan, resume an interrupted
 * replay by its id, list what the replays directory holds. Each replay keeps three files there, side by side:
 * {@code <id>.plan.json} (what it sends, saved when it starts, so a resume needs nothing else),
 * {@code <id>.marks} (where each Kafka target ended before the first send) and {@code <id>.journal}.
 *
 * <p>The caller owns the connection and the thread: {@code runnerThread} must run one task at a time (the runner's
 * rule); it also does the disk work of starting (plan, marks, journal), so nothing here blocks a connector's thread
 * or the caller's. {@link #resume} and {@link #list} read files on the calling thread: call them off a UI thread.
 */
public final class Replays {

    private static final Logger LOG = LoggerFactory.getLogger(Replays.class);
    private static final String PLAN_SUFFIX = ".plan.json";

    private final ConnectionProfile profile;
    private final BrokerConnection connection;
    private final Path directory;
    private final AuditLog audit;
    private final ScheduledExecutorService runnerThread;
    private final Clock clock;

    /**
     * @param profile      the cluster's profile: the targets' and the dead letters' (its read-only flag refuses)
     * @param connection   an open connection to it
     * @param directory    the replays directory (journals, marks, plans)
     * @param audit        where every run, refused or not, is recorded
     * @param runnerThread one thread: the runner's tasks and the disk work of starting
     */
    public Replays(ConnectionProfile profile, BrokerConnection connection, Path directory, AuditLog audit,
                   ScheduledExecutorService runnerThread, Clock clock) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.runnerThread = Objects.requireNonNull(runnerThread, "runnerThread");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Path directory() {
        return directory;
    }

    /** Where the plan of replay {@code replayId} is saved, beside its journal. */
    public static Path planFileFor(Path directory, String replayId) {
        String journal = ReplayJournal.fileFor(directory, replayId).getFileName().toString();
        return directory.resolve(journal.substring(0, journal.length() - ".journal".length()) + PLAN_SUFFIX);
    }

    /**
     * Starts a run of {@code plan} (copy or move, as its mode says): saves the plan beside the journal, takes the
     * target marks before the first send, picks the read-back by the targets' kind, then runs it.
     *
     * @param progress told of every change, on {@code runnerThread}
     * @throws IllegalArgumentException for a plan whose targets are not of this cluster's kind
     */
    public ReplayJob start(ReplayPlan plan, ReplayOptions options, Consumer<ReplayProgress> progress) {
        return run(plan, options, progress, false);
    }

    /**
     * Resumes replay {@code replayId} from its saved plan, journal and marks: what the journal records as
     * delivered is not sent again; what it leaves in doubt is read back from the target first.
     *
     * @throws IllegalArgumentException when the directory holds no journal or no saved plan of that replay (the
     *                                  message says so in words)
     * @throws PlanFile.PlanFileException when the saved plan cannot be read
     */
    public ReplayJob resume(String replayId, ReplayOptions options, Consumer<ReplayProgress> progress) {
        Path journal = ReplayJournal.fileFor(directory, replayId);
        Path planFile = planFileFor(directory, replayId);
        if (!Files.exists(journal)) {
            throw new IllegalArgumentException("No replay " + replayId + " in " + directory
                    + ": list the replays to see their ids.");
        }
        if (!Files.exists(planFile)) {
            throw new IllegalArgumentException("Replay " + replayId + " has a journal but no saved plan in "
                    + directory + ", so it cannot be resumed; its journal still keeps its events from being "
                    + "replayed twice.");
        }
        ReplayPlan plan = PlanFile.read(planFile);
        if (!plan.id().equals(replayId)) {
            throw new IllegalArgumentException("The plan " + planFile + " is of replay " + plan.id() + ", not "
                    + replayId + "; it was renamed or copied by hand.");
        }
        return run(plan, options, progress, true);
    }

    /** The replays in the directory, newest first, with where each stands. A journal that cannot be read is left out. */
    public List<ReplaySummary> list() {
        return listIn(directory);
    }

    /** {@link #list()} without a connection: what a replays directory holds, newest first. */
    public static List<ReplaySummary> listIn(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<ReplaySummary> replays = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(path -> path.getFileName().toString().endsWith(".journal")).toList()) {
                try {
                    ReplayJournal.Reading reading = ReplayJournal.read(file);
                    replays.add(ReplaySummary.of(reading,
                            Files.exists(planFileFor(directory, reading.replayId()))));
                } catch (IOException | RuntimeException unreadable) {
                    LOG.warn("Replay journal {} cannot be read; left out of the list", file, unreadable);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The replays directory " + directory + " cannot be listed: "
                    + e.getMessage(), e);
        }
        replays.sort(Comparator.comparing(ReplaySummary::began).reversed());
        return List.copyOf(replays);
    }

    private ReplayJob run(ReplayPlan plan, ReplayOptions options, Consumer<ReplayProgress> progress,
                          boolean resumed) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(progress, "progress");
        refuseForeignTargets(plan);
        DeadLetterSource source = plan.mode() == ReplayMode.MOVE ? MoveSources.forMove(profile, connection)
                : DeadLetterSource.none();
        ReplayJob job = new ReplayJob(plan, resumed);
        CompletableFuture.runAsync(() -> savePlan(plan), runnerThread)
                .thenCompose(saved -> TargetMarks.takeOrLoad(connection, plan, directory, clock, runnerThread))
                .thenCompose(marks -> destinations(plan).thenApply(all ->
                        TargetReadBacks.choose(plan, connection, marks, all)))
                .thenComposeAsync(chosen -> runWith(job, chosen, source, options, progress), runnerThread)
                .whenComplete((result, failure) -> {
                    if (failure == null) {
                        job.complete(result);
                    } else {
                        job.fail(failure instanceof CompletionException wrapped && wrapped.getCause() != null
                                ? wrapped.getCause() : failure);
                    }
                });
        return job;
    }

    private CompletionStage<ReplayJob.Result> runWith(ReplayJob job, TargetReadBacks.Chosen chosen,
                                                      DeadLetterSource source, ReplayOptions options,
                                                      Consumer<ReplayProgress> progress) {
        ReplayPlan plan = job.plan();
        ReplayJournal journal = ReplayJournal.open(ReplayJournal.fileFor(directory, plan.id()), plan.id(), clock);
        ReplayJob.Delivery delivery = chosen.atLeastOnce() ? ReplayJob.Delivery.AT_LEAST_ONCE
                : ReplayJob.Delivery.EXACTLY_ONCE;
        CompletionStage<ReplayReport> report;
        try {
            // Read now, just before the run: the history must see every replay that ended before this one began.
            // The run's span and each send's (no-op unless the connection is traced): the runner knows nothing of them.
            ReplayTracing tracing = ReplayTracing.begin(connection, plan);
            var services = new ReplayRunner.Services(tracing.publisher(new ConnectionPublisher(profile, connection)),
                    chosen.readBack(), source, JournalHistory.read(directory), audit,
                    new ExecutorReplayScheduler(runnerThread), clock);
            report = tracing.endWhen(job.begin(new ReplayRunner(plan, journal, services, options, progress)));
        } catch (RuntimeException failed) {
            journal.close();
            throw failed;
        }
        return report.whenComplete((ignored, failure) -> journal.close())
                .thenApply(done -> new ReplayJob.Result(done, delivery));
    }

    /** Saved once: a resume reads this very plan, and a second start of the same plan keeps the first file. */
    private void savePlan(ReplayPlan plan) {
        Path file = planFileFor(directory, plan.id());
        if (Files.exists(file)) {
            return;
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("The replays directory " + directory + " cannot be created ("
                    + e.getMessage() + "); the replay does not start without its plan saved.", e);
        }
        PlanFile.write(plan, file);
    }

    /** RabbitMQ's destinations, to tell a stream from a queue; Kafka needs none. */
    private CompletionStage<List<? extends Destination>> destinations(ReplayPlan plan) {
        boolean rabbit = plan.events().stream().anyMatch(e -> e.target() instanceof ReplayTarget.RabbitExchange);
        if (!rabbit) {
            return CompletableFuture.completedFuture(List.of());
        }
        return connection.listDestinations().thenApply(all -> all);
    }

    private void refuseForeignTargets(ReplayPlan plan) {
        Optional<ReplayTarget> foreign = plan.events().stream().map(event -> event.target())
                .filter(target -> (target instanceof ReplayTarget.KafkaTopic) != (profile.kind() == BrokerKind.KAFKA))
                .findFirst();
        if (foreign.isPresent()) {
            throw new IllegalArgumentException("The plan sends to " + foreign.get().describe() + ", which is not on "
                    + profile.name() + " (a " + (profile.kind() == BrokerKind.KAFKA ? "Kafka" : "RabbitMQ")
                    + " cluster): apply it with a profile of the cluster it was made for.");
        }
    }
}
