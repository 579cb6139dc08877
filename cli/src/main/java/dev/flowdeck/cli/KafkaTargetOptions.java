package dev.flowdeck.cli;

import picocli.CommandLine.Option;

/**
 * Which Kafka cluster (exactly one way): consumer groups are Kafka's, so a command about them offers no RabbitMQ
 * address. Resolved through {@link Target} like every other command's, profiles and passwords included.
 */
final class KafkaTargetOptions {

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT[,...]", description = TargetOptions.BOOTSTRAP_HELP)
    String bootstrapServers;

    @Option(names = "--profile", paramLabel = "NAME", description = TargetOptions.PROFILE_HELP)
    String profile;

    /** The same choice in the form {@link Target#of} reads. */
    TargetOptions asTargetOptions() {
        var options = new TargetOptions();
        options.bootstrapServers = bootstrapServers;
        options.profile = profile;
        return options;
    }
}
