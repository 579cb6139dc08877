package dev.flowdeck.app;

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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flowdeck's own telemetry in the desktop: off unless {@code --otlp-endpoint} or the standard
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} names a collector; then the SDK's tracer, batching spans to it over OTLP/HTTP
 * (the JDK's HttpClient), and every connection handed to a view model is wrapped so its scans are traced (core's
 * {@link TracedConnection}; replays take the tracer from the connection). Views and view models never see the SDK.
 */
final class AppTelemetry implements AutoCloseable {

    static final String ENVIRONMENT = "OTEL_EXPORTER_OTLP_ENDPOINT";
    private static final Logger LOG = LoggerFactory.getLogger(AppTelemetry.class);

    private final SdkTracerProvider provider;

    private AppTelemetry(SdkTracerProvider provider) {
        this.provider = provider;
    }

    /** The traces URL from the option, else from the environment's base URL; empty when telemetry is off. */
    static Optional<URI> endpoint(Optional<URI> option, Map<String, String> environment) {
        if (option.isPresent()) {
            return option;
        }
        String base = environment.get(ENVIRONMENT);
        if (base == null || base.isBlank()) {
            return Optional.empty();
        }
        LaunchOptions.traces(base); // says what is wrong with it, as the option would
        // The specification's base URL: the signal's path is always appended to it.
        return Optional.of(URI.create(base.strip().replaceAll("/+$", "") + "/v1/traces"));
    }

    static AppTelemetry open(Optional<URI> traces) {
        if (traces.isEmpty()) {
            return new AppTelemetry(null);
        }
        String version = Optional.ofNullable(FlowdeckApp.class.getPackage().getImplementationVersion())
                .orElse("(development)");
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), "flowdeck",
                AttributeKey.stringKey("service.version"), version)));
        var exporter = OtlpHttpSpanExporter.builder().setEndpoint(traces.get().toString()).build();
        LOG.info("Flowdeck's own spans go to {}", traces.get());
        return new AppTelemetry(SdkTracerProvider.builder()
                .setResource(resource)
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .build());
    }

    /** {@code connection} with its scans traced, or itself when telemetry is off. */
    BrokerConnection traced(BrokerConnection connection) {
        return provider == null ? connection
                : TracedConnection.wrap(connection, provider.get(TelemetryAttributes.SCOPE));
    }

    /** Sends the spans still batched; waits a few seconds at most, so a dead collector cannot hold up the exit. */
    @Override
    public void close() {
        if (provider != null) {
            provider.shutdown().join(5, TimeUnit.SECONDS);
        }
    }
}
