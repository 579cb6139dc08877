package dev.flowdeck.core.trace;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.decode.Utf8;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.extension.trace.propagation.B3Propagator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The trace context a message carries, read with OpenTelemetry's own propagators (W3C Trace Context, then B3 in its
 * single- and multi-header forms), never parsed by hand: a header a traced service would reject is rejected here
 * too, and counted rather than thrown.
 *
 * @param traceId    32 lowercase hex digits (a 64-bit B3 id is widened with leading zeros, as OpenTelemetry does)
 * @param spanId     16 lowercase hex digits: the span that sent the message
 * @param format     the headers it was read from
 * @param traceState the W3C {@code tracestate} as sent, or empty (B3 has none)
 */
public record TraceContext(String traceId, String spanId, TraceFormat format, String traceState) {

    static final String TRACEPARENT = "traceparent";
    static final String TRACESTATE = "tracestate";
    static final String B3 = "b3";
    static final String B3_TRACE_ID = "X-B3-TraceId";
    /**
     * The headers a trace id is read from, lower-case (compare names ignoring case): what masks a chain's trace id
     * when a rule names one, and what a replay renews.
     */
    public static final List<String> ID_HEADERS = List.of(TRACEPARENT, B3, B3_TRACE_ID.toLowerCase(Locale.ROOT));

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
    // Extraction reads both B3 forms whichever form this instance would inject.
    private static final TextMapPropagator B3_EITHER = B3Propagator.injectingSingleHeader();

    public TraceContext {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(spanId, "spanId");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(traceState, "traceState");
    }

    /**
     * The context of {@code message}, if it carries a valid one. W3C wins over B3 when a message carries both (a
     * service migrating from Zipkin to OpenTelemetry often sends both, with the same ids). A trace header that is
     * there but does not parse is counted as malformed in {@code tally}; nothing here throws.
     */
    public static Optional<TraceContext> read(BrowsedMessage message, ExtractionTally tally) {
        boolean w3c = Headers.has(message, TRACEPARENT);
        if (w3c) {
            SpanContext span = extract(W3C, message);
            if (span.isValid()) {
                tally.countFound(TraceFormat.W3C);
                return Optional.of(new TraceContext(span.getTraceId(), span.getSpanId(), TraceFormat.W3C,
                        Optional.ofNullable(Headers.text(message, TRACESTATE)).orElse("")));
            }
            tally.countMalformed(); // counted even when B3 below rescues the message: that header was still broken
        }
        boolean single = Headers.has(message, B3);
        boolean multi = Headers.has(message, B3_TRACE_ID);
        if (single || multi) {
            SpanContext span = extract(B3_EITHER, message);
            if (span.isValid()) {
                // OpenTelemetry tries the single header first and falls back to the multi headers.
                boolean readSingle = single && extract(B3Propagator.injectingSingleHeader(), single(message)).isValid();
                TraceFormat format = readSingle ? TraceFormat.B3_SINGLE : TraceFormat.B3_MULTI;
                tally.countFound(format);
                return Optional.of(new TraceContext(span.getTraceId(), span.getSpanId(), format, ""));
            }
            tally.countMalformed();
            return Optional.empty();
        }
        if (!w3c) {
            tally.countNone();
        }
        return Optional.empty();
    }

    // What readIds answers: the format found (NOTHING when none was), plus the malformed trace headers it counted.
    static final int NOTHING = 0;
    static final int MALFORMED_ONE = 1 << 4;
    private static final TraceFormat[] FORMATS = TraceFormat.values();
    private static final int LENGTH_00 = 55; // "00-" 32 hex "-" 16 hex "-" 2 hex
    private static final byte[] HEX = hexDigits();

    /**
     * The trace id of {@code message}, as {@link #read} finds it, without the objects around it: the index needs two
     * longs a message, and a scan reads millions. The common case, one plain version-00 {@code traceparent} under its
     * exact name, is checked here byte by byte against the W3C form the propagator accepts; anything else (another
     * version, upper case, a malformed or missing header, B3) goes to {@link #read}, so the propagators stay the
     * parser of record. A differential fuzz test holds the two to the same answers.
     *
     * @param ids receives the trace id's high and low halves when one is found
     * @return {@code NOTHING} or a {@link TraceFormat}'s ordinal plus one, plus {@code MALFORMED_ONE} for each
     *         malformed trace header counted
     */
    static int readIds(BrowsedMessage message, long[] ids) {
        List<MessageHeader> headers = message.headers();
        for (int i = headers.size() - 1; i >= 0; i--) {
            MessageHeader header = headers.get(i);
            if (TRACEPARENT.equals(header.name())) {
                if (plainTraceparent(header.value(), ids)) {
                    return TraceFormat.W3C.ordinal() + 1;
                }
                break; // the last of that name is the one the propagator reads: let it judge
            }
        }
        if (!anyTraceHeader(headers)) {
            return NOTHING; // an untraced message: nothing for the propagators to read
        }
        var counts = new ExtractionTally();
        Optional<TraceContext> found = read(message, counts);
        int code = (int) counts.malformed() * MALFORMED_ONE;
        if (found.isEmpty()) {
            return code;
        }
        String hex = found.get().traceId();
        ids[0] = Long.parseUnsignedLong(hex, 0, 16, 16);
        ids[1] = Long.parseUnsignedLong(hex, 16, 32, 16);
        return code + found.get().format().ordinal() + 1;
    }

