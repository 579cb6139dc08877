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
        int scale = scaleOf(document, start, end);
        if (scale == NOT_PLAIN) {
            return null;
        }
        long unscaled = unscaledOf(document, start, end);
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

    /** What {@link #compare} says of a value that is not a short plain number: the caller asks a node instead. */
    static final int NOT_PLAIN = Integer.MIN_VALUE;
    private static final long[] POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L,
        10_000_000L, 100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L,
        10_000_000_000_000L, 100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L,
        100_000_000_000_000_000L, 1_000_000_000_000_000_000L};

    /**
     * The sign of the number in {@code document[start, end)} minus {@code unscaled × 10^-scale}, exactly (what two
     * {@code BigDecimal}s' {@code compareTo} says), without a node or a {@code BigDecimal}: a filter such as
     * {@code $.amount > 990} compares one number of every value of a scan. {@link #NOT_PLAIN} when the bytes are
     * no short plain number (a string, an exponent, more than 18 characters) or the comparison would overflow.
     *
     * @param scale 0 to 18
     */
    static int compare(byte[] document, int start, int end, long unscaled, int scale) {
        byte first = document[start];
        if (end - start > MAX_LENGTH || first != '-' && (first < '0' || first > '9')) {
            return NOT_PLAIN;
        }
        int ownScale = scaleOf(document, start, end);
        if (ownScale == NOT_PLAIN) {
            return NOT_PLAIN;
        }
        long own = unscaledOf(document, start, end);
        ownScale = Math.max(0, ownScale);
        try {
            if (ownScale < scale) {
                own = Math.multiplyExact(own, POWERS_OF_TEN[scale - ownScale]);
            } else {
                unscaled = Math.multiplyExact(unscaled, POWERS_OF_TEN[ownScale - scale]);
            }
        } catch (ArithmeticException tooLong) {
            return NOT_PLAIN;
        }
        return Long.compare(own, unscaled);
    }

    /** Digits after the point (-1 for an integer), or {@link #NOT_PLAIN} for an exponent. Checked JSON only. */
    private static int scaleOf(byte[] document, int start, int end) {
        int scale = -1;
        for (int i = start; i < end; i++) {
            byte b = document[i];
            if (b == 'e' || b == 'E') {
                return NOT_PLAIN;
            }
            if (b == '.') {
                scale = 0;
            } else if (scale >= 0) {
                scale++;
            }
        }
        return scale;
    }

    /** The digits as one number, point left out, sign kept: at most 18 characters fit a long. */
    private static long unscaledOf(byte[] document, int start, int end) {
        boolean negative = document[start] == '-';
        long unscaled = 0;
        for (int i = negative ? start + 1 : start; i < end; i++) {
            byte b = document[i];
            if (b != '.') {
                unscaled = unscaled * 10 + (b - '0');
            }
        }
        return negative ? -unscaled : unscaled;
    }
}
