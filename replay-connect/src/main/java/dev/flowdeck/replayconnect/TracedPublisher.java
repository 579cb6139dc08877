package dev.flowdeck.replayconnect;

import static dev.flowdeck.core.telemetry.TelemetryAttributes.DESTINATION;
import static dev.flowdeck.core.telemetry.TelemetryAttributes.MESSAGING_SYSTEM;
import static dev.flowdeck.core.telemetry.TelemetryAttributes.OPERATION_NAME;
import static dev.flowdeck.core.telemetry.TelemetryAttributes.OPERATION_TYPE;
import static dev.flowdeck.core.telemetry.TelemetryAttributes.PARTITION;

import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.publish.OutgoingMessage;
import dev.flowdeck.core.publish.PublishReceipt;
import dev.flowdeck.core.telemetry.TelemetryAttributes;
import dev.flowdeck.replay.Provenance;
import dev.flowdeck.replay.Publisher;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.extension.trace.propagation.B3Propagator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * A replay's publisher whose every send is a PRODUCER span, "replay {destination}", and whose replayed event
 * carries that span as its trace context: the services that consume the replay continue Flowdeck's trace, and the
 * span links to the context the dead letter carried, so a tracing backend shows the replay next to the failure it
 * repairs.
 *
 * <p>The message is changed at send time only, and only in its trace headers: {@code traceparent} (and
 * {@code tracestate}) are replaced, the B3 headers too where the dead letter had them (in the same form, for
 * services that read B3 only). The plan, its journal and the provenance headers that a read-back matches are what
 * they were, so exactly-once is untouched; a resent event simply gets a fresh span. With the no-op tracer
 * (telemetry off) the span is not valid and the message is sent exactly as planned.
 */
public final class TracedPublisher implements Publisher {

    static final AttributeKey<String> REPLAY_ID = AttributeKey.stringKey("flowdeck.replay.id");
    static final AttributeKey<String> REPLAYED_FROM = AttributeKey.stringKey("flowdeck.replay.replayed_from");
    static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    static final AttributeKey<String> LINK_KIND = AttributeKey.stringKey("flowdeck.link");

    private static final String TRACEPARENT = "traceparent";
    private static final String TRACESTATE = "tracestate";
    private static final String B3 = "b3";
    private static final Set<String> TRACE_HEADERS = Set.of(TRACEPARENT, TRACESTATE, B3, "x-b3-traceid",
            "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags");

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapPropagator B3_SINGLE = B3Propagator.injectingSingleHeader();
    private static final TextMapPropagator B3_MULTI = B3Propagator.injectingMultiHeaders();

    private final Publisher publisher;
    private final Tracer tracer;
    private final BrokerKind kind;
    private final Context parent;

