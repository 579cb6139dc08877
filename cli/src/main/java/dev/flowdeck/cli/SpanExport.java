package dev.flowdeck.cli;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.telemetry.TelemetryAttributes;
import dev.flowdeck.core.telemetry.TracedConnection;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Flowdeck's own spans of a command, exported over OTLP/HTTP when an endpoint is given: the command's connection
 * is wrapped so its scans are traced (core's {@link TracedConnection}); without an endpoint nothing is built, the
 * connection is returned as it is, and no byte leaves the machine.
 *
 * <p>Spans are batched and sent when the command ends ({@link #close()} flushes, waiting a few seconds at most): a
 * command is short, and a collector that does not answer must not hold up its exit for long.
 */
final class SpanExport implements AutoCloseable {

    static final String SERVICE_NAME = "flowdeck";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final SdkTracerProvider provider;

    private SpanExport(SdkTracerProvider provider) {
        this.provider = provider;
    }

    /** Exports to {@code traces} ({@code http://collector:4318/v1/traces}), or nothing when it is empty. */
    static SpanExport open(Optional<URI> traces) {
        if (traces.isEmpty()) {
            return new SpanExport(null);
        }
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(traces.get().toString())
                .setTimeout(TIMEOUT)
                .build();
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), SERVICE_NAME,
                AttributeKey.stringKey("service.version"), FlowdeckCli.Version.number())));
        return new SpanExport(SdkTracerProvider.builder()
                .setResource(resource)
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .build());
    }

    /** {@code connection} with its scans traced, or itself when telemetry is off. */
    BrokerConnection traced(BrokerConnection connection) {
        return provider == null ? connection
                : TracedConnection.wrap(connection, provider.get(TelemetryAttributes.SCOPE));
    }

    /** Sends what is left and stops; waits a few seconds at most. */
    @Override
    public void close() {
        if (provider != null) {
            provider.shutdown().join(TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS);
        }
    }
}
