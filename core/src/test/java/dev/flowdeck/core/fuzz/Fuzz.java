package dev.flowdeck.core.fuzz;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * One try of a fuzz test: the source of its random inputs, and the record of the inputs it drew so a failure can
 * show them.
 *
 * <p>{@link #check} runs a property over many tries. Every try has its own seed, drawn from {@link #SEED} and the
 * test's name, so a run is the same on every machine, two tests do not draw the same inputs, and a failing try
 * names the seed that draws it again: {@code -Dfuzz.seed=0x...} with {@code -Dtest=Class#method} replays just that
 * try.
 *
 * <p>Numbers and sizes lean towards their bounds, where the bugs are: {@link #between} returns one of its ends once
 * in eight draws.
 */
public final class Fuzz {

    /** Where every run starts. A constant: a failure on the build server fails the same way on a laptop. */
    public static final long SEED = 0x5EED_F10D_DEC0DEL;

    /** Replays one try: the seed a failure printed. */
    public static final String SEED_PROPERTY = "fuzz.seed";

    /** How much of a long input a failure prints; the seed draws all of it again. */
    private static final int SHOWN = 4096;

    private final long seed;
    private final RandomGenerator random;
    private final Map<String, Object> inputs = new LinkedHashMap<>();

    private Fuzz(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /**
     * Runs {@code property} {@code tries} times, each with a fresh {@code Fuzz}. Call it straight from the test
     * method: the method's name picks the seeds.
     *
     * @throws AssertionError on the first try that fails, naming the try, its seed, its inputs and the failure
     */
    public static void check(int tries, Consumer<Fuzz> property) {
        String test = StackWalker.getInstance()
                .walk(frames -> frames.skip(1).findFirst())
                .map(frame -> simpleName(frame.getClassName()) + "#" + frame.getMethodName())
                .orElseThrow();
        String replay = System.getProperty(SEED_PROPERTY);
        if (replay != null && !replay.isBlank()) {
            run(test, 1, 1, parseSeed(replay), property);
            return;
        }
        // String.hashCode is specified, so the seeds are the same on every JVM.
        SplittableRandom seeds = new SplittableRandom(SEED ^ test.hashCode());
        for (int i = 1; i <= tries; i++) {
            run(test, i, tries, seeds.nextLong(), property);
        }
    }

    private static void run(String test, int attempt, int tries, long seed, Consumer<Fuzz> property) {
        Fuzz fuzz = new Fuzz(seed);
        try {
            property.accept(fuzz);
        } catch (Throwable failure) {
            throw new AssertionError(fuzz.report(test, attempt, tries, failure), failure);
        }
    }

    /** Records {@code value} as an input of this try, shown by name if the try fails, and returns it. */
    public <T> T input(String name, T value) {
        inputs.put(name, value);
        return value;
    }

    /** A number from {@code min} to {@code max}, both included; one draw in eight is one of the two ends. */
    public int between(int min, int max) {
        return (int) between((long) min, max);
    }

    /** A number from {@code min} to {@code max}, both included; one draw in eight is one of the two ends. */
    public long between(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException(min + " > " + max);
        }
        if (oneIn(8)) {
            return random.nextBoolean() ? min : max;
        }
        if (max < Long.MAX_VALUE) {
            return random.nextLong(min, max + 1);
        }
        return min == Long.MIN_VALUE ? random.nextLong() : random.nextLong(min - 1, max) + 1;
    }

    /** Any long, small ones and the extremes as likely as the rest. */
    public long anyLong() {
        return switch (below(4)) {
            case 0 -> of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, (long) Integer.MIN_VALUE,
                    Integer.MAX_VALUE + 1L);
            case 1 -> between(-1_000L, 1_000L);
            case 2 -> random.nextLong() >> below(64); // any magnitude
            default -> random.nextLong();
        };
    }

    /** Any finite double: tiny, huge, negative zero, or of any magnitude between. */
    public double anyDouble() {
        return switch (below(4)) {
            case 0 -> of(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
                    Double.MIN_NORMAL, 1.0, -1.0, 0.1);
            case 1 -> (random.nextDouble() - 0.5) * 2_000;
            default -> {
                double any = Double.longBitsToDouble(random.nextLong());
                yield Double.isFinite(any) ? any : random.nextDouble();
            }
        };
    }

    /** A fraction from 0 to 1, both included, for cutting things. */
    public double fraction() {
        return oneIn(16) ? of(0.0, 1.0) : random.nextDouble();
    }

    /** A number from 0 to {@code bound - 1}, all equally likely: for choosing among alternatives. */
    public int below(int bound) {
        return random.nextInt(bound);
    }

    /** The index of one of the weights, each chosen in proportion to its weight. */
    public int weighted(int... weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int roll = below(total);
        for (int i = 0; i < weights.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return i;
            }
        }
        throw new IllegalStateException("no weights");
    }

    public boolean oneIn(int n) {
        return below(n) == 0;
    }

    @SafeVarargs
    public final <T> T of(T... values) {
        return values[below(values.length)];
    }

    /** A list of {@code minSize} to {@code maxSize} elements, each drawn by {@code element}. */
    public <T> List<T> list(int minSize, int maxSize, Supplier<T> element) {
        int size = between(minSize, maxSize);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.get());
        }
        return list;
    }

    /** Arbitrary bytes, at most {@code maxLength} of them. */
    public byte[] bytes(int maxLength) {
        byte[] bytes = new byte[between(0, maxLength)];
        switch (below(4)) {
            case 0 -> {
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = of((byte) 0, (byte) 0x7F, (byte) 0x80, (byte) 0xC0, (byte) 0xE2, (byte) 0xED,
                            (byte) 0xF0, (byte) 0xF4, (byte) 0xFF, (byte) '"', (byte) '{', (byte) '\n');
                }
            }
            case 1 -> random.nextBytes(bytes);
            default -> {
                // Mostly ASCII with a few high bytes: near-UTF-8, what gets a decoder furthest before it gives up.
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) (oneIn(6) ? random.nextInt(0x80, 0x100) : random.nextInt(0x20, 0x7F));
                }
            }
        }
        return bytes;
    }

    /** A string of the given chars, at most {@code maxLength} of them. */
    public String chars(String alphabet, int maxLength) {
        int[] codePoints = alphabet.codePoints().toArray();
        StringBuilder text = new StringBuilder();
        for (int i = between(0, maxLength); i > 0; i--) {
            text.appendCodePoint(codePoints[below(codePoints.length)]);
        }
        return text.toString();
    }

    /**
     * A string of any chars, at most {@code maxLength} of them: controls, line and paragraph separators (U+2028,
     * U+2029), letters of any script, characters beyond the BMP (a surrogate pair each) and lone surrogates.
     */
    public String string(int maxLength) {
        StringBuilder text = new StringBuilder();
        int length = between(0, maxLength);
        while (text.length() < length) {
            int codePoint = switch (below(9)) {
                case 0 -> random.nextInt(0x20); // C0 controls: tab, CR, LF among them
                case 1 -> random.nextInt(0x7F, 0xA0); // DEL and C1 controls
                case 2 -> of(0x2028, 0x2029, 0x85, 0xFEFF, 0xFFFD, 0xFFFF, 0x22, 0x5C, 0x2F); // quote, backslash, slash
                case 3 -> random.nextInt(Character.MIN_SUPPLEMENTARY_CODE_POINT, Character.MAX_CODE_POINT + 1);
                case 4 -> random.nextInt(Character.MIN_SURROGATE, Character.MAX_SURROGATE + 1); // a lone one
                case 5 -> random.nextInt(0xA0, Character.MIN_SURROGATE);
                case 6 -> random.nextInt(Character.MAX_SURROGATE + 1, 0x10000);
                default -> random.nextInt(0x20, 0x7F);
            };
            if (Character.isSupplementaryCodePoint(codePoint) && text.length() + 2 > length) {
                codePoint = 'x';
            }
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    private String report(String test, int attempt, int tries, Throwable failure) {
        StringBuilder report = new StringBuilder()
                .append(test).append(" failed on try ").append(attempt).append(" of ").append(tries)
                .append(", seed 0x").append(HexFormat.of().toHexDigits(seed)).append('\n')
                .append("Replay just this try: -Dtest='").append(test).append("' -D").append(SEED_PROPERTY)
                .append("=0x").append(HexFormat.of().toHexDigits(seed)).append('\n');
        inputs.forEach((name, value) -> report.append(name).append(" = ").append(describe(value)).append('\n'));
        return report.append("Failure: ").append(failure).toString();
    }

    /** A value as a failure shows it: bytes in hex, strings as Java literals, records by their components. */
    public static String describe(Object value) {
        return switch (value) {
            case null -> "null";
            case byte[] bytes -> hex(bytes);
            case String text -> literal(text);
            case List<?> list -> list.stream().map(Fuzz::describe).toList().toString();
            case Record record -> components(record);
            default -> String.valueOf(value);
        };
    }

    private static String hex(byte[] bytes) {
        String hex = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, SHOWN));
        String rest = bytes.length > SHOWN ? "… (" + (bytes.length - SHOWN) + " more; the seed draws them)" : "";
        return bytes.length + " bytes [" + hex + rest + "]";
    }

    /** A Java string literal: ASCII, the rest as {@code \\uXXXX}, so a reader can paste it into a test. */
    private static String literal(String text) {
        StringBuilder literal = new StringBuilder("\"");
        text.chars().limit(SHOWN).forEach(c -> {
            switch (c) {
                case '"' -> literal.append("\\\"");
                case '\\' -> literal.append("\\\\");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                default -> {
                    if (c >= 0x20 && c < 0x7F) {
                        literal.append((char) c);
                    } else {
                        literal.append("\\u").append(HexFormat.of().toHexDigits((char) c));
                    }
                }
            }
        });
        literal.append('"');
        if (text.length() > SHOWN) {
            literal.append("… (").append(text.length()).append(" chars; the seed draws them all)");
        }
        return literal.toString();
    }

    private static String components(Record record) {
        List<String> shown = new ArrayList<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                component.getAccessor().setAccessible(true);
                shown.add(component.getName() + "=" + describe(component.getAccessor().invoke(record)));
            } catch (ReflectiveOperationException e) {
                shown.add(component.getName() + "=?");
            }
        }
        return record.getClass().getSimpleName() + "[" + String.join(", ", shown) + "]";
    }

    private static long parseSeed(String seed) {
        String digits = seed.strip();
        digits = digits.startsWith("0x") || digits.startsWith("0X") ? digits.substring(2) : digits;
        return Long.parseUnsignedLong(digits, 16);
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
