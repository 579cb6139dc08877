package dev.flowdeck.cli;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.ExchangeSummary;
import dev.flowdeck.core.concurrent.NamedThreadFactory;
import dev.flowdeck.core.mask.Masking;
import dev.flowdeck.core.trace.ChainIndex;
import dev.flowdeck.core.trace.IndexOutcome;
import dev.flowdeck.core.trace.IndexWindow;
import dev.flowdeck.core.trace.Indexer;
import dev.flowdeck.telemetry.OwnSpans;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What {@code trace} and {@code flow} share: index a window of topics or queues with core's {@link Indexer} (the
 * desktop's), then report from the index. The index lives only as long as the command: nothing is kept on disk.
 */
abstract class IndexCommand implements Callable<Integer> {

    /** How the report is written. */
    enum Format { TABLE, JSON }

    /** Listing the destinations is one admin call; a cluster that takes longer is not answering. */
    private static final long LIST_SECONDS = 30;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "%nWhere to read (one of):%n")
    TargetOptions target;

    @ArgGroup(exclusive = false, validate = false, heading = "%nWhat to index:%n")
    IndexOptions index = new IndexOptions();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "table (default, for reading) or json (one object, for jq).")
    Format format = Format.TABLE;

    @Mixin
    TelemetryOptions telemetry = new TelemetryOptions();

    private final CliEnvironment environment;

    IndexCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    CliEnvironment environment() {
        return environment;
    }

    /** Writes the report from the filled index; returns the exit code. */
    abstract int report(ChainIndex filled, IndexOutcome outcome, PrintStream out);

    /** The cluster profile's masking, for what a report prints of header values (set before {@link #report}). */
    private Masking masking = Masking.NONE;

    Masking masking() {
        return masking;
    }

    @Override
    public Integer call() {
        PrintStream err = environment.err();
        try {
            index = index == null ? new IndexOptions() : index;
            IndexOptions.Window window = index.window(environment.clock());
            var chains = new ChainIndex(index.correlationKeys());
            Target cluster = Target.of(target, environment);
            return run(cluster, window, chains);
        } catch (UsageException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (CommandFailure e) {
            err.println(e.getMessage());
            return e.exitCode();
        }
    }

    private int run(Target cluster, IndexOptions.Window window, ChainIndex chains) {
        PrintStream err = environment.err();
        // Two threads: the connector's continuations, and the indexer's one thread for the whole run.
        OwnSpans spans = OwnSpans.to(telemetry.traces(environment), FlowdeckCli.Version.number());
        ExecutorService io = Executors.newFixedThreadPool(2, new NamedThreadFactory("flowdeck-cli-io"));
        var running = new AtomicReference<Indexer.Run>();
        CtrlC ctrlC = CtrlC.stops(() -> Optional.ofNullable(running.get()).ifPresent(Indexer.Run::cancel));
        BrokerConnection connection = null;
        try {
            connection = spans.traced(ReadCommand.open(cluster, io));
            List<String> destinations = index.topics.isEmpty() ? everyDestination(connection) : index.topics;
            if (destinations.isEmpty()) {
                err.println("There is no topic or queue to index on " + cluster.profile().name() + ".");
                return ExitCodes.NOTHING_FOUND;
            }
            var indexWindow = new IndexWindow(destinations, Optional.of(window.from()), window.until());
            Indexer.Run run = new Indexer(connection, io).start(indexWindow, chains, progress -> { });
            running.set(run);
            IndexOutcome outcome = run.outcome().toCompletableFuture().join();
            outcome.notes().forEach(note -> err.println("Note: " + note));
            if (outcome.cancelled()) {
                return ExitCodes.OUTPUT; // Ctrl-C: an index cut short would answer wrongly
            }
            masking = cluster.masking();
            int exitCode = report(chains, outcome, environment.out());
            environment.out().flush();
            if (environment.out().checkError()) {
                err.println("The report could not be written.");
                return ExitCodes.OUTPUT;
            }
            return exitCode;
        } catch (CompletionException e) {
            err.println(e.getCause() instanceof BrokerException broker ? broker.getMessage()
                    : "Indexing failed: " + e.getCause().getMessage());
            return e.getCause() instanceof BrokerException ? ExitCodes.BROKER : ExitCodes.OUTPUT;
        } catch (BrokerException e) {
            err.println(e.getMessage());
            return ExitCodes.BROKER;
        } catch (UncheckedIOException e) {
            err.println("The report could not be written: " + e.getMessage());
            return ExitCodes.OUTPUT;
        } finally {
            if (connection != null) {
                connection.close();
            }
            spans.close(); // the run's spans have ended with its outcome: sent now
            io.shutdownNow();
            ctrlC.close();
        }
    }

    /** Every topic or queue that is not the broker's own (Kafka's {@code __*}, RabbitMQ's {@code amq.*}). */
    private static List<String> everyDestination(BrokerConnection connection) {
        Future<List<Destination>> listed = connection.listDestinations().toCompletableFuture();
        try {
            return listed.get(LIST_SECONDS, TimeUnit.SECONDS).stream()
                    .filter(destination -> !(destination instanceof ExchangeSummary))
                    .map(Destination::name)
                    .filter(name -> !name.startsWith("__") && !name.startsWith("amq."))
                    .sorted()
                    .toList();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof BrokerException broker ? broker
                    : new BrokerException("The topics could not be listed: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new BrokerException("The broker did not list its topics within " + LIST_SECONDS + " s.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException("Interrupted while listing the topics.", e);
        }
    }
}
