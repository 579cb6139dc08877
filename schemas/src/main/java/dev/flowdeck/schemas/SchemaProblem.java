package dev.flowdeck.schemas;

/**
 * Why one value, or one schema, could not be read: a sentence for the operator saying what to do next. Thrown
 * inside this module only; {@link SchemaDecoder} turns it into a {@link dev.flowdeck.core.decode.DecodedValue}'s
 * problem so the scan goes on.
 */
public final class SchemaProblem extends RuntimeException {

    public SchemaProblem(String sentence) {
        super(sentence, null, false, false); // a sentence, not a stack: thrown once per bad record in a scan
    }

    public SchemaProblem(String sentence, Throwable cause) {
        super(sentence, cause, false, false);
    }
}
