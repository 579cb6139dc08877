package dev.flowdeck.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.concurrent.NamedThreadFactory;
import dev.flowdeck.core.mask.Masking;
import dev.flowdeck.core.publish.ReadOnlyProfileException;
import dev.flowdeck.replay.DryRun;
import dev.flowdeck.replay.JournalState;
import dev.flowdeck.replay.PlanFile;
import dev.flowdeck.replay.ReplayJournal;
import dev.flowdeck.replay.ReplayMode;
import dev.flowdeck.replay.ReplayOptions;
import dev.flowdeck.replay.ReplayPlan;
import dev.flowdeck.replay.ReplayProgress;
import dev.flowdeck.replayconnect.GroupReplayPlanner;
import dev.flowdeck.replayconnect.ReplayJob;
import dev.flowdeck.replay.Redirect;
import dev.flowdeck.replay.ReplayChoices;
import dev.flowdeck.replay.ReplaySummary;
import dev.flowdeck.replay.SelectionRead;
import dev.flowdeck.replay.TransformLines;
import dev.flowdeck.replayconnect.Replays;
import dev.flowdeck.schemas.SchemaDecoder;
import dev.flowdeck.store.FileAuditLog;
import dev.flowdeck.store.ReplaysDirectory;
import dev.flowdeck.telemetry.OwnSpans;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flowdeck replay}: sends a group of dead letters back where they came from, through the desktop's replay
 * job ({@link Replays}), its journal and its audit log, so a replay started here can be listed and resumed in the
 * app and the other way round. Plans, dry runs and saved plans send nothing; a real run asks first.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replay dead letters to where they came from (the original topic and partition, or the "
                + "first-death exchange and routing key), exactly once per event however often it is interrupted "
                + "(at least once into RabbitMQ classic or quorum queues, which cannot be read back).",
            "  flowdeck replay DESTINATION --group ID [--dry-run | --save-plan FILE]",
            "  flowdeck replay --plan FILE [--dry-run]",
            "  flowdeck replay --resume REPLAY_ID",
            "  flowdeck replay --list",
            "A real run asks for confirmation on a terminal (the cluster's name, typed, for a production profile); "
                + "elsewhere it needs --yes. Progress goes to stderr, the JSON report to stdout."})
