package dev.flowdeck.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where to read: a Kafka cluster, a RabbitMQ broker, or a saved profile (exactly one). */
final class TargetOptions {

    /** Said by every command that reads Kafka, so the words stay the same. */
    static final String BOOTSTRAP_HELP =
            "A Kafka cluster (PLAINTEXT); for SASL or TLS save a profile in the app and use --profile.";
    static final String PROFILE_HELP = "A connection saved in the app; its password comes from the OS keychain, else "
            + "FLOWDECK_PASSWORD, else a prompt.";

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT[,...]", description = BOOTSTRAP_HELP)
    String bootstrapServers;

    @ArgGroup(exclusive = false)
    Rabbit rabbit;

    @Option(names = "--profile", paramLabel = "NAME", description = PROFILE_HELP)
    String profile;

    /** A RabbitMQ broker: the management URL only makes sense with an AMQP URI. */
    static final class Rabbit {

        @Option(names = "--amqp-uri", required = true, paramLabel = "URI",
                description = "A RabbitMQ broker, amqp[s]://[USER@]HOST:PORT/VHOST (user guest if none; never a "
                        + "password: see FLOWDECK_PASSWORD).")
        String uri;

        @Option(names = "--management-url", paramLabel = "URL",
                description = "Its management API (default: the AMQP host, port 15672).")
        String managementUrl;
    }
}
