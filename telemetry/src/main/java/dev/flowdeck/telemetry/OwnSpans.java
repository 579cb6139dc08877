package dev.flowdeck.telemetry;

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
 * Flowdeck's own spans, exported over OTLP/HTTP when a collector's traces URL is given: every connection handed out
 * through {@link #traced} has its scans traced (core's {@link TracedConnection}; replays take the tracer from the
 * connection). Without a URL nothing is built, connections are returned as they are, and no byte leaves the machine.
 *
 * <p>Spans are batched; {@link #close()} sends what is left, waiting a few seconds at most, so a collector that does
 * not answer cannot hold up the exit of the app or of a command.
 */
public final class OwnSpans implements AutoCloseable {

    public static final String SERVICE_NAME = "flowdeck";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final SdkTracerProvider provider;

    private OwnSpans(SdkTracerProvider provider) {
        this.provider = provider;
    }

    /**
     * @param traces  the collector's traces URL ({@code http://collector:4318/v1/traces}); empty: telemetry off
     * @param version this Flowdeck's version, the resource's {@code service.version}
     */
    public static OwnSpans to(Optional<URI> traces, String version) {
        if (traces.isEmpty()) {
            return new OwnSpans(null);
        }
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(traces.get().toString())
                .setTimeout(TIMEOUT)
                .build();
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), SERVICE_NAME,
                AttributeKey.stringKey("service.version"), version)));
        return new OwnSpans(SdkTracerProvider.builder()
                .setResource(resource)
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .build());
    }

    /** {@code connection} with its scans traced, or itself when telemetry is off. */
    public BrokerConnection traced(BrokerConnection connection) {
        return provider == null ? connection
                : TracedConnection.wrap(connection, provider.get(TelemetryAttributes.SCOPE));
    }

    /** Sends the spans still batched and stops; waits a few seconds at most. */
    @Override
    public void close() {
        if (provider != null) {
            provider.shutdown().join(TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS);
        }
    }
}
