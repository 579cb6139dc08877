package dev.flowdeck.core.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * The node a mapper reads from a short plain number ({@code 149.90}, {@code -7}), built without starting a parser:
 * a filter like {@code $.amount > 990} reads one number from every value of a scan, and a parser's set-up for it
 * cost a third of the walk to it. How the mapper reads numbers (doubles or exact decimals, trailing zeros dropped
 * or kept, ints as ints) is asked of the mapper once, so the nodes are the ones it would build; numbers with an
 * exponent, long ones, and those of a mapper that reads otherwise are left to it ({@code null}).
 */
final class PlainNumbers {

    /** Up to 18 characters, a long holds any such integer and a double or decimal reads them plainly. */
    private static final int MAX_LENGTH = 18;

    private enum Fractions { DOUBLE, DECIMAL_STRIPPED, ASK_THE_MAPPER }

    private final Fractions fractions;
    private final boolean intsAsIs;

    private PlainNumbers(Fractions fractions, boolean intsAsIs) {
        this.fractions = fractions;
        this.intsAsIs = intsAsIs;
    }

    static PlainNumbers as(ObjectMapper json) {
        try {
            JsonNode fraction = json.readTree("1.10");
            JsonNode zero = json.readTree("-0.00");
            Fractions fractions;
            if (fraction instanceof DoubleNode && zero instanceof DoubleNode) {
                fractions = Fractions.DOUBLE;
            } else if (fraction instanceof DecimalNode && "1.1".equals(fraction.toString())
                    && zero instanceof DecimalNode && "0".equals(zero.toString())) {
                fractions = Fractions.DECIMAL_STRIPPED;
            } else {
                fractions = Fractions.ASK_THE_MAPPER;
            }
            boolean intsAsIs = json.readTree("7") instanceof IntNode
                    && json.readTree("12345678901") instanceof LongNode;
            return new PlainNumbers(fractions, intsAsIs);
        } catch (IOException e) {
            throw new UncheckedIOException("A mapper that cannot read 1.10", e);
        }
    }

    /** The number in {@code document[start, end)} (checked JSON), or null to leave it to the mapper. */
    JsonNode read(byte[] document, int start, int end) {
        if (end - start > MAX_LENGTH) {
            return null;
        }
        // Checked JSON of at most 18 characters: its digits fit a long, read here without a String.
        boolean negative = document[start] == '-';
        long unscaled = 0;
        int scale = -1;
        for (int i = negative ? start + 1 : start; i < end; i++) {
            byte b = document[i];
            if (b == 'e' || b == 'E') {
                return null;
            }
            if (b == '.') {
                scale = 0;
            } else {
                unscaled = unscaled * 10 + (b - '0');
                if (scale >= 0) {
                    scale++;
                }
            }
        }
        if (negative) {
            unscaled = -unscaled;
        }
        if (scale < 0) {
            if (!intsAsIs) {
                return null;
            }
            return unscaled == (int) unscaled ? IntNode.valueOf((int) unscaled) : LongNode.valueOf(unscaled);
        }
        return switch (fractions) {
            case DOUBLE -> DoubleNode.valueOf(Double.parseDouble(
                    new String(document, start, end - start, StandardCharsets.US_ASCII)));
            case DECIMAL_STRIPPED -> {
                BigDecimal value = BigDecimal.valueOf(unscaled, scale); // what new BigDecimal(text) reads
                yield DecimalNode.valueOf(value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros());
            }
            case ASK_THE_MAPPER -> null;
        };
    }
}
