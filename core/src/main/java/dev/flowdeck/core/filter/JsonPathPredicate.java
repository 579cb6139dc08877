package dev.flowdeck.core.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.flowdeck.core.decode.JsonLimits;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code <JSONPath> [<operator> <literal>]}: {@code $.amount > 100}, {@code $.status == "FAILED"},
 * {@code $..email contains "@example.com"}, {@code $.retry exists}, or a bare path (true when it finds something
 * that is not null or false). Operators: {@code == != > >= < <= contains exists}; literals: numbers, "strings",
 * true, false, null. When a path finds several values (a wildcard, {@code ..}), one passing is enough.
 *
 * <p>The path is Jayway JSONPath evaluated over Jackson trees; its own filter expressions ({@code [?(...)]}) work
 * too. Nothing here evaluates code.
 *
 * <p>A path that only names fields ({@code $.amount}, {@code $.customer.tier}) is read from the bytes up to its
 * first occurrence and no further ({@link JsonFieldPath#findFirst}), the way a streaming reader finds a field: a
 * scan tests a million values, and reading each to its end (to learn that the name does not come again, and that
 * the rest is well-formed) cost as much as everything else the scan does. So a value whose name repeats matches on
 * its first occurrence (RFC 8259 leaves repeated names to the reader; a tree keeps the last), and a value cut or
 * broken after the field still matches on it; a number must be followed by something to count, so a value cut in
 * the middle of the number itself never matches on a part of it.
 */
public final class JsonPathPredicate {

    private static final Configuration JACKSON = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();

    enum Operator { EQ, NE, GT, GE, LT, LE, CONTAINS, EXISTS, TRUTHY }

    private static final ObjectMapper JSON = JsonLimits.newMapper();

    private final String expression;
    private final JsonPath path;
    private final Optional<JsonFieldPath> fields;
    private final Operator operator;
    private final JsonNode literal;
    /** The literal as a number (or null), read once: a scan compares it with a million values. */
    private final BigDecimal literalNumber;
    /**
     * The literal as {@code unscaled × 10^-scale} where a field path's plain numbers are compared with it from their
     * bytes ({@link PlainNumbers#compare}); scale -1 where they are not.
     */
    private final long literalUnscaled;
    private final int literalScale;

    private JsonPathPredicate(String expression, JsonPath path, Operator operator, JsonNode literal) {
        this.expression = expression;
        this.path = path;
        this.fields = JsonFieldPath.of(path, JSON);
        this.operator = operator;
        this.literal = literal;
        this.literalNumber = literal == null ? null : number(literal);
        // 1e3 has scale -3: as 1000 it compares plainly; 1e400 does not fit a long however it is written.
        BigDecimal plain = literalNumber == null || literalNumber.scale() >= 0 ? literalNumber
                : literalNumber.scale() >= -18 ? literalNumber.setScale(0) : null;
        boolean comparesPlainly = fields.isPresent() && plain != null && plain.scale() <= 18
                && plain.unscaledValue().bitLength() <= 62 && switch (operator) {
                    case GT, GE, LT, LE -> true;
                    case EQ, NE -> literal.isNumber(); // a number equals a number literal only
                    default -> false;
                };
        this.literalScale = comparesPlainly ? plain.scale() : -1;
        this.literalUnscaled = comparesPlainly ? plain.unscaledValue().longValueExact() : 0;
    }

    /** @throws FilterException saying what is wrong and how the expression should read */
    public static JsonPathPredicate parse(String expression) {
        String trimmed = expression.trim();
        if (!trimmed.startsWith("$")) {
            throw new FilterException("A JSON filter starts with a path such as $.amount, then optionally an "
                    + "operator and a value: $.amount > 100, $.status == \"FAILED\", $.retry exists.", null);
        }
        int[] split = operatorAt(trimmed);
        String pathText = split == null ? trimmed : trimmed.substring(0, split[0]).trim();
        JsonPath path;
        try {
            path = JsonPath.compile(pathText);
        } catch (InvalidPathException | IllegalArgumentException e) {
            throw new FilterException("'" + pathText + "' is not a JSONPath: " + e.getMessage(), e);
        }
        if (split == null) {
            return new JsonPathPredicate(expression, path, Operator.TRUTHY, null);
        }
        String symbol = trimmed.substring(split[0], split[1]);
        String value = trimmed.substring(split[1]).trim();
        Operator operator = switch (symbol) {
            case "==" -> Operator.EQ;
            case "!=" -> Operator.NE;
            case ">" -> Operator.GT;
            case ">=" -> Operator.GE;
            case "<" -> Operator.LT;
            case "<=" -> Operator.LE;
            case "contains" -> Operator.CONTAINS;
            default -> Operator.EXISTS;
        };
        if (operator == Operator.EXISTS) {
            if (!value.isEmpty()) {
                throw new FilterException("'exists' takes no value: write " + pathText + " exists.", null);
            }
            return new JsonPathPredicate(expression, path, operator, null);
        }
        return new JsonPathPredicate(expression, path, operator, literal(value));
    }

    /** Literals read as payloads are: {@code 1e400} is a number, not infinity (whose comparisons throw). */
    private static final ObjectMapper LITERALS = JsonLimits.newMapper();

    private static final List<String> SYMBOLS = List.of("==", "!=", ">=", "<=", ">", "<");
    private static final List<String> WORDS = List.of("contains", "exists");

    /**
     * Where the comparison starts: the first operator outside brackets, parentheses and quotes, so the path's own
     * filter expressions ({@code [?(@.qty > 1)]}) stay part of the path. {start, end} or null for a bare path.
     */
    private static int[] operatorAt(String text) {
        int depth = 0;
        char quote = 0;
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
                continue;
            }
            switch (c) {
                case '\'', '"' -> quote = c;
                case '[', '(' -> depth++;
                case ']', ')' -> depth--;
                default -> {
                    if (depth != 0) {
                        continue;
                    }
                    for (String symbol : SYMBOLS) {
                        if (text.startsWith(symbol, i)) {
                            return new int[] {i, i + symbol.length()};
                        }
                    }
                    if (Character.isWhitespace(text.charAt(i - 1))) {
                        for (String word : WORDS) {
                            int end = i + word.length();
                            boolean wordEnds = end == text.length()
                                    || end < text.length() && Character.isWhitespace(text.charAt(end));
                            if (text.startsWith(word, i) && wordEnds) {
                                return new int[] {i, end};
                            }
                        }
                    }
                }
            }
        }
        return null;
    }

    private static JsonNode literal(String text) {
        try {
            JsonNode node = LITERALS.readTree(text);
            if (node == null || node.isContainerNode() || text.isEmpty()) {
                throw new FilterException("Compare with a number, a \"quoted string\", true, false or null; not '"
                        + text + "'.", null);
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException | NumberFormatException e) {
            throw new FilterException("'" + text + "' is not a value: write a number, a \"quoted string\", true, "
                    + "false or null.", e);
        }
    }

    /**
     * The field names this predicate's path follows, when it only names fields ({@code $.customer.email}: {@code
     * [customer, email]}), read at their first occurrence: then the predicate needs nothing of a value but the
     * objects on that way and the value at its end. Empty for any other path.
     */
    public Optional<List<String>> fieldPath() {
        return fields.map(JsonFieldPath::fields);
    }

    public boolean test(MessageView message) {
        List<JsonNode> found;
        if (fields.isPresent()) {
            // The first occurrence, read no further: a field early in a large value costs only the bytes before it.
            byte[] document = message.message().readableValue();
            JsonNode value;
            if (literalScale >= 0) {
                long range = fields.get().firstRange(document);
                if (range == JsonFieldPath.ABSENT) {
                    return false; // nothing there compares with anything
                }
                if (range != JsonFieldPath.UNSURE) {
                    int order = PlainNumbers.compare(document, JsonFieldPath.rangeStart(range),
                            JsonFieldPath.rangeEnd(range), literalUnscaled, literalScale);
                    if (order != PlainNumbers.NOT_PLAIN) {
                        return passes(order);
                    }
                    value = fields.get().nodeIn(document, range);
                } else {
                    value = fields.get().parsed(document, true); // the walk was not sure: no second walk
                }
            } else {
                value = fields.get().findFirst(document);
            }
            found = value == null ? List.of() : List.of(value);
        } else {
            JsonNode document = message.valueJson();
            if (document == null) {
                return false;
            }
            found = read(document);
        }
        if (operator == Operator.EXISTS) {
            return !found.isEmpty();
        }
        for (JsonNode value : found) {
            if (passes(value)) {
                return true;
            }
        }
        return false;
    }

    private List<JsonNode> read(JsonNode document) {
        JsonNode result;
        try {
            result = path.read(document, JACKSON);
        } catch (JsonPathException | ClassCastException notThere) {
            // Besides not finding the path, Jayway throws when a path cannot apply to this document (a filter over
            // a primitive, a regex over a value it cannot type): such a message does not match, the scan goes on.
            return List.of();
        }
        List<JsonNode> values = new ArrayList<>();
        if (result == null || result.isMissingNode()) {
            return values;
        }
        if (!path.isDefinite() && result instanceof ArrayNode array) {
            array.forEach(values::add);
        } else {
            values.add(result);
        }
        return values;
    }

    private boolean passes(JsonNode value) {
        return switch (operator) {
            case TRUTHY -> !value.isNull() && !(value.isBoolean() && !value.booleanValue());
            case EQ -> same(value);
            case NE -> !same(value);
            case CONTAINS -> literal.isTextual()
                    && (value.isTextual() && value.textValue().contains(literal.textValue())
                    || value.isArray() && containsText((ArrayNode) value));
            case GT, GE, LT, LE -> compare(value);
            case EXISTS -> true;
        };
    }

    /** A plain number's order against the literal, as {@link #compare} and {@link #same} would judge it. */
    private boolean passes(int order) {
        return switch (operator) {
            case GT -> order > 0;
            case GE -> order >= 0;
            case LT -> order < 0;
            case LE -> order <= 0;
            case EQ -> order == 0;
            case NE -> order != 0;
            default -> throw new IllegalStateException("no plain comparison for " + operator);
        };
    }

    private boolean same(JsonNode value) {
        if (value.isNumber() && literal.isNumber()) {
            BigDecimal left = decimal(value);
            BigDecimal right = literalNumber;
            return left != null && right != null ? left.compareTo(right) == 0 : value.equals(literal);
        }
        return value.equals(literal);
    }

    private boolean containsText(ArrayNode array) {
        for (JsonNode element : array) {
            if (element.isTextual() && element.textValue().equals(literal.textValue())) {
                return true;
            }
        }
        return false;
    }

    /** Numbers compare as numbers (a numeric string too, as payloads often carry "12.50"); texts as texts. */
    private boolean compare(JsonNode value) {
        int order;
        BigDecimal left = number(value);
        BigDecimal right = literalNumber;
        if (left != null && right != null) {
            order = left.compareTo(right);
        } else if (value.isTextual() && literal.isTextual()) {
            order = value.textValue().compareTo(literal.textValue());
        } else {
            return false;
        }
        return switch (operator) {
            case GT -> order > 0;
            case GE -> order >= 0;
            case LT -> order < 0;
            default -> order <= 0;
        };
    }

    private static BigDecimal number(JsonNode node) {
        if (node.isNumber()) {
            return decimal(node);
        }
        // A string of a million digits takes BigDecimal 20 s to read: longer than a JSON number may be, it is none.
        if (node.isTextual() && node.textValue().length() <= JsonLimits.MAX_NUMBER_LENGTH) {
            try {
                return new BigDecimal(node.textValue().trim());
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return null;
    }

    /**
     * A number's exact value, or null for an infinite or NaN double, which has none. Payloads are read as
     * {@code BigDecimal}, but a JSONPath function ({@code min()}, {@code avg()}) still answers with a double.
     */
    private static BigDecimal decimal(JsonNode number) {
        if ((number.isDouble() || number.isFloat()) && !Double.isFinite(number.doubleValue())) {
            return null;
        }
        return number.decimalValue();
    }

    @Override
    public String toString() {
        return expression;
    }
}
