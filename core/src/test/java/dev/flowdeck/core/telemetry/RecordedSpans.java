package dev.flowdeck.core.telemetry;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real SDK tracer whose ended spans are kept in memory, each as soon as it ends: what tests read Flowdeck's own
 * spans from. Shared through core's test-jar (modules using it add {@code opentelemetry-sdk-trace} in test scope).
 */
public final class RecordedSpans implements AutoCloseable {

    private final List<SpanData> ended = new CopyOnWriteArrayList<>();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
                @Override
                public CompletableResultCode export(Collection<SpanData> spans) {
                    ended.addAll(spans);
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            }))
            .build();

    public Tracer tracer() {
        return provider.get(TelemetryAttributes.SCOPE);
    }

    /** The spans ended so far, in the order they ended. */
    public List<SpanData> ended() {
        return List.copyOf(ended);
    }

    /** The one ended span of that name. */
    public SpanData named(String name) {
        List<SpanData> found = ended.stream().filter(span -> span.getName().equals(name)).toList();
        if (found.size() != 1) {
            throw new AssertionError("Expected one span named '" + name + "', found " + found.size() + " among "
                    + ended.stream().map(SpanData::getName).toList());
        }
        return found.getFirst();
    }

    @Override
    public void close() {
        provider.close();
    }
}
