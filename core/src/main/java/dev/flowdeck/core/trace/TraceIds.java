package dev.flowdeck.core.trace;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.decode.Utf8;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.LinkedHashSet;
import java.util.Optional;

/**
 * The trace a message belongs to, read from its W3C {@code traceparent} header with OpenTelemetry's own propagator:
 * a malformed header yields nothing rather than an error, exactly as a traced service would treat it.
 */
public final class TraceIds {

    private static final TextMapGetter<BrowsedMessage> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(BrowsedMessage message) {
            var names = new LinkedHashSet<String>();
            message.headers().forEach(header -> names.add(header.name()));
            return names;
        }

        @Override
        public String get(BrowsedMessage message, String name) {
            if (message == null) {
                return null;
            }
            return message.lastHeader(name).map(MessageHeader::value).map(Utf8::decodeOrNull).orElse(null);
        }
    };

    private TraceIds() {
    }

    /** The 32-hex-digit trace id, when the message carries a valid trace context. */
    public static Optional<String> of(BrowsedMessage message) {
        Context extracted = W3CTraceContextPropagator.getInstance().extract(Context.root(), message, HEADERS);
        SpanContext span = Span.fromContext(extracted).getSpanContext();
        return span.isValid() ? Optional.of(span.getTraceId()) : Optional.empty();
    }
}