    /** Whether a header is named like one the propagators read, ignoring case as {@link Headers} does. */
    private static boolean anyTraceHeader(List<MessageHeader> headers) {
        for (MessageHeader header : headers) {
            String name = header.name();
            if (name.equalsIgnoreCase(TRACEPARENT) || name.equalsIgnoreCase(B3)
                    || name.equalsIgnoreCase(B3_TRACE_ID)) {
                return true;
            }
        }
        return false;
    }

    /** Counts what {@link #readIds} answered, as {@link #read} counts it. */
    static void count(int code, ExtractionTally tally) {
        for (int malformed = code / MALFORMED_ONE; malformed > 0; malformed--) {
            tally.countMalformed();
        }
        int format = code % MALFORMED_ONE;
        if (format != NOTHING) {
            tally.countFound(FORMATS[format - 1]);
        } else if (code == NOTHING) {
            tally.countNone();
        }
    }

    /**
     * Whether {@code value} is {@code 00-<32 hex>-<16 hex>-<2 hex>} in lower case with neither id all zeros: what the
     * W3C propagator accepts for version 00. Its trace id goes to {@code ids}. False means "ask the propagator", not
     * "malformed".
     */
    static boolean plainTraceparent(byte[] value, long[] ids) {
        if (value == null || value.length != LENGTH_00 || value[0] != '0' || value[1] != '0' || value[2] != '-'
                || value[35] != '-' || value[52] != '-') {
            return false;
        }
        long high = 0;
        long low = 0;
        long span = 0;
        int bad = 0;
        for (int i = 3; i < 19; i++) {
            int digit = HEX[value[i] & 0xFF];
            bad |= digit;
            high = high << 4 | (digit & 0xF);
        }
        for (int i = 19; i < 35; i++) {
            int digit = HEX[value[i] & 0xFF];
            bad |= digit;
            low = low << 4 | (digit & 0xF);
        }
        for (int i = 36; i < 52; i++) {
            int digit = HEX[value[i] & 0xFF];
            bad |= digit;
            span = span << 4 | (digit & 0xF);
        }
        bad |= HEX[value[53] & 0xFF] | HEX[value[54] & 0xFF];
        if (bad < 0 || (high | low) == 0 || span == 0) {
            return false;
        }
        ids[0] = high;
        ids[1] = low;
        return true;
    }

    /** Lower-case hex digits to their value; every other byte to -1 (the propagators refuse upper case). */
    private static byte[] hexDigits() {
        byte[] digits = new byte[256];
        java.util.Arrays.fill(digits, (byte) -1);
        for (int c = '0'; c <= '9'; c++) {
            digits[c] = (byte) (c - '0');
        }
        for (int c = 'a'; c <= 'f'; c++) {
            digits[c] = (byte) (c - 'a' + 10);
        }
        return digits;
    }

    /** Only the {@code b3} header of {@code message}: to tell which B3 form was the one that parsed. */
    private static BrowsedMessage single(BrowsedMessage message) {
        return new BrowsedMessage(message.destination(), message.partition(), message.offset(), message.timestamp(),
                null, null, java.util.List.of(Headers.header(message, B3)));
    }

    private static SpanContext extract(TextMapPropagator propagator, BrowsedMessage message) {
        try {
            return Span.fromContext(propagator.extract(Context.root(), message, Headers.GETTER)).getSpanContext();
        } catch (RuntimeException unexpected) {
            // The propagators do not throw on bad input; should a future version, the message is still untraced.
            return SpanContext.getInvalid();
        }
    }

    /**
     * Header access for the propagators. Kafka header names are case-sensitive, but B3 was born in HTTP, where they
     * are not, and Kafka producers write {@code X-B3-TraceId} as well as {@code x-b3-traceid}: an exact match is
     * preferred, then one that ignores case.
     */
    private static final class Headers {

        static final TextMapGetter<BrowsedMessage> GETTER = new TextMapGetter<>() {
            @Override
            public Iterable<String> keys(BrowsedMessage message) {
                var names = new LinkedHashSet<String>();
                message.headers().forEach(header -> names.add(header.name()));
                return names;
            }

            @Override
            public String get(BrowsedMessage message, String name) {
                return message == null ? null : text(message, name);
            }
        };

        static boolean has(BrowsedMessage message, String name) {
            return header(message, name) != null;
        }

        /** The last header of that name as UTF-8 text, or null if absent or not text. */
        static String text(BrowsedMessage message, String name) {
            MessageHeader header = header(message, name);
            return header == null || header.value() == null ? null : Utf8.decodeOrNull(header.value());
        }

        private static MessageHeader header(BrowsedMessage message, String name) {
            Optional<MessageHeader> exact = message.lastHeader(name);
            if (exact.isPresent()) {
                return exact.get();
            }
            String lower = name.toLowerCase(Locale.ROOT);
            for (int i = message.headers().size() - 1; i >= 0; i--) {
                if (message.headers().get(i).name().toLowerCase(Locale.ROOT).equals(lower)) {
                    return message.headers().get(i);
                }
            }
            return null;
        }
    }
}
