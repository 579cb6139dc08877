package dev.flowdeck.cli;

import dev.flowdeck.telemetry.OtlpAddress;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --otlp-endpoint}: where Flowdeck's own spans of a scan go. Off unless given, or unless the standard
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set: a team that already points its tools at a collector that way gets
 * Flowdeck's spans there too, and the option wins over it.
 */
final class TelemetryOptions {

    static final String ENVIRONMENT = OtlpAddress.ENVIRONMENT;

    @Option(names = "--otlp-endpoint", paramLabel = "URL",
            description = "Send Flowdeck's own spans of this scan (OpenTelemetry, OTLP over HTTP, protobuf) to the "
                    + "collector at URL, e.g. http://localhost:4318 (/v1/traces is added to a URL without a path). "
                    + "Default: $" + ENVIRONMENT + " if set (as a base URL), else no telemetry.")
    String endpoint;

    /**
     * The traces URL, if telemetry is on.
     *
     * @throws UsageException for an address that is not an http(s) URL
     */
    Optional<URI> traces(CliEnvironment environment) {
        if (endpoint != null) {
            return Optional.of(LagCommand.otlpEndpoint(endpoint, "--otlp-endpoint", OtlpAddress.TRACES, false));
        }
        String base = environment.variable(ENVIRONMENT);
        if (base == null || base.isBlank()) {
            return Optional.empty();
        }
        // The specification's base URL: the signal's path is always appended to it.
        return Optional.of(LagCommand.otlpEndpoint(base, ENVIRONMENT, OtlpAddress.TRACES, true));
    }
}
