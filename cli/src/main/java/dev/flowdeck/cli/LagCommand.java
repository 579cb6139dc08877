package dev.flowdeck.cli;

import dev.flowdeck.cli.LagPlan.LagFormat;
import dev.flowdeck.connectors.kafka.KafkaBrokerConnection;
import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.core.concurrent.NamedThreadFactory;
import dev.flowdeck.core.lag.AlertLog;
import dev.flowdeck.core.lag.AlertRules;
import dev.flowdeck.core.lag.GroupStatus;
import dev.flowdeck.core.lag.GroupVerdict;
import dev.flowdeck.core.lag.LagAlert;
import dev.flowdeck.core.lag.LagEvaluator;
import dev.flowdeck.core.lag.LagHistoryStore;
import dev.flowdeck.core.lag.LagMonitor;
import dev.flowdeck.core.lag.Spoken;
import dev.flowdeck.telemetry.OtlpAddress;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code flowdeck lag}: how far consumer groups are behind and how they are doing, judged by the desktop's own
 * {@link LagMonitor}: one sample, or a watch that samples every interval, prints each sample, reports alerts on
 * stderr and, with {@code --otlp}, exports each sample as OpenTelemetry metrics.
 */
@Command(name = "lag", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"How far Kafka consumer groups are behind, and how each is doing: OK, Warning (falling "
                + "behind), Rewinding, Stalled or Stopped, the desktop's statuses, each with the sentence that "
                + "explains it.",
            "Without --watch: one sample. Stopped shows at once; Rewinding takes two samples; Warning and Stalled are "
                + "judged over a full --window of samples, and until the window is covered the explanation says "
                + "'watching'."})
