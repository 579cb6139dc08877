package dev.flowdeck.core.trace;

/** How a message carried its trace context: the header it came in decides, not the ids themselves. */
public enum TraceFormat {
    /** W3C Trace Context: {@code traceparent}, with {@code tracestate} alongside. */
    W3C,
    /** Zipkin's B3 in one header: {@code b3: traceid-spanid-sampled}. */
    B3_SINGLE,
    /** Zipkin's B3 in several headers: {@code X-B3-TraceId}, {@code X-B3-SpanId}, {@code X-B3-Sampled}. */
    B3_MULTI
}
