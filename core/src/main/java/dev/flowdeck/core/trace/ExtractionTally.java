package dev.flowdeck.core.trace;

import java.util.EnumMap;
import java.util.Map;

/**
 * What reading trace context found over a scan: how many messages carried each format, how many carried none, and
 * how many carried a trace header that did not parse (a malformed context is ignored, as a traced service ignores
 * it, but the operator should know how many there were). Not thread-safe: the thread that indexes feeds it.
 */
public final class ExtractionTally {

    private final Map<TraceFormat, Long> found = new EnumMap<>(TraceFormat.class);
    private long malformed;
    private long none;

    void countFound(TraceFormat format) {
        found.merge(format, 1L, Long::sum);
    }

    void countMalformed() {
        malformed++;
    }

    void countNone() {
        none++;
    }

    /** Messages whose trace context was read in {@code format}. */
    public long found(TraceFormat format) {
        return found.getOrDefault(format, 0L);
    }

    /** Messages with a trace header that did not parse; they count as having no trace context. */
    public long malformed() {
        return malformed;
    }

    /** Messages with no trace header at all. */
    public long withoutContext() {
        return none;
    }

    /** One line for a status bar: {@code 9,812 traced (W3C 9,800, B3 12), 3 malformed, 41 without context}. */
    public String summary() {
        long traced = found.values().stream().mapToLong(Long::longValue).sum();
        var formats = new StringBuilder();
        found.forEach((format, count) -> formats.append(formats.isEmpty() ? "" : ", ")
                .append(format.name().replace('_', ' ')).append(' ').append("%,d".formatted(count)));
        return "%,d traced%s, %,d malformed, %,d without context".formatted(traced,
                formats.isEmpty() ? "" : " (" + formats + ")", malformed, none);
    }
}
