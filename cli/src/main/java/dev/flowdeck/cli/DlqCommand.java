package dev.flowdeck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.concurrent.NamedThreadFactory;
import dev.flowdeck.core.deadletter.DeadLetter;
import dev.flowdeck.core.deadletter.DeadLetterDecoder;
import dev.flowdeck.core.deadletter.DeadLetterDestinations;
import dev.flowdeck.core.deadletter.DeadLetterGroup;
import dev.flowdeck.core.deadletter.DeadLetterGroups;
import dev.flowdeck.core.deadletter.Origin;
import dev.flowdeck.core.mask.MaskedCauses;
import dev.flowdeck.core.mask.Masking;
import dev.flowdeck.telemetry.OwnSpans;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flowdeck dlq}: the dead letters of a cluster, read the way the desktop's inbox reads them (core's
 * {@link DeadLetterDestinations}, {@link DeadLetterDecoder} with the profile's header mapping, {@link DeadLetterGroups})
 * and changing nothing: {@code list} the dead-letter destinations, {@code groups} of one by cause, {@code show} its
 * dead letters decoded.
 */
@Command(name = "dlq", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = {"The dead letters of a Kafka cluster or RabbitMQ broker: which destinations hold them, their "
                + "groups by cause, the dead letters decoded. Reads only; replay them with 'flowdeck replay'."})
final class DlqCommand implements java.util.concurrent.Callable<Integer> {

    static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    /** Without a subcommand: say which there are. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** How a report is written. */
    enum Format { TABLE, JSON }

    /** What the three share: the cluster, the output format, a connection opened and closed, failures as a sentence. */
    abstract static class Sub implements java.util.concurrent.Callable<Integer> {

        private static final long LIST_SECONDS = 30;

        @Spec
        CommandSpec spec;

        @ArgGroup(exclusive = true, multiplicity = "1", heading = "%nWhere to read (one of):%n")
        TargetOptions target;

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
                description = "table (default, for reading) or json (for scripts and jq).")
        Format format = Format.TABLE;

        @Mixin
        TelemetryOptions telemetry = new TelemetryOptions();

        final CliEnvironment environment;

        Sub(CliEnvironment environment) {
            this.environment = environment;
        }

        abstract int run(Target cluster, BrokerConnection connection) throws InterruptedException;

        /** Ctrl-C during a scan: ends it, keeping what was read. Null where the command does not scan. */
        DeadLetterScan scan;

        @Override
        public Integer call() {
            PrintStream err = environment.err();
            ExecutorService io = Executors.newFixedThreadPool(2, new NamedThreadFactory("flowdeck-cli-io"));
            scan = new DeadLetterScan();
            CtrlC ctrlC = CtrlC.stops(scan::stop);
            BrokerConnection connection = null;
            OwnSpans spans = null;
            try {
                spans = OwnSpans.to(telemetry.traces(environment), FlowdeckCli.Version.number());
                Target cluster = Target.of(target, environment);
                connection = spans.traced(ReadCommand.open(cluster, io));
                int exitCode = run(cluster, connection);
                environment.out().flush();
                if (environment.out().checkError()) {
                    err.println("The report could not be written.");
                    return ExitCodes.OUTPUT;
                }
                return exitCode;
            } catch (UsageException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            } catch (CommandFailure e) {
                err.println(e.getMessage());
                return e.exitCode();
            } catch (BrokerException e) {
                err.println(e.getMessage());
                return ExitCodes.BROKER;
            } catch (UncheckedIOException e) {
                err.println("The report could not be written: " + e.getMessage());
                return ExitCodes.OUTPUT;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCodes.OUTPUT;
            } finally {
                if (connection != null) {
                    connection.close();
                }
                if (spans != null) {
                    spans.close(); // the scan's spans have ended: sent now
                }
                io.shutdownNow();
                ctrlC.close();
            }
        }

        ProgressLine progress() {
            return new ProgressLine(environment.err(), environment.errIsTerminal(), System::nanoTime);
        }