final class LagCommand implements Callable<Integer> {

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    /**
     * Two minutes: at the default interval, 25 samples, and dozens of commits from a consumer committing at Kafka's
     * default 5 s: a group whose offsets stand still that long while records wait is stuck, not busy. Short enough
     * that a watch started during an incident gives its first full verdict within two minutes.
     */
    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(2);
    /** Each sample asks the cluster four admin requests: faster than once a second helps nobody. */
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    /** The statuses only a full window can show. */
    private static final Set<GroupStatus> NEED_A_WINDOW = EnumSet.of(GroupStatus.WARNING, GroupStatus.STALLED);

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "%nWhich cluster (one of):%n")
    KafkaTargetOptions target;

    @Option(names = {"-g", "--group"}, paramLabel = "GROUP",
            description = "Only this consumer group (repeatable). '*' matches any characters and '?' one, so "
                    + "'payment-*' follows every group so named; a name without them must exist. Default: every "
                    + "group.")
    List<String> groups = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "table (default: a heading per sample, a row per group with its explanation under it) or "
                    + "json (one object per group per sample, one per line, for jq).")
    LagFormat format = LagFormat.TABLE;

    @Option(names = "--partitions", description = "With table: each group's partitions under it (json always has "
            + "them).")
    boolean partitions;

    @Option(names = {"-w", "--watch"}, description = "Sample every --interval and print each sample, until Ctrl-C "
            + "or --samples.")
    boolean watch;

    @Option(names = "--interval", paramLabel = "SPAN", converter = SpanConverter.class,
            description = "With --watch: the time between samples (default 5s, at least 1s).")
    Duration interval;

    @Option(names = "--window", paramLabel = "SPAN", converter = SpanConverter.class,
            description = "With --watch: how much of the recent past a status is judged on (default 2m, at least "
                    + "two intervals).")
    Duration window;

    @Option(names = "--samples", paramLabel = "N", description = "With --watch: stop after N samples.")
    Long samples;

    @Option(names = "--fail-on", split = ",", paramLabel = "STATUS",
            description = "Exit 1 when a group's status at the last sample is one of these (${COMPLETION-CANDIDATES}, "
                    + "any case), e.g. --fail-on stalled,stopped. Warning and Stalled need --watch with enough "
                    + "--samples to cover --window; Rewinding needs two samples.")
    List<GroupStatus> failOn = new ArrayList<>();

    @Option(names = "--otlp", paramLabel = "URL",
            description = "With --watch: export each sample as OpenTelemetry metrics (OTLP over HTTP, protobuf) to "
                    + "the collector at URL, e.g. http://localhost:4318 (/v1/metrics is added to a URL without a "
                    + "path).")
    String otlp;

    private final CliEnvironment environment;

    LagCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintStream err = environment.err();
        try {
            LagPlan plan = plan();
            Target cluster = Target.of(target.asTargetOptions(), environment);
            if (cluster.profile().kind() != BrokerKind.KAFKA) {
                throw new UsageException("The profile '" + cluster.profile().name() + "' is a RabbitMQ connection: "
                        + "the command line reads Kafka's consumer groups only (the desktop's lag tab judges "
                        + "RabbitMQ's queues).");
            }
            return run(plan, cluster);
        } catch (UsageException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (CommandFailure e) {
            err.println(e.getMessage());
            return e.exitCode();
        }
    }

    /**
     * The options checked and resolved, before anything is contacted or anyone asked for a password.
     *
     * @throws UsageException for options that contradict each other or cannot work
     */
    LagPlan plan() {
        if (!watch) {
            refuseWithoutWatch(interval != null, "--interval spaces the samples of a watch");
            refuseWithoutWatch(window != null, "--window is what a watch judges a status on");
            refuseWithoutWatch(samples != null, "--samples counts the samples of a watch");
            refuseWithoutWatch(otlp != null, "--otlp exports the samples of a watch");
        }
        Duration every = interval == null ? DEFAULT_INTERVAL : interval;
        Duration judgedOn = window == null ? DEFAULT_WINDOW : window;
        if (every.compareTo(MIN_INTERVAL) < 0) {
            throw new UsageException("--interval must be at least 1s: every sample costs the cluster four requests.");
        }
        if (judgedOn.compareTo(every.multipliedBy(2)) < 0) {
            throw new UsageException("--window " + Spoken.span(judgedOn) + " holds fewer than three samples at "
                    + "--interval " + Spoken.span(every) + ": make it at least " + Spoken.span(every.multipliedBy(2))
                    + ".");
        }
        if (samples != null && samples < 1) {
            throw new UsageException("--samples needs a positive number of samples, not " + samples + ".");
        }
        long count = watch ? (samples == null ? 0 : samples) : 1;
        Set<GroupStatus> failing = failOn.isEmpty() ? Set.of() : EnumSet.copyOf(failOn);
        refuseUnreachable(failing, count, every, judgedOn);
        return new LagPlan(GroupSelection.of(groups), format, partitions, watch, every, judgedOn, count, failing,
                Optional.ofNullable(otlp).map(LagCommand::otlpEndpoint));
    }

    private static void refuseWithoutWatch(boolean given, String what) {
        if (given) {
            throw new UsageException(what + ": add --watch.");
        }
    }

    /**
     * A --fail-on status that the run can never show would make a health check that always passes: refused. A
     * watch until Ctrl-C can show every status, in time.
     */
    private static void refuseUnreachable(Set<GroupStatus> failing, long count, Duration every, Duration judgedOn) {
        List<String> windowed = failing.stream().filter(NEED_A_WINDOW::contains).map(LagMetrics::statusName).toList();
        if (!windowed.isEmpty() && count == 1) {
            throw new UsageException("--fail-on " + String.join(",", windowed) + " needs --watch: Warning and "
                    + "Stalled are judged over a full --window of samples, and one sample covers none.");
        }
        if (!windowed.isEmpty() && count > 1 && every.multipliedBy(count - 1).compareTo(judgedOn) < 0) {
            long enough = (judgedOn.toMillis() + every.toMillis() - 1) / every.toMillis() + 1;
            throw new UsageException("--samples " + count + " at --interval " + Spoken.span(every) + " cover "
                    + Spoken.span(every.multipliedBy(count - 1)) + ", less than the " + Spoken.span(judgedOn)
                    + " --window that --fail-on " + String.join(",", windowed) + " needs: ask for at least " + enough
                    + " samples, or a shorter --window.");
        }
        if (failing.contains(GroupStatus.REWINDING) && count == 1) {
            throw new UsageException("--fail-on rewinding needs --watch: offsets moving back show between two "
                    + "samples.");
        }
    }

    /**
     * The collector's metrics URL. OTLP/HTTP's base address (port 4318) is what operators know; the exporter wants
     * the full path, so a URL without one gets the standard {@code /v1/metrics}.
     */
    static URI otlpEndpoint(String text) {
        return otlpEndpoint(text, "--otlp", OtlpAddress.METRICS, false);
    }

    /**
     * A collector's address for one signal: {@code path} ({@code /v1/metrics}, {@code /v1/traces}) is added to a
     * URL without a path, or always when {@code base} (the standard environment variable's base URL).
     *
     * @param option what the address was given as, for the usage error
     */
    static URI otlpEndpoint(String text, String option, String path, boolean base) {
        try {
            return OtlpAddress.forSignal(text, option, path, base);
        } catch (IllegalArgumentException notOne) {
            throw new UsageException(notOne.getMessage());
        }
    }

    private int run(LagPlan plan, Target cluster) {
        PrintStream out = environment.out();
        PrintStream err = environment.err();
        String name = cluster.profile().name();
        LagReport report = plan.format() == LagFormat.TABLE ? new LagTable(out, name, plan.watch(), plan.partitions())
                : new LagJsonLines(out, name);
        // The desktop's evaluation, with no history on disk: a command starts afresh, and keeps only the window.
        var monitor = new LagMonitor(name, new LagEvaluator(plan.window()), AlertRules::defaults,
                LagHistoryStore.none(), NO_ALERT_LOG);
        ExecutorService io = Executors.newFixedThreadPool(2, new NamedThreadFactory("flowdeck-cli-io"));
        BrokerConnection connection = null;
        LagMetrics metrics = null;
        // Ctrl-C: end the wait or the read in progress; this thread then sends nothing more, closes the exporter
        // and the connection, and only then lets the JVM go.
        var stop = new CompletableFuture<Void>();
        CtrlC ctrlC = CtrlC.stops(() -> stop.complete(null));
        try {
            connection = KafkaBrokerConnection.open(cluster.profile(), cluster.credentials(), io);
            metrics = plan.otlp().map(uri -> LagMetrics.open(uri, name, plan.interval(), err)).orElse(null);
            var watch = new LagWatch(connection::consumerGroups, plan, monitor, environment.clock(),
                    cluster.profile().address(), err, stop);
            LagMetrics exporter = metrics;
            LagWatch.Outcome outcome = watch.run(sample -> {
                report.write(sample);
                if (plan.watch()) {
                    sample.alerts().forEach(alert -> err.println(alertLine(alert)));
                }
                if (exporter != null) {
                    exporter.export(sample);
                }
                return !out.checkError(); // the reader of stdout has gone (| head): nobody to sample for
            });
            return exitCode(plan, outcome, err);
        } catch (CommandFailure e) {
            err.println(e.getMessage());
            return e.exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.OUTPUT;
        } finally {
            if (metrics != null) {
                metrics.close();
            }
            if (connection != null) {
                connection.close();
            }
            io.shutdownNow();
            ctrlC.close();
        }
    }

    private static int exitCode(LagPlan plan, LagWatch.Outcome outcome, PrintStream err) {
        if (outcome.lastSampleFailed()) {
            return ExitCodes.BROKER;
        }
        List<GroupVerdict> failing = outcome.last().map(last -> last.verdicts().stream()
                .filter(verdict -> plan.failOn().contains(verdict.status())).toList()).orElse(List.of());
        if (failing.isEmpty()) {
            return ExitCodes.OK;
        }
        err.println(failing.stream().map(v -> v.name() + " is " + v.status().label())
                .collect(Collectors.joining(", ")) + " (--fail-on " + plan.failOn().stream()
                .sorted().map(LagMetrics::statusName).collect(Collectors.joining(",")) + ").");
        return ExitCodes.STATUS_FAILED;
    }

    /** "2026-05-01T12:00:05Z alert: orders-app Stopped: No consumers while 6 messages wait". */
    static String alertLine(LagAlert alert) {
        return alert.at().truncatedTo(ChronoUnit.SECONDS) + (alert.raised() ? " alert: " : " cleared: ")
                + alert.message();
    }

    /** The command line keeps no alert log: a watch's alerts go to stderr as they happen. */
    private static final AlertLog NO_ALERT_LOG = new AlertLog() {
        @Override
        public void append(LagAlert alert) {
        }

        @Override
        public List<LagAlert> recent(int limit) {
            return List.of();
        }
    };
}