final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DESTINATION",
            description = "The dead-letter topic or queue the group is in (with --group).")
    String destination;

    @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "%nWhere to replay (one of; not for --list):%n")
    TargetOptions target;

    @Option(names = "--group", paramLabel = "ID", description = "The group to replay (an id 'flowdeck dlq groups' "
            + "prints).")
    String group;

    @Option(names = "--plan", paramLabel = "FILE", description = "Apply a plan saved with --save-plan (or by the app), "
            + "exactly as saved.")
    Path planFile;

    @Option(names = "--save-plan", paramLabel = "FILE", description = "Only plan: write the plan to FILE for review "
            + "and send nothing.")
    Path savePlan;

    @Option(names = "--resume", paramLabel = "REPLAY_ID", description = "Resume an interrupted replay from its "
            + "journal: what it delivered is not sent again.")
    String resume;

    @Option(names = "--list", description = "List the replays of this machine and where each stands.")
    boolean list;

    @Option(names = "--dry-run", description = "Print exactly what would be sent where, and send nothing.")
    boolean dryRun;

    @Option(names = "--rate", paramLabel = "N", description = "At most N events a second (default: no limit).")
    double rate;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Sends waiting for their confirm at once (default " + ReplayOptions.DEFAULT_CONCURRENCY
                    + ", so one journal force covers many sends; 1 keeps the exact order).")
    int concurrency = ReplayOptions.DEFAULT_CONCURRENCY;

    @ArgGroup(exclusive = true)
    Mode mode;

    @Option(names = "--force", description = "Send events an earlier replay already delivered.")
    boolean force;

    @Option(names = "--to", paramLabel = "DESTINATION", description = "Send to this topic (Kafka) or exchange "
            + "(RabbitMQ) instead of where each failed.")
    String to;

    @Option(names = "--by-key", description = "Kafka: partition by key instead of the original partition.")
    boolean byKey;

    @Option(names = "--routing-key", paramLabel = "KEY",
            description = "RabbitMQ with --to: the routing key (default: each event's own).")
    String routingKey;

    @Option(names = "--transform", paramLabel = "LINE", description = "A change on the way, repeatable: "
            + "'set header NAME = VALUE', 'remove header NAME', 'set $.field = JSON'.")
    List<String> transforms = new ArrayList<>();

    @Option(names = "--yes", description = "Do not ask: for scripts (a terminal still asks for a production "
            + "profile's name).")
    boolean yes;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "For --list and --dry-run: table (default) or json. The report of a run is always JSON.")
    DlqCommand.Format format = DlqCommand.Format.TABLE;

    /** Copy (the default) or move. */
    static final class Mode {
        @Option(names = "--copy", description = "Leave the dead letters where they are (default).")
        boolean copy;

        @Option(names = "--move", description = "Mark each dead letter done once its replay is confirmed.")
        boolean move;
    }

    @Mixin
    TelemetryOptions telemetry = new TelemetryOptions();

    private final CliEnvironment environment;

    ReplayCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintStream err = environment.err();
        try {
            validate();
            Path config = environment.configDirectory().get();
            Path replays = ReplaysDirectory.in(config);
            if (list) {
                return list(replays);
            }
            return withCluster(Target.of(target, environment), config, replays);
        } catch (UsageException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (CommandFailure e) {
            err.println(e.getMessage());
            return e.exitCode();
        } catch (BrokerException e) {
            err.println(e.getMessage());
            return ExitCodes.BROKER;
        } catch (UncheckedIOException e) {
            err.println(e.getMessage());
            return ExitCodes.OUTPUT;
        }
    }

    private void validate() {
        int ways = (group != null ? 1 : 0) + (planFile != null ? 1 : 0) + (resume != null ? 1 : 0) + (list ? 1 : 0);
        if (ways != 1) {
            throw new UsageException("Say what to replay, one of: DESTINATION --group ID, --plan FILE, --resume "
                    + "REPLAY_ID, or --list.");
        }
        if (group != null && destination == null) {
            throw new UsageException("--group needs the DESTINATION it is in: flowdeck replay orders.DLT --group ID.");
        }
        if (group == null && destination != null) {
            throw new UsageException("A DESTINATION is replayed by group: add --group ID (see 'flowdeck dlq groups').");
        }
        if (savePlan != null && group == null) {
            throw new UsageException("--save-plan plans a group: DESTINATION --group ID --save-plan FILE.");
        }
        if (dryRun && (resume != null || list)) {
            throw new UsageException("--dry-run shows a plan before it runs: use it with --group or --plan.");
        }
        if (!list && target == null) {
            throw new UsageException("Say where to replay: --bootstrap-server, --amqp-uri or --profile.");
        }
        if (concurrency < 1) {
            throw new UsageException("--concurrency needs at least 1, not " + concurrency + ".");
        }
        if (rate < 0 || Double.isNaN(rate)) {
            throw new UsageException("--rate needs 0 (no limit) or more events a second, not " + rate + ".");
        }
    }

    private int list(Path replays) {
        List<ReplaySummary> all = Replays.listIn(replays);
        if (format == DlqCommand.Format.JSON) {
            ArrayNode array = DlqCommand.JSON.createArrayNode();
            all.forEach(replay -> array.addObject().put("replayId", replay.replayId())
                    .put("state", replay.state().spoken()).put("began", replay.began().toString())
                    .put("lastChange", replay.lastChange().toString()).put("events", replay.events())
                    .put("delivered", replay.delivered()).put("inDoubt", replay.inDoubt())
                    .put("notSent", replay.notSent()).put("skipped", replay.skipped())
                    .put("resumable", replay.resumable()));
            environment.out().println(array);
        } else {
            var table = new Columns("REPLAY ID", "STATE", "BEGAN", "EVENTS", "DELIVERED", "IN DOUBT", "NOT SENT");
            all.forEach(replay -> table.row(replay.replayId(), replay.state().spoken(), replay.began().toString(),
                    Integer.toString(replay.events()), Integer.toString(replay.delivered()),
                    Integer.toString(replay.inDoubt()), Integer.toString(replay.notSent())));
            environment.out().print(table.text());
            if (all.isEmpty()) {
                environment.err().println("No replays in " + replays + ".");
            }
        }
        return ExitCodes.OK;
    }

    private int withCluster(Target cluster, Path config, Path replays) {
        OwnSpans spans = OwnSpans.to(telemetry.traces(environment), FlowdeckCli.Version.number());
        ExecutorService io = Executors.newFixedThreadPool(2, new NamedThreadFactory("flowdeck-cli-io"));
        ScheduledExecutorService runnerThread = Executors.newSingleThreadScheduledExecutor(
                new NamedThreadFactory("flowdeck-cli-replay"));
        // Ctrl-C while the group is read ends the read (what it stops is known once the read starts).
        var stopRead = new AtomicReference<Runnable>(() -> { });
        CtrlC ctrlC = CtrlC.stops(() -> stopRead.get().run());
        BrokerConnection connection = null;
        try {
            connection = spans.traced(ReadCommand.open(cluster, io));
            var jobs = new Replays(cluster.profile(), connection, replays, FileAuditLog.in(config), runnerThread,
                    environment.clock());
            ReplayPlan plan;
            if (resume != null) {
                plan = savedPlanOf(replays, resume);
            } else if (planFile != null) {
                plan = readPlan(planFile);
            } else {
                Optional<ReplayPlan> planned = planGroup(cluster, connection, stopRead);
                if (planned.isEmpty()) {
                    return ExitCodes.NOTHING_FOUND;
                }
                plan = planned.get();
            }
            if (savePlan != null) {
                PlanFile.write(plan, savePlan);
                printDryRun(plan, cluster.masking());
                environment.err().println("Saved plan " + plan.id() + " (" + plan.events().size() + " events) to "
                        + savePlan + "; nothing was sent. Apply it with: flowdeck replay --plan " + savePlan);
                return ExitCodes.OK;
            }
            if (dryRun) {
                printDryRun(plan, cluster.masking());
                return ExitCodes.OK;
            }
            if (plan.events().isEmpty()) {
                environment.err().println("Nothing to send: every selected event is held back.");
                return ExitCodes.NOTHING_FOUND;
            }
            if (!cluster.profile().readOnly() && !confirmed(plan, cluster.profile())) {
                return ExitCodes.NOT_CONFIRMED;
            }
            ctrlC.close(); // from here on, Ctrl-C stops the replay instead
            return run(jobs, plan, replays, cluster.profile());
        } catch (PlanFile.PlanFileException | IllegalArgumentException e) {
            environment.err().println(e.getMessage());
            return ExitCodes.USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.INTERRUPTED;
        } finally {
            if (connection != null) {
                connection.close();
            }
            spans.close(); // the replay's spans have ended with its report: sent now
            runnerThread.shutdownNow();
            io.shutdownNow();
            ctrlC.close();
        }
    }

    private ReplayPlan savedPlanOf(Path replays, String replayId) {
        Path file = Replays.planFileFor(replays, replayId);
        if (!file.toFile().exists()) {
            throw new CommandFailure(ExitCodes.USAGE, "No saved plan of replay " + replayId + " in " + replays
                    + ": 'flowdeck replay --list' shows the replays that can be resumed.", null);
        }
        return readPlan(file);
    }

    private ReplayPlan readPlan(Path file) {
        ReplayPlan plan = PlanFile.read(file);
        ReplayMode asked = mode == null ? null : mode.move ? ReplayMode.MOVE : ReplayMode.COPY;
        if (asked != null && asked != plan.mode()) {
            throw new UsageException("The plan " + file + " is a " + plan.mode().name().toLowerCase(Locale.ROOT)
                    + "; a saved plan is applied as it was reviewed, so leave out --" + asked.name()
                    .toLowerCase(Locale.ROOT) + ".");
        }
        return plan;
    }

    /**
     * The group's dead letters, read with the streaming browse and planned as the desktop plans them
     * ({@link GroupReplayPlanner}): only those of the group are kept. Ctrl-C ends the read; the plan then holds what
     * was read, and says so.
     */
    private Optional<ReplayPlan> planGroup(Target cluster, BrokerConnection connection,
                                           AtomicReference<Runnable> stop)
            throws InterruptedException {
        Destination dead = connection.listDestinations().toCompletableFuture().join().stream()
                .filter(listed -> listed.name().equals(destination)).findFirst()
                .orElseThrow(() -> new CommandFailure(ExitCodes.NOTHING_FOUND, "No topic or queue " + destination
                        + " on " + cluster.profile().name() + " (see 'flowdeck dlq list').", null));
        var progress = new ProgressLine(environment.err(), environment.errIsTerminal(), System::nanoTime);
        ReplayMode replayMode = mode != null && mode.move ? ReplayMode.MOVE : ReplayMode.COPY;
        var planner = new GroupReplayPlanner(cluster.profile(), connection, environment.clock(),
                SchemaDecoder.writerFor(cluster.profile())); // an edited schema value goes back in its schema
        var reading = planner.read(dead, group, step -> progress.show(step.scan().scanned(),
                step.scan().matched(), step.scan().total()));
        stop.set(reading::cancel);
        SelectionRead read;
        try {
            read = reading.letters().toCompletableFuture().get();
        } catch (ExecutionException failed) {
            progress.clear();
            if (failed.getCause() instanceof IllegalArgumentException none) {
                environment.err().println(none.getMessage() + " (see 'flowdeck dlq groups " + destination + "')");
                return Optional.empty();
            }
            throw failed.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException(failed.getCause());
        }
        progress.clear();
        read.notes().forEach(note -> environment.err().println("Note: " + note));
        return Optional.of(planner.plan(read, choices(cluster.profile(), replayMode)));
    }

    /** Where to and what to change, from --to, --by-key, --routing-key and --transform. */
    private ReplayChoices choices(ConnectionProfile profile, ReplayMode replayMode) {
        Redirect redirect;
        if (to == null) {
            redirect = new Redirect.Origin(byKey);
        } else if (profile.kind() == BrokerKind.KAFKA) {
            redirect = new Redirect.KafkaTopic(to, byKey);
        } else {
            redirect = new Redirect.RabbitExchange(to, Optional.ofNullable(routingKey));
        }
        return new ReplayChoices(replayMode, redirect, TransformLines.parse(String.join("\n", transforms)));
    }

    private void printDryRun(ReplayPlan plan, Masking masking) {
        DryRun preview = DryRun.of(plan, masking);
        if (format == DlqCommand.Format.TABLE) {
            environment.out().print(preview.text());
            return;
        }
        ObjectNode root = DlqCommand.JSON.createObjectNode().put("replayId", plan.id())
                .put("mode", plan.mode().name().toLowerCase(Locale.ROOT)).put("source", plan.source())
                .put("toSend", preview.totals().toSend()).put("held", preview.totals().held());
        ObjectNode perTarget = root.putObject("perTarget");
        preview.totals().perTarget().forEach(perTarget::put);
        ArrayNode events = root.putArray("events");
        for (DryRun.EventPreview event : preview.events()) {
            ObjectNode node = events.addObject().put("key", event.key()).put("to", event.to())
                    .put("keyChanged", event.keyChanged()).put("payloadChanged", event.payloadChanged());
            ArrayNode headers = node.putArray("headerChanges");
            event.headerChanges().forEach(change -> headers.addObject().put("name", change.name())
                    .put("before", change.before()).put("after", change.after()));
        }
        ArrayNode held = root.putArray("heldEvents");
        plan.held().forEach(event -> held.addObject().put("key", event.key())
                .put("reason", masking.text(event.reason())));
        environment.out().println(root);
    }

    /** On a terminal, the operator says yes (types the cluster's name for a production profile); else --yes. */
    private boolean confirmed(ReplayPlan plan, ConnectionProfile profile) {
        String what = plan.events().size() + " events (" + plan.mode().name().toLowerCase(Locale.ROOT) + ") to "
                + String.join("; ", plan.targets()) + " on cluster '" + profile.name() + "'";
        if (yes && !profile.production()) {
            return true;
        }
        String question = profile.production()
                ? "Replay " + what + ", a production cluster? Type its name to confirm: "
                : "Replay " + what + "? [y/N] ";
        Optional<String> answer = environment.confirm().ask(question);
        if (answer.isEmpty()) {
            if (yes) {
                return true; // no terminal: --yes is the script's confirmation, production or not
            }
            environment.err().println("Nothing sent: not on a terminal, so confirm with --yes (" + what + ").");
            return false;
        }
        String typed = answer.get().strip();
        boolean ok = profile.production() ? typed.equals(profile.name())
                : typed.equalsIgnoreCase("y") || typed.equalsIgnoreCase("yes");
        if (!ok) {
            environment.err().println("Nothing sent: not confirmed.");
        }
        return ok;
    }

    private int run(Replays jobs, ReplayPlan plan, Path replays, ConnectionProfile profile)
            throws InterruptedException {
        PrintStream err = environment.err();
        var progress = new ProgressLine(err, environment.errIsTerminal(), System::nanoTime);
        var options = new ReplayOptions(rate, concurrency, force);
        ReplayJob job;
        try {
            job = resume != null ? jobs.resume(plan.id(), options, p -> progress.showText(describe(p)))
                    : jobs.start(plan, options, p -> progress.showText(describe(p)));
        } catch (UnsupportedOperationException refused) {
            err.println(refused.getMessage());
            return ExitCodes.REFUSED;
        }
        // Ctrl-C: cancel, which lets sends already out be confirmed and journaled; the hook holds the JVM until
        // the report is printed and the journal closed (CtrlC's grace).
        CtrlC ctrlC = CtrlC.stops(job::cancel);
        try {
            ReplayJob.Result result;
            try {
                result = job.finished().toCompletableFuture().get();
            } catch (ExecutionException e) {
                progress.clear();
                Throwable cause = e.getCause() instanceof CompletionException wrapped ? wrapped.getCause()
                        : e.getCause();
                err.println(Failures.sentence(cause));
                return cause instanceof ReadOnlyProfileException ? ExitCodes.REFUSED
                        : cause instanceof BrokerException ? ExitCodes.BROKER : ExitCodes.OUTPUT;
            }
            progress.clear();
            Map<String, JournalState.Standing> journal = journalOf(replays, plan.id());
            environment.out().println(ReplayReportJson.of(result, plan, profile, journal));
            environment.out().flush();
            int exitCode = ReplayReportJson.exitCode(result, journal);
            if (exitCode != ExitCodes.OK) {
                err.println(ReplayReportJson.advice(exitCode, plan.id(), result));
            } else {
                err.println("Replay " + plan.id() + ": " + result.report().summary() + ".");
            }
            result.report().unrecorded().ifPresent(why -> err.println("Not in the audit log: " + why));
            return exitCode;
        } finally {
            ctrlC.close();
        }
    }

    private static Map<String, JournalState.Standing> journalOf(Path replays, String replayId) {
        try {
            return ReplayJournal.read(ReplayJournal.fileFor(replays, replayId)).state().all();
        } catch (IOException e) {
            throw new UncheckedIOException("The journal of replay " + replayId + " could not be read: "
                    + e.getMessage(), e);
        }
    }

    private static String describe(ReplayProgress progress) {
        return String.format(Locale.ROOT, "Replayed %,d of %,d: %,d in the target, %,d failed, %,d in flight%s",
                progress.ended(), progress.total(), progress.delivered(), progress.failed(), progress.inFlight(),
                progress.state() == ReplayProgress.State.PAUSED ? " (paused)" : "");
    }
}
