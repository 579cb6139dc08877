package dev.flowdeck.sandbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Trace context the way an OpenTelemetry-instrumented shop writes it: one trace per order, each hop's
 * {@code traceparent} a child span of the hop before. Spans are made by the real SDK and exported nowhere: only
 * the headers matter here.
 */
final class ShopTracing implements AutoCloseable {

    static final String TRACEPARENT = "traceparent";

    private static final TextMapSetter<Headers> SETTER = (headers, key, value) -> {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    };

    private static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> keys = new ArrayList<>();
            headers.forEach(header -> keys.add(header.key()));
            return keys;
        }

        @Override
        public String get(Headers headers, String key) {
            Header last = headers == null ? null : headers.lastHeader(key);
            return last == null || last.value() == null ? null : new String(last.value(), StandardCharsets.UTF_8);
        }
    };

    // The SDK hands out a no-op tracer (all-zero, invalid span ids) when no span processor is registered, so the
    // spans that only exist to mint ids need one that discards them.
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .setSampler(Sampler.alwaysOn())
            .addSpanProcessor(new DiscardSpans())
            .build();
    private final Tracer tracer = provider.get("dev.flowdeck.sandbox");
    private final TextMapPropagator propagator = W3CTraceContextPropagator.getInstance();

    /** A new trace: the order's first event. */
    void startTrace(String topic, Headers outgoing) {
        publishSpan(Context.root(), topic, outgoing);
    }

    /** The next hop of the trace that {@code incoming} carries. */
    void continueTrace(Headers incoming, String topic, Headers outgoing) {
        publishSpan(propagator.extract(Context.root(), incoming, GETTER), topic, outgoing);
    }

    /** A new trace for a message whose headers are a plain map (AMQP): the {@code traceparent} to send. */
    String startTrace(String destination) {
        Map<String, String> carrier = new HashMap<>();
        publishSpan(Context.root(), destination, carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    private void publishSpan(Context parent, String topic, Headers outgoing) {
        publishSpan(parent, topic, outgoing, SETTER);
    }

    private <C> void publishSpan(Context parent, String topic, C outgoing, TextMapSetter<C> setter) {
        Span span = tracer.spanBuilder(topic + " publish")
                .setParent(parent)
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", outgoing instanceof Headers ? "kafka" : "rabbitmq")
                .setAttribute("messaging.destination.name", topic)
                .startSpan();
        try {
            propagator.inject(parent.with(span), outgoing, setter);
        } finally {
            span.end();
        }
    }

    @Override
    public void close() {
        provider.close();
    }

    private static final class DiscardSpans implements SpanProcessor {
        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
        }

        @Override
        public boolean isEndRequired() {
            return false;
        }
    }
}
