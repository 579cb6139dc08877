package dev.flowdeck.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where to read: a Kafka cluster, a RabbitMQ broker, or a saved profile (exactly one). */
final class TargetOptions {

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT[,...]",
            description = "A Kafka cluster (PLAINTEXT); for SASL or TLS save a profile in the app and use --profile.")
    String bootstrapServers;

    @ArgGroup(exclusive = false)
    Rabbit rabbit;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "A connection saved in the app; its password comes from the OS keychain, else "
                    + "FLOWDECK_PASSWORD, else a prompt.")
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