    /**
     * @param parent the context the replay's spans belong to: the run's span ({@link ReplayTracing}), or
     *               {@link Context#root()} for a new trace per event
     */
    public TracedPublisher(Publisher publisher, Tracer tracer, BrokerKind kind, Context parent) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.tracer = Objects.requireNonNull(tracer, "tracer");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.parent = Objects.requireNonNull(parent, "parent");
    }

    @Override
    public String cluster() {
        return publisher.cluster();
    }

    @Override
    public boolean readOnly() {
        return publisher.readOnly();
    }

    @Override
    public CompletionStage<PublishReceipt> send(OutgoingMessage message) {
        SpanContext original = originalContext(message.headers());
        SpanBuilder builder = tracer.spanBuilder("replay " + message.destination())
                .setParent(parent)
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute(MESSAGING_SYSTEM, TelemetryAttributes.system(kind))
                .setAttribute(DESTINATION, message.destination())
                .setAttribute(OPERATION_NAME, "replay")
                .setAttribute(OPERATION_TYPE, "send")
                .setAttribute(REPLAY_ID, lastText(message.headers(), Provenance.REPLAY_ID))
                .setAttribute(REPLAYED_FROM, lastText(message.headers(), Provenance.REPLAYED_FROM));
        message.partition().ifPresent(partition -> builder.setAttribute(PARTITION, (long) partition));
        if (original.isValid()) {
            builder.addLink(original, Attributes.of(LINK_KIND, "replayed from"));
        }
        Span span = builder.startSpan();
        if (!span.getSpanContext().isValid()) {
            span.end();
            return publisher.send(message); // telemetry off: the event goes as planned
        }
        CompletionStage<PublishReceipt> sent;
        try {
            sent = publisher.send(renewed(message, span));
        } catch (RuntimeException refused) {
            ended(span, null, refused);
            throw refused;
        }
        return sent.whenComplete((receipt, failure) -> ended(span, receipt, failure));
    }

    private static void ended(Span span, PublishReceipt receipt, Throwable failure) {
        if (failure == null) {
            if (receipt != null && receipt.offset() >= 0) {
                span.setAttribute(PARTITION, (long) receipt.partition());
                span.setAttribute(OFFSET, receipt.offset());
            }
        } else {
            Throwable cause = failure.getCause() != null && failure instanceof java.util.concurrent.CompletionException
                    ? failure.getCause() : failure;
            span.recordException(cause);
            span.setStatus(StatusCode.ERROR, Failures.firstLine(cause));
        }
        span.end();
    }

    /**
     * The message with its trace headers replaced by {@code span}'s context: W3C always, B3 in the form the dead
     * letter used. Every other header stays in its place.
     */
    static OutgoingMessage renewed(OutgoingMessage message, Span span) {
        boolean b3Single = has(message.headers(), B3);
        boolean b3Multi = has(message.headers(), "x-b3-traceid");
        List<MessageHeader> headers = new ArrayList<>(message.headers().stream()
                .filter(header -> !TRACE_HEADERS.contains(header.name().toLowerCase(Locale.ROOT))).toList());
        Context context = Context.root().with(span);
        W3C.inject(context, headers, SETTER);
        if (b3Single) {
            B3_SINGLE.inject(context, headers, SETTER);
        }
        if (b3Multi) {
            B3_MULTI.inject(context, headers, SETTER);
        }
        return new OutgoingMessage(message.destination(), message.partition(), message.key(), message.value(),
                headers, message.properties());
    }

    /** The context the dead letter carried: W3C first, then B3 (either form); invalid when it carried none. */
    static SpanContext originalContext(List<MessageHeader> headers) {
        for (TextMapPropagator propagator : List.of(W3C, B3_SINGLE)) {
            try {
                SpanContext found = Span.fromContext(propagator.extract(Context.root(), headers, GETTER))
                        .getSpanContext();
                if (found.isValid()) {
                    return found;
                }
            } catch (RuntimeException unexpected) {
                // The propagators do not throw on bad input; should one, the event is simply untraced.
            }
        }
        return SpanContext.getInvalid();
    }

    private static boolean has(List<MessageHeader> headers, String lowerName) {
        return headers.stream().anyMatch(header -> header.name().toLowerCase(Locale.ROOT).equals(lowerName));
    }

    private static String lastText(List<MessageHeader> headers, String name) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            MessageHeader header = headers.get(i);
            if (header.name().equalsIgnoreCase(name) && header.value() != null) {
                return new String(header.value(), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    /** Trace headers are read ignoring case: B3 came from HTTP, and producers write X-B3-TraceId either way. */
    private static final TextMapGetter<List<MessageHeader>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(List<MessageHeader> headers) {
            var names = new LinkedHashSet<String>();
            headers.forEach(header -> names.add(header.name()));
            return names;
        }

        @Override
        public String get(List<MessageHeader> headers, String name) {
            if (headers == null) {
                return null;
            }
            String text = lastText(headers, name);
            return text.isEmpty() ? null : text;
        }
    };

    private static final TextMapSetter<List<MessageHeader>> SETTER = (headers, name, value) ->
            headers.add(new MessageHeader(name, value.getBytes(StandardCharsets.UTF_8)));
}
