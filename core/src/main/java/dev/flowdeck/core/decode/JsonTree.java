package dev.flowdeck.core.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON payload as a tree for the detail pane, built with a node budget so a document of a million elements
 * becomes a few thousand nodes and a note of what was left out.
 */
public final class JsonTree {

    /** What a node holds. {@link #MORE} stands for the children of its parent that were left out. */
    public enum Kind { OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL, MORE }

    /**
     * One node of the tree.
     *
     * @param name     the field name in an object, {@code [i]} in an array, {@code $} for the root, empty for MORE
     * @param value    a string's text (unquoted), a number as written, {@code true}, {@code false}, {@code null};
     *                 {@code … N more} for MORE; null for an object or array
     * @param kind     what the node holds
     * @param children an object's fields or an array's elements in document order, perhaps ending with one MORE
     *                 node; empty for the others
     */
    public record Node(String name, String value, Kind kind, List<Node> children) {
        public Node {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            children = List.copyOf(children);
        }
    }

    private JsonTree() {
    }

    /**
     * The tree of a JSON object or array (see {@link PayloadFormat#detect(byte[])}), or empty when the bytes are
     * not one. At most {@code maxNodes} nodes besides MORE nodes (at least the root): once the budget is spent, each
     * object or array that still has children gets one MORE node saying how many of its own children are missing.
     */
    public static Optional<Node> parse(byte[] bytes, int maxNodes) {
        var decoded = PayloadFormat.decode(bytes);
        if (decoded.kind() != PayloadKind.JSON) {
            return Optional.empty();
        }
        try (JsonParser parser = JsonLimits.factory().createParser(decoded.text())) {
            return Optional.of(build(parser, Math.max(1, maxNodes)));
        } catch (IOException e) {
            // detect() parsed this very text: a broken invariant, not bad input.
            throw new UncheckedIOException("JSON that detect() accepted did not parse again", e);
        }
    }

    /** An object or array being read; its node is made when it ends. */
    private static final class Open {
        final String name;
        final Kind kind;
        final List<Node> children = new ArrayList<>();
        String field;
        int index;
        int omitted;

        Open(String name, Kind kind) {
            this.name = name;
            this.kind = kind;
        }

        /** The name the next child gets. */
        String nextName() {
            return kind == Kind.ARRAY ? "[" + index++ + "]" : field;
        }

        Node close() {
            if (omitted > 0) {
                children.add(new Node("", "… " + omitted + " more", Kind.MORE, List.of()));
            }
            return new Node(name, null, kind, children);
        }
    }

    /** A loop with its own stack, not recursion: the depth is bounded, but the stack need not be. */
    private static Node build(JsonParser parser, int maxNodes) throws IOException {
        Deque<Open> open = new ArrayDeque<>();
        open.push(new Open("$", container(parser.nextToken())));
        int budget = maxNodes - 1;
        while (true) {
            JsonToken token = parser.nextToken();
            Open top = open.peek();
            if (token == null) {
                throw new IOException("the document ended inside " + top.name);
            } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                Node done = open.pop().close();
                if (open.isEmpty()) {
                    return done;
                }
                open.peek().children.add(done);
            } else if (token == JsonToken.FIELD_NAME) {
                top.field = parser.currentName();
            } else {
                String name = top.nextName();
                if (budget == 0) {
                    top.omitted++;
                    parser.skipChildren();
                } else {
                    budget--;
                    if (token.isStructStart()) {
                        open.push(new Open(name, container(token)));
                    } else {
                        top.children.add(scalar(name, token, parser));
                    }
                }
            }
        }
    }

    private static Kind container(JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> Kind.OBJECT;
            case START_ARRAY -> Kind.ARRAY;
            case null, default -> throw new IOException("not an object or array: " + token);
        };
    }

    private static Node scalar(String name, JsonToken token, JsonParser parser) throws IOException {
        return switch (token) {
            case VALUE_STRING -> new Node(name, parser.getText(), Kind.STRING, List.of());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Node(name, parser.getText(), Kind.NUMBER, List.of());
            case VALUE_TRUE -> new Node(name, "true", Kind.BOOLEAN, List.of());
            case VALUE_FALSE -> new Node(name, "false", Kind.BOOLEAN, List.of());
            case VALUE_NULL -> new Node(name, "null", Kind.NULL, List.of());
            default -> throw new IOException("unexpected token " + token);
        };
    }
}
