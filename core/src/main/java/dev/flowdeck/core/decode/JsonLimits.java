package dev.flowdeck.core.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one Jackson setup that reads payloads. Payloads come from anyone who can write to a topic, so the parser is
 * bounded: nesting no deeper than {@value #MAX_DEPTH} (the tree is built on the heap, but Jackson's callers and
 * JSONPath recurse), numbers no longer than {@value #MAX_NUMBER_LENGTH} digits (converting longer ones costs more
 * than they are worth) and strings no longer than {@value #MAX_STRING_LENGTH} characters. A document over a limit
 * is not JSON to Flowdeck: it is shown as text.
 */
public final class JsonLimits {

    /** Deeper documents are not JSON to Flowdeck. */
    public static final int MAX_DEPTH = 500;
    /** Digits in one number. */
    public static final int MAX_NUMBER_LENGTH = 1_000;
    /** Characters in one string or field name. */
    public static final int MAX_STRING_LENGTH = 20_000_000;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNameLength(MAX_STRING_LENGTH)
                    .build())
            .build();

    private JsonLimits() {
    }

    /** A factory for streaming parsers with the limits; thread-safe and shared. */
    public static JsonFactory factory() {
        return FACTORY;
    }

    /**
     * A new mapper whose parsers have the limits and read every number exactly: a fraction or exponent becomes a
     * {@code BigDecimal}, never a double, so {@code 1e400} is not infinity and {@code 0.1} is exactly 0.1.
     * Thread-safe once configured: share it.
     */
    public static ObjectMapper newMapper() {
        return new ObjectMapper(FACTORY.copy()).enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }
}