        static <T> T await(java.util.concurrent.CompletionStage<T> stage, String what) {
            try {
                return stage.toCompletableFuture().get(LIST_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof BrokerException broker ? broker
                        : new BrokerException(what + " failed: " + e.getCause().getMessage(), e);
            } catch (TimeoutException e) {
                throw new BrokerException("The broker did not answer within " + LIST_SECONDS + " s (" + what + ").",
                        e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BrokerException("Interrupted: " + what + ".", e);
            }
        }

        void print(String text) {
            environment.out().print(text);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
            description = "The dead-letter destinations of the cluster: picked by their name, as the target of a "
                    + "RabbitMQ dead-letter exchange, or marked on the profile; with what each holds now.")
    static final class ListCommand extends Sub {

        ListCommand(CliEnvironment environment) {
            super(environment);
        }

        @Override
        int run(Target cluster, BrokerConnection connection) {
            var destinations = await(connection.listDestinations(), "listing the destinations");
            List<DeadLetterDestinations.Picked> picked = DeadLetterDestinations.pick(destinations,
                    DeadLetterDestinations.markedIn(cluster.profile().clientProperties()));
            if (format == Format.JSON) {
                ArrayNode array = JSON.createArrayNode();
                for (var one : picked) {
                    ObjectNode node = array.addObject().put("name", one.destination().name());
                    if (!one.destination().namespace().isEmpty()) {
                        node.put("vhost", one.destination().namespace());
                    }
                    ArrayNode evidence = node.putArray("evidence");
                    one.reasons().forEach(reason -> evidence.addObject().put("kind", kind(reason.how()))
                            .put("explanation", reason.explanation()));
                    node.put("count", one.destination().messageCount());
                }
                print(array + "\n");
            } else {
                var table = new Columns("NAME", "COUNT", "EVIDENCE");
                picked.forEach(one -> table.row(one.destination().name(),
                        Long.toString(one.destination().messageCount()),
                        one.reasons().stream().map(reason -> kind(reason.how())).collect(Collectors.joining(", "))));
                print(table.text());
            }
            if (picked.isEmpty()) {
                environment.err().println("No dead-letter destination on " + cluster.profile().name()
                        + ": none is named like one, fed by a dead-letter exchange, or marked on the profile.");
                return ExitCodes.NOTHING_FOUND;
            }
            return ExitCodes.OK;
        }

        static String kind(DeadLetterDestinations.How how) {
            return switch (how) {
                case NAME -> "name pattern";
                case DEAD_LETTER_EXCHANGE -> "dead-letter exchange target";
                case MARKED -> "marked";
            };
        }
    }

    @Command(name = "groups", mixinStandardHelpOptions = true, sortOptions = false,
            description = "The dead letters of DESTINATION grouped by origin and failure (the exception with ids and "
                    + "numbers masked), largest first; the id names the group for 'dlq show --group' and 'replay'.")
    static final class GroupsCommand extends Sub {

        @Parameters(index = "0", paramLabel = "DESTINATION", description = "The dead-letter topic or queue.")
        String destination;

        GroupsCommand(CliEnvironment environment) {
            super(environment);
        }

        @Override
        int run(Target cluster, BrokerConnection connection) throws InterruptedException {
            var groups = new DeadLetterGroups();
            ProgressLine progress = progress();
            DeadLetterDecoder decoder = DeadLetterDecoder.forProfile(cluster.profile());
            // Grouped by the raw headers; each group's cause printed from its first letter's masked headers.
            var causes = new MaskedCauses(cluster.masking(), decoder);
            scan.read(connection, destination, decoder, progress,
                    environment.err(), letter -> {
                        groups.add(letter.deadLetter());
                        causes.see(letter.groupId(), letter.message());
                        return true;
                    });
            progress.clear();
            groups.notes().forEach(note -> environment.err().println("Note: " + note));
            List<DeadLetterGroup> all = groups.groups();
            if (format == Format.JSON) {
                ArrayNode array = JSON.createArrayNode();
                for (DeadLetterGroup group : all) {
                    ObjectNode node = array.addObject().put("id", group.id()).put("count", group.count());
                    optional(node, "firstSeen", group.firstSeen());
                    optional(node, "lastSeen", group.lastSeen());
                    node.put("exception", group.isOther() ? null : causes.of(group));
                    node.put("origin", group.origin());
                }
                print(array + "\n");
            } else {
                var table = new Columns("ID", "COUNT", "FIRST SEEN", "LAST SEEN", "ORIGIN", "EXCEPTION");
                all.forEach(group -> table.row(group.id(), Long.toString(group.count()),
                        group.firstSeen().map(Instant::toString).orElse("-"),
                        group.lastSeen().map(Instant::toString).orElse("-"),
                        group.origin().isEmpty() ? "-" : group.origin(),
                        group.isOther() ? "(other causes)" : causes.of(group)));
                print(table.text());
            }
            if (all.isEmpty()) {
                environment.err().println(destination + " holds no dead letters.");
                return ExitCodes.NOTHING_FOUND;
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
            description = "The dead letters of DESTINATION decoded: where each sits, where it came from, when and why "
                    + "it failed. With --output json, one object per line.")
    static final class ShowCommand extends Sub {

        @Parameters(index = "0", paramLabel = "DESTINATION", description = "The dead-letter topic or queue.")
        String destination;

        @Option(names = "--group", paramLabel = "ID", description = "Only the group with this id (see 'dlq groups').")
        String group;

        @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "Stop after N dead letters.")
        Long limit;

        ShowCommand(CliEnvironment environment) {
            super(environment);
        }

        @Override
        int run(Target cluster, BrokerConnection connection) throws InterruptedException {
            if (limit != null && limit <= 0) {
                throw new UsageException("--limit needs a positive number of dead letters, not " + limit + ".");
            }
            long[] shown = {0};
            ProgressLine progress = progress();
            PrintStream out = environment.out();
            if (format == Format.TABLE) {
                out.println(String.join("  ", "AT", "ORIGIN", "FAILED AT", "GROUP", "FAILURE"));
            }
            DeadLetterDecoder decoder = DeadLetterDecoder.forProfile(cluster.profile());
            Masking masking = cluster.masking();
            scan.read(connection, destination, decoder, progress,
                    environment.err(), letter -> {
                        if (group != null && !group.equals(letter.groupId())) {
                            return true;
                        }
                        // Grouped by what the raw headers say; printed from the masked ones (a profile that masks
                        // an exception-message header hides it here too).
                        DeadLetterScan.Letter printed = masked(letter, masking, decoder);
                        out.println(format == Format.JSON ? json(printed, letter.groupId()).toString()
                                : row(printed, letter.groupId()));
                        shown[0]++;
                        return !out.checkError() && (limit == null || shown[0] < limit);
                    });
            progress.clear();
            if (shown[0] == 0) {
                environment.err().println(group == null ? destination + " holds no dead letters."
                        : "No dead letter of group " + group + " in " + destination + " (see 'flowdeck dlq groups "
                        + destination + "').");
                return ExitCodes.NOTHING_FOUND;
            }
            return ExitCodes.OK;
        }

        private static DeadLetterScan.Letter masked(DeadLetterScan.Letter letter, Masking masking,
                                                    DeadLetterDecoder decoder) {
            if (!masking.active()) {
                return letter;
            }
            var masked = masking.apply(letter.message()).message();
            return new DeadLetterScan.Letter(masked, decoder.decode(masked));
        }

        private static String row(DeadLetterScan.Letter letter, String groupId) {
            DeadLetter deadLetter = letter.deadLetter();
            return String.join("  ", at(deadLetter), deadLetter.origin().map(Origin::destination).orElse("-"),
                    deadLetter.times().failedAt().map(Instant::toString).orElse("-"), groupId,
                    deadLetter.failure().exceptionClass().orElse(deadLetter.failure().reason().orElse("unknown"))
                            + deadLetter.failure().message().map(message -> ": " + firstLine(message)).orElse(""));
        }

        static ObjectNode json(DeadLetterScan.Letter letter, String groupId) {
            DeadLetter deadLetter = letter.deadLetter();
            ObjectNode node = JSON.createObjectNode().put("destination", deadLetter.at().destination())
                    .put("partition", deadLetter.at().partition()).put("offset", deadLetter.at().offset())
                    .put("group", groupId).put("convention", deadLetter.convention().name());
            node.put("origin", deadLetter.origin().map(Origin::destination).orElse(null));
            optional(node, "failedAt", deadLetter.times().failedAt());
            ObjectNode failure = node.putObject("failure");
            failure.put("exception", deadLetter.failure().exceptionClass().orElse(null));
            failure.put("message", deadLetter.failure().message().orElse(null));
            failure.put("reason", deadLetter.failure().reason().orElse(null));
            ArrayNode notes = node.putArray("notes");
            deadLetter.notes().forEach(notes::add);
            return node;
        }

        private static String at(DeadLetter deadLetter) {
            return deadLetter.at().partition() + "@" + deadLetter.at().offset();
        }

        private static String firstLine(String text) {
            int end = text.indexOf('\n');
            return end < 0 ? text : text.substring(0, end);
        }
    }

    static void optional(ObjectNode node, String name, Optional<Instant> time) {
        node.put(name, time.map(Instant::toString).orElse(null));
    }
}
