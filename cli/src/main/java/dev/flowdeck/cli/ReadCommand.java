package dev.flowdeck.cli;

import dev.flowdeck.connectors.kafka.KafkaBrokerConnection;
import dev.flowdeck.connectors.rabbitmq.RabbitBrokerConnection;
import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.concurrent.NamedThreadFactory;
import dev.flowdeck.core.export.ExportFormat;
import dev.flowdeck.core.export.MessageExport;
import dev.flowdeck.core.filter.FilterException;
import dev.flowdeck.core.filter.MessageFilter;
import dev.flowdeck.schemas.AmqpProtobuf;
import dev.flowdeck.schemas.SchemaDecoder;
import dev.flowdeck.schemas.SchemaSettings;
import dev.flowdeck.telemetry.OwnSpans;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What {@code browse} and {@code search} share: parse the options into a browse request, open the cluster, read
 * and write the messages out, and turn the outcome into an exit code. Failures end as one sentence on stderr.
 */
abstract class ReadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DESTINATION", description = "The topic (Kafka) or queue (RabbitMQ).")
    String destination;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "%nWhere to read (one of):%n")
    TargetOptions target;

    @ArgGroup(exclusive = false, validate = false, heading = "%nWhere to start and stop:%n")
    PositionOptions positions = new PositionOptions();

    @ArgGroup(exclusive = false, validate = false, heading = "%nFilters (every one given must match):%n")
    FilterOptions filters = new FilterOptions();

    @ArgGroup(exclusive = false, validate = false, heading = "%nOutput:%n")
    OutputOptions output = new OutputOptions();

    @Mixin
    TelemetryOptions telemetry = new TelemetryOptions();

    @Option(names = "--schema-registry", paramLabel = "URL",
            description = "Read Avro, Protobuf and JSON Schema values in a schema registry's wire format through this "
                    + "registry (Confluent-compatible API); a profile's own registry settings are used without it.")
    String schemaRegistry;

    private final CliEnvironment environment;
    /** --since and --until, resolved once by {@link #checkedFilter()} for both the seek and the filter. */
    private PositionOptions.TimeWindow window;

    ReadCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    /** Whether this is a search: it needs a filter, and finding nothing is exit code 1. */
    abstract boolean isSearch();

    @Override
    public Integer call() {
        PrintStream err = environment.err();
        try {
            return read();
        } catch (UsageException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (FilterException e) {
            err.println(e.getMessage());
            return ExitCodes.INVALID_FILTER;
        } catch (CommandFailure e) {
            err.println(e.getMessage());
            return e.exitCode();
        }
    }

    private int read() {
        MessageFilter filter = checkedFilter();
        Target cluster = withSchemaRegistry(Target.of(target, environment));
        BrowseRequest request = request(cluster.profile().kind(), filter);
        Output out = output.file == null ? Output.stdout(environment.out()) : Output.file(output.file);
        return read(cluster, request, out);
    }

    /**
     * The options checked and their filters built, before anything is contacted or anyone asked for a password.
     *
     * @throws UsageException  for options that contradict each other
     * @throws FilterException for a filter that does not parse
     */
    MessageFilter checkedFilter() {
        positions = positions == null ? new PositionOptions() : positions;
        filters = filters == null ? new FilterOptions() : filters;
        output = output == null ? new OutputOptions() : output;
        positions.validate();
        output.validate();
        window = positions.window(environment.clock());
        if (isSearch() && filters.isEmpty() && !positions.hasTimeRange()) {
            throw new UsageException("search needs at least one filter: --contains, --regex, --key, --header, "
                    + "--jsonpath, --since or --until (browse reads everything).");
        }
        return filter();
    }

    /**
     * What the options ask of a broker of that kind, after {@link #checkedFilter()}. The limit counts matches on every
     * broker.
     */
    BrowseRequest request(BrokerKind kind, MessageFilter filter) {
        if (window == null) {
            throw new IllegalStateException("checkedFilter() resolves the time range first");
        }
        // Every message read is written out: values read through a schema get their JSON on the filter pool.
        return new BrowseRequest(destination, positions.start(kind, window), positions.partitionSet(),
                positions.follow, output.limitOrZero(), filter).readingEveryValue();
    }

    /** Every filter given, the time range first (cheapest); {@link MessageFilter#ALL} when there is none. */
    private MessageFilter filter() {
        List<MessageFilter> all = new ArrayList<>();
        window.filter().ifPresent(all::add);
        all.addAll(filters.filters());
        return all.isEmpty() ? MessageFilter.ALL : MessageFilter.allOf(all);
    }

    private int read(Target cluster, BrowseRequest request, Output out) {
        PrintStream err = environment.err();
        MessageExport written = switch (output.chosenFormat()) {
            case TABLE -> new MessageTable(out.stream(), environment.out().charset(), environment.columns());
            case JSONL -> ExportFormat.JSON_LINES.open(out.stream());
            case CSV -> ExportFormat.CSV.open(out.stream());
        };
        // The profile's masking on the way out; the filter above ran on the raw messages (decision 0022).
        MessageExport sink = cluster.masking().exporting(written);
        var progress = new ProgressLine(err, environment.errIsTerminal(), System::nanoTime);
        var tally = new Tally(output.limitOrZero());
        var run = new BrowseRun();
        // Ctrl-C: end the read, let this thread close the output and the connection (a RabbitMQ queue browse then
        // hands its messages back at once), and only then let the JVM go.
        OwnSpans spans = OwnSpans.to(telemetry.traces(environment), FlowdeckCli.Version.number());
        CtrlC ctrlC = CtrlC.stops(run::stop);
        ExecutorService io = Executors.newFixedThreadPool(2, new NamedThreadFactory("flowdeck-cli-io"));
        BrokerConnection connection = null;
        int exitCode;
        try {
            connection = spans.traced(open(cluster, io));
            run.run(connection.browse(request), batch -> tally.take(batch, sink, out, progress, err));
            progress.finish(tally.scanned, tally.written);
            exitCode = isSearch() && tally.written == 0 ? ExitCodes.NOTHING_FOUND : ExitCodes.OK;
        } catch (BrokerException e) {
            progress.clear();
            err.println(e.getMessage());
            exitCode = ExitCodes.BROKER;
        } catch (UncheckedIOException e) {
            progress.clear();
            err.println("The messages could not be written: " + e.getMessage());
            exitCode = ExitCodes.OUTPUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exitCode = ExitCodes.OUTPUT;
        } finally {
            try {
                sink.close();
            } catch (UncheckedIOException e) {
                err.println("The output could not be finished: " + e.getMessage());
            }
            if (connection != null) {
                connection.close();
            }
            spans.close(); // the scan's span has ended with its browse: sent now
            io.shutdownNow();
            ctrlC.close();
        }
        return exitCode;
    }

    /** The option's registry in place of the profile's, credentials and topic formats kept. */
    private Target withSchemaRegistry(Target cluster) {
        if (schemaRegistry == null || schemaRegistry.isBlank()) {
            return cluster;
        }
        var properties = new java.util.HashMap<>(cluster.profile().clientProperties());
        properties.put(SchemaSettings.REGISTRY_URL, schemaRegistry.strip());
        return new Target(cluster.profile().withProperties(properties), cluster.credentials());
    }

    /** A connection as the app opens it; Kafka values in a registry's wire format are read as the profile says. */
    static BrokerConnection open(Target cluster, ExecutorService io) {
        return switch (cluster.profile().kind()) {
            case KAFKA -> KafkaBrokerConnection.open(cluster.profile(), cluster.credentials(), io)
                    .decodingValuesWith(SchemaDecoder.forProfile(cluster.profile()));
            case RABBITMQ -> RabbitBrokerConnection.open(cluster.profile(), cluster.credentials())
                    .decodingValuesWith(AmqpProtobuf.forProfile(cluster.profile()));
        };
    }

    /** Counts what a read has scanned and written, and writes each batch out; false once it should stop. */
    private static final class Tally {
        private final long limit;
        private long scanned;
        private long written;

        Tally(long limit) {
            this.limit = limit;
        }

        boolean take(MessageBatch batch, MessageExport sink, Output out, ProgressLine progress, PrintStream err) {
            progress.clear();
            batch.notes().forEach(note -> err.println("Note: " + note));
            for (BrowsedMessage message : batch.messages()) {
                if (limit > 0 && written >= limit) {
                    break;
                }
                sink.write(message);
                written++;
            }
            scanned = batch.scanned();
            if (out.broken()) {
                return false; // the reader of stdout has gone (| head): nothing more to read for
            }
            progress.show(scanned, written, batch.total());
            return limit == 0 || written < limit;
        }
    }
}
