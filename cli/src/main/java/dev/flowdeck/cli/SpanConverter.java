package dev.flowdeck.cli;

import dev.flowdeck.core.browse.TimeExpression;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a span of time the way --since reads an age ({@code 5s}, {@code 2m}, {@code 1h30m}), so both look alike. */
final class SpanConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            if (TimeExpression.parse(value) instanceof TimeExpression.Ago(Duration age)) {
                return age;
            }
        } catch (IllegalArgumentException notAnAge) {
            // said below, in the words of a span rather than of a point in time
        }
        throw new TypeConversionException("'" + value + "' is not a span of time: write 5s, 2m, 1h or 1h30m.");
    }
}
