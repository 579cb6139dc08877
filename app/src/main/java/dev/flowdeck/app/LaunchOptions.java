package dev.flowdeck.app;

import dev.flowdeck.sandbox.SandboxSettings;
import java.util.List;
import java.util.Optional;

/**
 * What the command line asked for: the embedded sandbox (the default) or a cluster of the operator's own.
 *
 * @param bootstrapServers empty for the sandbox, else the Kafka bootstrap list to connect to
 * @param profileName      what the navigation tree calls the cluster
 * @param sandboxSettings  how busy the sandbox's shop is (unused for an own cluster)
 */
public record LaunchOptions(Optional<String> bootstrapServers, String profileName, SandboxSettings sandboxSettings) {

    static final String USAGE = """
            Usage: flowdeck [--sandbox] [--orders-per-second N]
                   flowdeck --bootstrap-server HOST:PORT[,HOST:PORT...] [--name NAME]

              --sandbox             start the embedded Kafka sandbox with a simulated shop (the default)
              --orders-per-second   how many orders the sandbox's shop places per second (default 4)
              --bootstrap-server    connect to your own Kafka cluster instead
              --name                what to call that cluster in the window (default: its address)
            """;

    public boolean sandbox() {
        return bootstrapServers.isEmpty();
    }

    /** Parses the arguments; a mistake throws {@link IllegalArgumentException} with a message for the operator. */
    public static LaunchOptions parse(List<String> args) {
        String bootstrap = null;
        String name = null;
        SandboxSettings settings = SandboxSettings.defaults();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int equals = arg.indexOf('=');
            String option = equals < 0 ? arg : arg.substring(0, equals);
            String inline = equals < 0 ? null : arg.substring(equals + 1);
            switch (option) {
                case "" -> { } // Maven's exec plugin passes an empty argument when no options are given
                case "--sandbox" -> bootstrap = null;
                case "--bootstrap-server" -> bootstrap = inline != null ? inline : next(args, ++i, option);
                case "--name" -> name = inline != null ? inline : next(args, ++i, option);
                case "--orders-per-second" -> {
                    String rate = inline != null ? inline : next(args, ++i, option);
                    try {
                        settings = settings.withOrdersPerSecond(Double.parseDouble(rate));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--orders-per-second needs a number, not '" + rate + "'");
                    }
                }
                default -> throw new IllegalArgumentException("Unknown option '" + arg + "'.\n" + USAGE);
            }
        }
        if (bootstrap != null && bootstrap.isBlank()) {
            throw new IllegalArgumentException("--bootstrap-server needs an address such as localhost:9092");
        }
        String profileName = name != null ? name : bootstrap != null ? bootstrap : "Sandbox";
        return new LaunchOptions(Optional.ofNullable(bootstrap), profileName, settings);
    }

    private static String next(List<String> args, int index, String option) {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value.\n" + USAGE);
        }
        return args.get(index);
    }
}
