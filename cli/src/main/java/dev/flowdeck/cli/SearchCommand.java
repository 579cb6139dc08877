package dev.flowdeck.cli;

import picocli.CommandLine.Command;

/** {@code flowdeck search}: a browse that needs a filter and says, by its exit code, whether anything matched. */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Find the messages of a Kafka topic or RabbitMQ queue that match every filter given (at least "
                + "one), reading from the beginning unless told otherwise.",
            "Exits 0 when something matched and 1 when nothing did, for scripts."})
final class SearchCommand extends ReadCommand {

    SearchCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    boolean isSearch() {
        return true;
    }
}
