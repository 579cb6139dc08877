package dev.flowdeck.app;

import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Credentials;
import dev.flowdeck.core.browse.TimeExpression;
import dev.flowdeck.core.lag.LagSettings;
import dev.flowdeck.core.profile.AmqpAddress;
import dev.flowdeck.sandbox.SandboxSettings;
import dev.flowdeck.telemetry.OtlpAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the command line asked for: the embedded sandbox (the default) or a cluster of the operator's own.
 *
 * @param profile         the cluster to open (without secrets); null for the sandbox
 * @param credentials     a user and password given in an AMQP URI, kept in memory only
 * @param sandboxSettings how busy the sandbox's shop is (unused for an own cluster)
 * @param lag             how consumer lag is sampled, judged and kept
 * @param otlpEndpoint    where Flowdeck's own spans go (the traces URL of an OTLP/HTTP collector); empty: nowhere,
 *                        unless {@code OTEL_EXPORTER_OTLP_ENDPOINT} says (see {@link #tracesEndpoint})
 * @param smokeTest       open the window, check it rendered, exit (installers' check that a package starts)
 * @param planFile        a saved replay plan to show, as the OS passes a file opened with Flowdeck
 */
public record LaunchOptions(ConnectionProfile profile, Credentials credentials, SandboxSettings sandboxSettings,
                            LagSettings lag, Optional<URI> otlpEndpoint, boolean smokeTest, Optional<Path> planFile) {

    /**
     * Where a smoke test without a cluster of its own connects: the discard port, where nothing listens, so the
     * window opens as it would on an unreachable cluster and no broker (nor the sandbox's child JVM) starts.
     */
    static final String SMOKE_TEST_ADDRESS = "127.0.0.1:9";

    /** Saved replay plans end so; the installers associate the extension with Flowdeck. */
    static final String PLAN_SUFFIX = ".plan.json";

    static final String USAGE = """
            Usage: flowdeck [--sandbox] [--orders-per-second N]
                   flowdeck --bootstrap-server HOST:PORT[,HOST:PORT...] [--name NAME]
                   flowdeck --amqp-uri amqp://HOST:5672/VHOST [--management-url URL] [--name NAME]

              --sandbox             start the embedded sandbox: Kafka, and RabbitMQ where it is installed (default)
              --orders-per-second   how many orders the sandbox's shop places per second (default 4)
              --bootstrap-server    connect to your own Kafka cluster instead
              --amqp-uri            connect to your own RabbitMQ instead (user guest unless the URI names one)
              --management-url      RabbitMQ's management API (default: the AMQP host on port 15672)
              --name                what to call that cluster in the window (default: its address)
              --lag-interval        how often consumer lag is sampled (default 5s)
              --lag-window          how far back a group's status looks (default 2m)
              --lag-history         how long lag history is kept on disk (default 24h)
              --otlp-endpoint URL   send Flowdeck's own spans (scans, replays) to this OTLP/HTTP collector, e.g.
                                    http://localhost:4318 (default: $OTEL_EXPORTER_OTLP_ENDPOINT, else off)
              --smoke-test          open the main window, check that it rendered, print one line and exit (0 when it
                                    did); without a cluster option it opens an unreachable one, not the sandbox
              FILE.plan.json        show a saved replay plan (what opening the file from the desktop does)
            """;

    public boolean sandbox() {
        return profile == null;
    }

    /** Parses the arguments; a mistake throws {@link IllegalArgumentException} with a message for the operator. */
    public static LaunchOptions parse(List<String> args) {
        String kafka = null;
        String amqp = null;
        String management = null;
        String name = null;
        SandboxSettings settings = SandboxSettings.defaults();
        LagSettings defaults = LagSettings.defaults();
        Duration lagInterval = defaults.interval();
        Duration lagWindow = defaults.window();
        Duration lagHistory = defaults.retention();
        Optional<URI> otlp = Optional.empty();
        boolean smokeTest = false;
        Optional<Path> planFile = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int equals = arg.indexOf('=');
            String option = equals < 0 ? arg : arg.substring(0, equals);
            String inline = equals < 0 ? null : arg.substring(equals + 1);
            switch (option) {
                case "" -> { } // Maven's exec plugin passes an empty argument when no options are given
                case "--sandbox" -> {
                    kafka = null;
                    amqp = null;
                }
                case "--bootstrap-server" -> kafka = inline != null ? inline : next(args, ++i, option);
                case "--amqp-uri" -> amqp = inline != null ? inline : next(args, ++i, option);
                case "--management-url" -> management = inline != null ? inline : next(args, ++i, option);
                case "--name" -> name = inline != null ? inline : next(args, ++i, option);
                case "--orders-per-second" -> {
                    String rate = inline != null ? inline : next(args, ++i, option);
                    try {
                        settings = settings.withOrdersPerSecond(Double.parseDouble(rate));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--orders-per-second needs a number, not '" + rate + "'");
                    }
                }
                case "--lag-interval" -> lagInterval = age(inline != null ? inline : next(args, ++i, option), option);
                case "--lag-window" -> lagWindow = age(inline != null ? inline : next(args, ++i, option), option);
                case "--lag-history" -> lagHistory = age(inline != null ? inline : next(args, ++i, option), option);
                case "--otlp-endpoint" -> otlp = Optional.of(traces(inline != null ? inline : next(args, ++i, option)));
                case "--smoke-test" -> smokeTest = true;
                default -> {
                    if (!arg.startsWith("-") && arg.endsWith(PLAN_SUFFIX)) {
                        planFile = Optional.of(Path.of(arg));
                        continue;
                    }
                    throw new IllegalArgumentException("Unknown option '" + arg + "'.\n" + USAGE);
                }
            }
        }
        // Checked together, so the options may come in any order.
        var lag = new LagSettings(lagInterval, lagWindow, lagHistory);
        if (kafka != null && amqp != null) {
            throw new IllegalArgumentException("Open either a Kafka cluster (--bootstrap-server) or a RabbitMQ "
                    + "broker (--amqp-uri), not both at once.");
        }
        if (kafka != null && kafka.isBlank() || amqp != null && amqp.isBlank()) {
            throw new IllegalArgumentException("The address is empty: give one such as localhost:9092 or "
                    + "amqp://localhost:5672/");
        }
        if (kafka == null && amqp == null && smokeTest) {
            kafka = SMOKE_TEST_ADDRESS;
            name = name != null ? name : "Smoke test (no broker)";
        }
        if (kafka == null && amqp == null) {
            return new LaunchOptions(null, Credentials.NONE, settings, lag, otlp, smokeTest, planFile);
        }
        Map<String, String> properties = new HashMap<>();
        if (kafka != null) {
            var profile = ConnectionProfile.kafka(name != null ? name : kafka, kafka);
            return new LaunchOptions(profile, Credentials.NONE, settings, lag, otlp, smokeTest, planFile);
        }
        // Credentials in the URI stay in memory; the address shown and logged is the URI without them.
        AmqpAddress uri = AmqpAddress.split(amqp);
        if (management != null) {
            properties.put("management.url", AmqpAddress.split(management).address());
        }
        var profile = ConnectionProfile.rabbitMq(name != null ? name : uri.address(), uri.address())
                .withUsername(uri.user()).withProperties(properties);
        var credentials = uri.user().isEmpty() ? Credentials.NONE : new Credentials(uri.user(), uri.password());
        return new LaunchOptions(profile, credentials, settings, lag, otlp, smokeTest, planFile);
    }

    /**
     * A collector's traces URL: {@code /v1/traces} is added to an address without a path, as the command line's
     * {@code --otlp-endpoint} does.
     */
    static URI traces(String text) {
        return OtlpAddress.forSignal(text, "--otlp-endpoint", OtlpAddress.TRACES, false);
    }

    /**
     * Where the desktop's own spans go: the option's traces URL, else the standard environment variable's base URL
     * with {@code /v1/traces}; empty when neither is set, and telemetry is off.
     */
    static Optional<URI> tracesEndpoint(Optional<URI> option, Map<String, String> environment) {
        if (option.isPresent()) {
            return option;
        }
        String base = environment.get(OtlpAddress.ENVIRONMENT);
        if (base == null || base.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(OtlpAddress.forSignal(base, OtlpAddress.ENVIRONMENT, OtlpAddress.TRACES, true));
    }

    private static Duration age(String text, String option) {
        try {
            if (TimeExpression.parse(text) instanceof TimeExpression.Ago ago && !ago.age().isZero()) {
                return ago.age();
            }
        } catch (IllegalArgumentException notAnAge) {
            // worded below
        }
        throw new IllegalArgumentException(option + " needs a span such as 5s, 2m or 24h, not '" + text + "'");
    }

    private static String next(List<String> args, int index, String option) {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value.\n" + USAGE);
        }
        return args.get(index);
    }
}
