package dev.flowdeck.core.filter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSONPath that only names fields ({@code $.amount}, {@code $.customer.email}), read from the bytes: the fields
 * on the way are followed, everything else is skipped without being decoded or built into a tree. A scan's filter
 * reads a few fields of each message; building each whole document as a tree to read one of them cost three times
 * as much, and Jackson's streaming parser still twice what a walk over the bytes costs ({@link JsonFieldScan}, which
 * leaves every document it is not sure of to the parser).
 *
 * <p>Two readings: {@link #find} answers what Jayway answers on a Jackson tree (the same node, or nothing): the
 * whole document is read, so a document that is not JSON finds nothing, and when a name repeats the last one
 * counts, as in a tree. {@link #findFirst}, which filters and correlation keys use, stops at the first occurrence.
 * Paths with anything else (indexes, wildcards, deep scans, filters) are left to Jayway.
 *
 * <p>Public for the trace index, whose correlation keys are such paths ({@code $.orderId}); thread-safe.
 */
public final class JsonFieldPath {

    private static final ObjectMapper SHARED = new ObjectMapper();

    /** One step of Jayway's normalized path: {@code ['name']} or {@code ["name"]}, without quotes or escapes. */
    private static final Pattern FIELD = Pattern.compile("\\['([^'\\\\\"]*)'\\]|\\[\"([^'\\\\\"]*)\"\\]");

    private final ObjectMapper json;
    private final List<String> fields;
    private final byte[][] names;
    private final PlainNumbers numbers;

    private JsonFieldPath(ObjectMapper json, List<String> fields) {
        this.json = json;
        this.fields = List.copyOf(fields);
        this.names = JsonFieldScan.names(this.fields);
        this.numbers = PlainNumbers.as(json);
    }

    /** The streaming form of {@code path} ({@code $.orderId}), or empty if it names more than fields or is no path. */
    public static Optional<JsonFieldPath> parse(String path) {
        try {
            return of(JsonPath.compile(path), SHARED);
        } catch (InvalidPathException | IllegalArgumentException notAPath) {
            return Optional.empty();
        }
    }

    /** The streaming form of {@code path}, if it only names fields. */
    static Optional<JsonFieldPath> of(JsonPath path, ObjectMapper json) {
        String text = path.getPath();
        if (!path.isDefinite() || !text.startsWith("$")) {
            return Optional.empty();
        }
        List<String> fields = new ArrayList<>();
        Matcher step = FIELD.matcher(text);
        int at = 1;
        while (at < text.length()) {
            if (!step.find(at) || step.start() != at) {
                return Optional.empty();
            }
            fields.add(step.group(1) != null ? step.group(1) : step.group(2));
            at = step.end();
        }
        return fields.isEmpty() ? Optional.empty() : Optional.of(new JsonFieldPath(json, fields));
    }

    /** The field names this path follows from the root, in order: {@code [customer, email]}. */
    public List<String> fields() {
        return fields;
    }

    /** The value at this path (a JSON null is a {@code NullNode}), or null if it is not there or not JSON. */
    public JsonNode find(byte[] document) {
        return find(document, false);
    }

    /**
     * The first value at this path, read no further than it: what a correlation key needs from every message of a
     * scan, where parsing the rest of each value cost more than the key. Unlike {@link #find}, a repeated name
     * counts at its first occurrence, and a document that breaks after the value still yields it.
     */
    public JsonNode findFirst(byte[] document) {
        return find(document, true);
    }

    /** {@link #firstRange}: the path is not in the document. */
    public static final long ABSENT = JsonFieldScan.ABSENT;
    /** {@link #firstRange}: the byte walk is not sure; ask {@link #findFirst}. */
    public static final long UNSURE = JsonFieldScan.UNSURE;

    /**
     * Where {@link #findFirst}'s value lies in {@code document}, found by the byte walk alone and packed as
     * {@code start << 32 | end} (the value's own bytes, quotes included for a string), or {@link #ABSENT}, or
     * {@link #UNSURE}. For a reader that needs only the bytes (a key's fingerprint) and not a node: where this
     * gives a range, {@link #findFirst} gives the node read from those bytes.
     */
    public long firstRange(byte[] document) {
        if (document == null || document.length == 0) {
            return ABSENT;
        }
        return JsonFieldScan.find(document, names, true);
    }

    /** The first byte of a range {@link #firstRange} gave. */
    public static int rangeStart(long range) {
        return JsonFieldScan.start(range);
    }

    /** After the last byte of a range {@link #firstRange} gave. */
    public static int rangeEnd(long range) {
        return JsonFieldScan.end(range);
    }

    /** The node {@link #findFirst} gives for a range {@link #firstRange} found in {@code document}. */
    JsonNode nodeIn(byte[] document, long range) {
        JsonNode value = node(document, rangeStart(range), rangeEnd(range));
        return value != null ? value : parsed(document, true);
    }

    private JsonNode find(byte[] document, boolean firstWins) {
        if (document == null || document.length == 0) {
            return null;
        }
        long range = JsonFieldScan.find(document, names, firstWins);
        if (range == JsonFieldScan.ABSENT) {
            return null;
        }
        if (range != JsonFieldScan.UNSURE) {
            JsonNode value = node(document, JsonFieldScan.start(range), JsonFieldScan.end(range));
            if (value != null) {
                return value;
            }
        }
        return parsed(document, firstWins);
    }

    /** What Jackson's streaming parser finds: the definition the byte walk is held to. */
    JsonNode parsed(byte[] document, boolean firstWins) {
        if (document == null || document.length == 0) {
            return null;
        }
        try (JsonParser parser = json.createParser(document)) {
            if (parser.nextToken() == null) {
                return null;
            }
            return at(parser, 0, firstWins, document.length);
        } catch (IOException | NumberFormatException notJson) {
            return null; // an exponent beyond BigDecimal makes the value not JSON, as MessageView treats it
        }
    }

    /**
     * The node for a value the byte walk found: a plain string or a literal built here, anything else read by the
     * mapper, so numbers come out exactly as the mapper reads them (a {@code BigDecimal}, a {@code long}).
     */
    private JsonNode node(byte[] document, int start, int end) {
        switch (document[start]) {
            case 't' -> {
                return BooleanNode.TRUE;
            }
            case 'f' -> {
                return BooleanNode.FALSE;
            }
            case 'n' -> {
                return NullNode.getInstance();
            }
            case '"' -> {
                if (noEscapes(document, start + 1, end - 1)) {
                    return TextNode.valueOf(new String(document, start + 1, end - start - 2, StandardCharsets.UTF_8));
                }
            }
            case '{', '[' -> {
                // an object or an array: the mapper's own reading
            }
            default -> {
                JsonNode number = numbers.read(document, start, end);
                if (number != null) {
                    return number;
                }
            }
        }
        try {
            return json.readTree(document, start, end - start);
        } catch (IOException | NumberFormatException unexpected) {
            return null; // the walk judged it JSON; if the mapper does not, its own full reading decides
        }
    }

    private static boolean noEscapes(byte[] document, int from, int to) {
        for (int i = from; i < to; i++) {
            if (document[i] == '\\') {
                return false;
            }
        }
        return true;
    }

    /** Reads the value the parser is on to its end; returns what the path from {@code step} finds in it. */
    private JsonNode at(JsonParser parser, int step, boolean firstWins, int length) throws IOException {
        if (step == fields.size()) {
            return json.readTree(parser);
        }
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        String wanted = fields.get(step);
        JsonNode found = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            boolean match = wanted.equals(parser.currentName());
            parser.nextToken();
            if (match) {
                found = at(parser, step + 1, firstWins, length); // a repeated name: the last one counts, as in a tree
                if (firstWins && found != null) {
                    // Read no further; but a value the document ends right after may be cut (12 of 1234).
                    return parser.currentLocation().getByteOffset() < length ? found : null;
                }
            } else {
                parser.skipChildren();
            }
        }
        return found;
    }
}
