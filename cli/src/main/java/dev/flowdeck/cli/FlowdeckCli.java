package dev.flowdeck.cli;

import dev.flowdeck.core.broker.Failures;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code flowdeck}, the command line: {@code browse} and {@code search} a Kafka topic or RabbitMQ queue with the
 * app's connectors, filters and profiles, and watch consumer groups' {@code lag}, for scripts and terminals. Only
 * {@link #main} exits the JVM; the commands return exit codes (see {@link ExitCodes}), so tests run them in-process.
 */
@Command(name = "flowdeck", mixinStandardHelpOptions = true, versionProvider = FlowdeckCli.Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "Browse and search Kafka topics and RabbitMQ queues, watch Kafka consumer lag, trace "
                + "transactions through them, and inspect and replay dead letters, from the command line.")
public final class FlowdeckCli implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(FlowdeckCli.class);

    @Spec
    CommandSpec spec;

    private FlowdeckCli() {
    }

    public static void main(String[] args) {
        // Libraries that log through java.util.logging (the OpenTelemetry exporter) would print to stderr on their
        // own; through SLF4J they stay as quiet as every other log unless -Dflowdeck.log asks for them.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(commandLine(CliEnvironment.system()).execute(args));
    }

    /** The whole command tree, writing to the environment's streams. */
    static CommandLine commandLine(CliEnvironment environment) {
        var cli = new CommandLine(new FlowdeckCli())
                .addSubcommand(new BrowseCommand(environment))
                .addSubcommand(new SearchCommand(environment))
                .addSubcommand(new LagCommand(environment))
                .addSubcommand(new TraceCommand(environment))
                .addSubcommand(new FlowCommand(environment))
                .addSubcommand(new CommandLine(new DlqCommand())
                        .addSubcommand(new DlqCommand.ListCommand(environment))
                        .addSubcommand(new DlqCommand.GroupsCommand(environment))
                        .addSubcommand(new DlqCommand.ShowCommand(environment)))
                .addSubcommand(new ReplayCommand(environment))
                .addSubcommand(new CommandLine.HelpCommand());
        cli.setOut(new PrintWriter(environment.out(), true));
        cli.setErr(new PrintWriter(environment.err(), true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(FlowdeckCli::shortUsageError);
        cli.setExecutionExceptionHandler((failure, command, parsed) -> {
            LOG.debug("Unexpected failure", failure);
            command.getErr().println("Unexpected failure: " + Failures.firstLine(failure)
                    + " (run java with -Dflowdeck.log=DEBUG for details).");
            return ExitCodes.OUTPUT;
        });
        for (CommandLine command : cli.getSubcommands().values()) {
            switch (command.getCommand()) {
                case ReadCommand ignored -> listExitCodes(command, ExitCodes.HELP);
                case LagCommand ignored -> listExitCodes(command, ExitCodes.LAG_HELP);
                case IndexCommand ignored -> listExitCodes(command, ExitCodes.TRACE_HELP);
                case ReplayCommand ignored -> listExitCodes(command, ExitCodes.REPLAY_HELP);
                case DlqCommand ignored -> command.getSubcommands().values()
                        .forEach(sub -> listExitCodes(sub, ExitCodes.DLQ_HELP));
                default -> {
                }
            }
        }
        listExitCodes(cli, ExitCodes.ALL_HELP);
        return cli;
    }

    private static void listExitCodes(CommandLine command, String[] lines) {
        Map<String, String> exitCodes = new LinkedHashMap<>();
        for (String line : lines) {
            exitCodes.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1));
        }
        command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes);
    }

    /** A usage error in a few lines, not the whole help: what is wrong, a suggestion for a typo, where to look. */
    private static int shortUsageError(ParameterException problem, String[] args) {
        CommandLine command = problem.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(problem.getMessage());
        UnmatchedArgumentException.printSuggestions(problem, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
        return ExitCodes.USAGE;
    }

    /** Without a command: say which there are. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** The version Maven built, from the jar's resources. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"flowdeck " + number(),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + ")"};
        }

        /** The version number alone, e.g. {@code 0.1.0-SNAPSHOT}; "(development)" outside a built jar. */
        static String number() {
            var properties = new Properties();
            try (InputStream in = FlowdeckCli.class.getResourceAsStream("/flowdeck-cli.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException unreadable) {
                // said as "(development)", like a missing file
            }
            return properties.getProperty("version", "(development)");
        }
    }
}
