package dev.flowdeck.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets a field in a JSON document by a path of field names. Deliberately small: no indexes, wildcards or filters,
 * so a path can only ever name one field and nothing in it is evaluated.
 */
final class JsonFieldEdit {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonFieldEdit() {
    }

    /** {@code $.a.b}, {@code $['a'].b}: the field names, or an {@link IllegalArgumentException} saying what is wrong. */
    static List<String> parsePath(String path) {
        if (path == null || !path.startsWith("$") || path.length() == 1) {
            throw new IllegalArgumentException("A field path starts with $ and names at least one field, like "
                    + "$.customer.email; '" + path + "' does not.");
        }
        List<String> fields = new ArrayList<>();
        int at = 1;
        while (at < path.length()) {
            char c = path.charAt(at);
            if (c == '.') {
                int end = at + 1;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                String name = path.substring(at + 1, end);
                if (name.isEmpty() || name.equals("*")) {
                    throw new IllegalArgumentException("'" + path + "' has an empty or wildcard field name at "
                            + at + "; only plain field names are allowed.");
                }
                fields.add(name);
                at = end;
            } else if (path.startsWith("['", at)) {
                int end = path.indexOf("']", at + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("'" + path + "' opens ['  at " + at + " without closing it.");
                }
                fields.add(path.substring(at + 2, end));
                at = end + 2;
            } else {
                throw new IllegalArgumentException("'" + path + "' has '" + c + "' at " + at
                        + "; a field path is made of .name and ['name'] steps only.");
            }
        }
        return List.copyOf(fields);
    }

    static JsonNode parseValue(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("'" + json + "' is not a JSON value (text needs quotes: \"text\").", e);
        }
    }

    static byte[] set(byte[] document, String path, String json) {
        List<String> fields = parsePath(path);
        JsonNode root;
        try {
            root = document == null ? null : JSON.readTree(document);
        } catch (IOException e) {
            throw new TransformException("The payload is not JSON, so " + path + " cannot be set.");
        }
        if (!(root instanceof ObjectNode object)) {
            throw new TransformException("The payload is not a JSON object, so " + path + " cannot be set.");
        }
        ObjectNode parent = object;
        for (String field : fields.subList(0, fields.size() - 1)) {
            JsonNode next = parent.get(field);
            if (next == null || next.isNull()) {
                next = parent.putObject(field);
            } else if (!next.isObject()) {
                throw new TransformException("The payload's " + field + " is not an object, so " + path
                        + " cannot be set.");
            }
            parent = (ObjectNode) next;
        }
        parent.set(fields.getLast(), parseValue(json));
        try {
            return JSON.writeValueAsBytes(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree Jackson read writes back", e);
        }
    }
}
