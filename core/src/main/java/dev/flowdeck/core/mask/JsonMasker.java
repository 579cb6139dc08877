package dev.flowdeck.core.mask;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.flowdeck.core.decode.JsonLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Rewrites a JSON value token by token with the value rules applied: the parser is read once, each value's place
 * (field names and indexes from the root) is matched against the rules, a matched value is replaced or skipped
 * whole, everything else is copied as written (numbers keep their digits). A loop with its own stack, bounded by
 * {@link JsonLimits}; nothing in a document is ever evaluated.
 *
 * <p>A document that breaks off (a value cut to the browser's byte budget, or malformed JSON) yields what was
 * rewritten up to the break and nothing after it: bytes the masker did not read are bytes it could not mask.
 */
final class JsonMasker {

    /** The rewritten bytes, what was masked, and whether the document was read to its end. */
    record Result(byte[] bytes, List<MaskedField> masked, boolean complete) {
    }

    private record Rule(FieldPath path, MaskAction action) {
    }

    private final List<Rule> rules;
    private final HashKey key;

    JsonMasker(List<MaskRule> valueRules, HashKey key) {
        this.rules = valueRules.stream().map(rule -> new Rule(rule.path(), rule.action())).toList();
        this.key = key;
    }

    boolean hasRules() {
        return !rules.isEmpty();
    }

    /** Never throws on any bytes; {@code json} starts (after whitespace) with an object or an array. */
    Result rewrite(byte[] json) {
        var out = new ByteArrayOutputStream(json.length);
        List<MaskedField> masked = new ArrayList<>();
        boolean complete = false;
        try (JsonParser parser = JsonLimits.factory().createParser(json);
             JsonGenerator generator = JsonLimits.factory().createGenerator(out, JsonEncoding.UTF8)) {
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
            try {
                complete = walk(parser, generator, masked);
            } catch (IOException | RuntimeException broken) {
                complete = false; // a cut or malformed document: keep what was rewritten before the break
            }
            generator.flush();
        } catch (IOException cannotHappen) {
            complete = false; // a ByteArrayOutputStream does not fail
        }
        return new Result(out.toByteArray(), masked, complete);
    }

    /** True when the document ended where its root closed. */
    private boolean walk(JsonParser parser, JsonGenerator out, List<MaskedField> masked) throws IOException {
        JsonToken first = parser.nextToken();
        if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
            return false;
        }
        Deque<Frame> open = new ArrayDeque<>();
        List<Object> path = new ArrayList<>();
        start(out, first);
        open.push(new Frame(first == JsonToken.START_ARRAY, false));
        while (!open.isEmpty()) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return false;
            }
            Frame top = open.peek();
            if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                if (top.array) {
                    out.writeEndArray();
                } else {
                    out.writeEndObject();
                }
                open.pop();
                if (top.stepAdded) {
                    path.removeLast();
                }
                continue;
            }
            String field = null;
            if (top.array) {
                path.add(top.index++);
            } else {
                field = parser.currentName();
                path.add(field);
                token = parser.nextToken();
                if (token == null) {
                    return false;
                }
            }
            MaskAction action = actionAt(path);
            if (action == MaskAction.REMOVE) {
                parser.skipChildren();
                masked.add(field(path, action));
                path.removeLast();
                continue;
            }
            if (field != null) {
                out.writeFieldName(field);
            }
            if (action == null) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    start(out, token);
                    open.push(new Frame(token == JsonToken.START_ARRAY, true));
                    continue; // the step stays on the path until the container ends
                }
                scalar(parser, out, token);
            } else {
                byte[] value = action == MaskAction.HASH && key != null ? valueBytes(parser, token) : null;
                if (value == null) {
                    parser.skipChildren();
                }
                out.writeString(value == null ? Masking.MASKED : key.hash(value));
                masked.add(field(path, action));
            }
            path.removeLast();
        }
        return parser.nextToken() == null;
    }

    private static final class Frame {
        final boolean array;
        final boolean stepAdded;
        int index;

        Frame(boolean array, boolean stepAdded) {
            this.array = array;
            this.stepAdded = stepAdded;
        }
    }

    private MaskAction actionAt(List<Object> path) {
        MaskAction chosen = null;
        for (Rule rule : rules) {
            if ((chosen == null || rule.action.strength() > chosen.strength()) && rule.path.matches(path)) {
                chosen = rule.action;
            }
        }
        return chosen;
    }

    private static MaskedField field(List<Object> path, MaskAction action) {
        return new MaskedField(MaskRule.Target.VALUE_FIELD, MaskedField.pathOf(path), path, action);
    }

    private static void start(JsonGenerator out, JsonToken token) throws IOException {
        if (token == JsonToken.START_ARRAY) {
            out.writeStartArray();
        } else {
            out.writeStartObject();
        }
    }

    private static void scalar(JsonParser parser, JsonGenerator out, JsonToken token) throws IOException {
        switch (token) {
            case VALUE_STRING -> out.writeString(parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> out.writeNumber(parser.getText());
            case VALUE_TRUE -> out.writeBoolean(true);
            case VALUE_FALSE -> out.writeBoolean(false);
            case VALUE_NULL -> out.writeNull();
            default -> throw new IOException("unexpected token " + token);
        }
    }

    /**
     * What a hash is taken of: a string's text (so {@code "a@b.io"} in a value and {@code a@b.io} in a header hash
     * alike), a number or literal as written, an object or array as compact JSON.
     */
    private static byte[] valueBytes(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            var buffer = new ByteArrayOutputStream();
            try (JsonGenerator copy = JsonLimits.factory().createGenerator(buffer, JsonEncoding.UTF8)) {
                copy.copyCurrentStructure(parser);
            }
            return buffer.toByteArray();
        }
        return parser.getText().getBytes(StandardCharsets.UTF_8);
    }
}
