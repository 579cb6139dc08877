package dev.flowdeck.core.mask;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.flowdeck.core.decode.JsonLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Masks a JSON value by splicing: the streaming parser reads it once, each value's place (field names and indexes
 * from the root) is matched against the rules, and only the bytes of a matched value are replaced (or, for a
 * removed member, left out with its comma); every other byte is copied as it was written, so numbers, escapes and
 * formatting stay exactly as produced. A loop with its own stack, bounded by {@link JsonLimits}; nothing in a
 * document is ever evaluated.
 *
 * <p>A document that breaks off (a value cut to the browser's byte budget, or malformed JSON) yields what was read
 * and masked up to the last complete value before the break, and nothing after it: bytes the masker did not read are
 * bytes it could not mask.
 */
final class JsonMasker {

    /** The masked bytes, what was masked, and whether the document was read to its end. */
    record Result(byte[] bytes, List<MaskedField> masked, boolean complete) {
    }

    private record Rule(FieldPath path, MaskAction action) {
    }

    private static final byte[] MASKED_JSON = quoted(Masking.MASKED);

    private final List<Rule> rules;
    private final HashKey key;

    JsonMasker(List<MaskRule> valueRules, HashKey key) {
        this.rules = valueRules.stream().map(rule -> new Rule(rule.path(), rule.action())).toList();
        this.key = key;
    }

    boolean hasRules() {
        return !rules.isEmpty();
    }

    /** An object or array being read: where its last kept member ended, and a removal waiting for a comma. */
    private static final class Frame {
        final boolean array;
        final boolean stepAdded;
        int index;
        /** End of the last member kept (its value, a comma may follow), or -1 before the first. */
        long keptEnd = -1;
        /** Start of members removed before any was kept (their commas go with the next kept one), or -1. */
        long pendingStart = -1;
        /** End of the last removed member's value. */
        long removedEnd = -1;

        Frame(boolean array, boolean stepAdded) {
            this.array = array;
            this.stepAdded = stepAdded;
        }
    }

    /** The output: the input's bytes copied up to {@code copied}, with replacements spliced in. */
    private static final class Splice {
        final byte[] in;
        final ByteArrayOutputStream out;
        int copied;

        Splice(byte[] in) {
            this.in = in;
            this.out = new ByteArrayOutputStream(in.length);
        }

        /** Bytes {@code [start, end)} of the input become {@code with}. */
        void replace(long start, long end, byte[] with) {
            out.write(in, copied, (int) start - copied);
            out.write(with, 0, with.length);
            copied = (int) end;
        }

        byte[] upTo(long end) {
            if (end > copied) {
                out.write(in, copied, (int) end - copied);
                copied = (int) end;
            }
            return out.toByteArray();
        }
    }

    /** Never throws on any bytes; {@code json} starts (after whitespace) with an object or an array. */
    Result rewrite(byte[] json) {
        var splice = new Splice(json);
        List<MaskedField> masked = new ArrayList<>();
        Deque<Frame> open = new ArrayDeque<>();
        long[] safe = {0};
        try (JsonParser parser = JsonLimits.factory().createParser(json)) {
            boolean complete = walk(parser, splice, masked, open, safe);
            return new Result(complete && masked.isEmpty() ? json : splice.upTo(complete ? json.length : safe[0]),
                    masked, complete);
        } catch (IOException | RuntimeException broken) {
            // A cut or malformed document: what was read and masked before the break, never a removal left half
            // done (a member removed before any was kept waits for its comma: nothing from its start on).
            long limit = safe[0];
            for (Frame frame : open) {
                if (frame.pendingStart >= 0) {
                    limit = Math.min(limit, frame.pendingStart);
                }
            }
            return new Result(splice.upTo(Math.max(limit, splice.copied)), masked, false);
        }
    }

    /** True when the document ended where its root closed (whitespace after it allowed). */
    private boolean walk(JsonParser parser, Splice splice, List<MaskedField> masked, Deque<Frame> open,
                         long[] safe) throws IOException {
        JsonToken first = parser.nextToken();
        if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
            return false;
        }
        List<Object> path = new ArrayList<>();
        open.push(new Frame(first == JsonToken.START_ARRAY, false));
        safe[0] = end(parser);
        while (!open.isEmpty()) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return false;
            }
            Frame top = open.peek();
            if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                open.pop();
                if (top.pendingStart >= 0) {
                    // Every member was removed: from the first one to the last one's end, no comma is left over.
                    splice.replace(top.pendingStart, top.removedEnd, new byte[0]);
                }
                if (top.stepAdded) {
                    path.removeLast();
                }
                long end = end(parser);
                safe[0] = end;
                if (!open.isEmpty()) {
                    open.peek().keptEnd = end;
                }
                continue;
            }
            long memberStart = start(parser);
            if (top.array) {
                path.add(top.index++);
            } else {
                path.add(parser.currentName());
                token = parser.nextToken();
                if (token == null) {
                    return false;
                }
            }
            MaskAction action = actionAt(path);
            if (action == null) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    settlePending(top, splice, memberStart);
                    open.push(new Frame(token == JsonToken.START_ARRAY, true));
                    safe[0] = end(parser);
                    continue; // the step stays on the path until the container ends
                }
                parser.finishToken();
                long end = end(parser);
                settlePending(top, splice, memberStart);
                top.keptEnd = end;
                safe[0] = end;
                path.removeLast();
                continue;
            }
            long valueStart = start(parser);
            byte[] value = action == MaskAction.HASH && key != null ? valueBytes(parser, token) : null;
            if (value == null) {
                parser.skipChildren();
                parser.finishToken();
            }
            long valueEnd = end(parser);
            masked.add(new MaskedField(MaskRule.Target.VALUE_FIELD, MaskedField.pathOf(path), path, action));
            path.removeLast();
            if (action == MaskAction.REMOVE) {
                if (top.keptEnd >= 0) {
                    splice.replace(top.keptEnd, valueEnd, new byte[0]); // its comma before it goes too
                } else if (top.pendingStart < 0) {
                    top.pendingStart = memberStart;
                }
                top.removedEnd = valueEnd;
                if (top.pendingStart < 0) {
                    safe[0] = valueEnd;
                }
                continue;
            }
            settlePending(top, splice, memberStart);
            splice.replace(valueStart, valueEnd, value == null ? MASKED_JSON : quoted(key.hash(value)));
            top.keptEnd = valueEnd;
            safe[0] = valueEnd;
        }
        return parser.nextToken() == null;
    }

    /** A member is kept: members removed before it leave with the comma after the last of them. */
    private static void settlePending(Frame frame, Splice splice, long memberStart) {
        if (frame.pendingStart >= 0) {
            splice.replace(frame.pendingStart, memberStart, new byte[0]);
            frame.pendingStart = -1;
        }
    }


    /** Where the current token starts in the input. */
    private static long start(JsonParser parser) {
        return parser.currentTokenLocation().getByteOffset();
    }

    /** Where the input has been read to: the end of the current token once it is finished. */
    private static long end(JsonParser parser) {
        return parser.currentLocation().getByteOffset();
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

    private static byte[] quoted(String text) {
        byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(text);
        byte[] out = new byte[escaped.length + 2];
        out[0] = '"';
        System.arraycopy(escaped, 0, out, 1, escaped.length);
        out[out.length - 1] = '"';
        return out;
    }

    /**
     * What a hash is taken of: a string's text (so {@code "a@b.io"} in a value and {@code a@b.io} in a header hash
     * alike), a number or literal as written, an object or array as compact JSON. Reads the value to its end.
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
