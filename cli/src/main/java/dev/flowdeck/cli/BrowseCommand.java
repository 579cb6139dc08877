package dev.flowdeck.cli;

import picocli.CommandLine.Command;

/** {@code flowdeck browse}: every message of a destination, or those the filters let through. */
@Command(name = "browse", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Read messages from a Kafka topic or RabbitMQ queue without changing anything: Kafka is read "
                + "without a consumer group, a RabbitMQ queue's messages are all handed back.",
            "From the beginning unless told otherwise; filters are optional."})
final class BrowseCommand extends ReadCommand {

    BrowseCommand(CliEnvironment environment) {
        super(environment);
    }

    @Override
    boolean isSearch() {
        return false;
    }
}
