package dev.flowdeck.replay;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Transforms as an operator types them, one a line, in the replay dialog and on the command line:
 *
 * <pre>
 * set header tenant = eu
 * remove header x-debug
 * set $.amount = 100
 * set $.customer.email = "ops@example.com"
 * </pre>
 *
 * Blank lines and lines starting with {@code #} are skipped. A line that is none of these is refused with its
 * number and what was expected; nothing is evaluated (a JSON value is parsed as JSON, never run).
 */
public final class TransformLines {

    private TransformLines() {
    }

    /** @throws IllegalArgumentException naming the first line that does not read, and why */
    public static List<Transform> parse(String text) {
        List<Transform> transforms = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                transforms.add(parseLine(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Line " + (i + 1) + " (" + line + "): " + e.getMessage(), e);
            }
        }
        return List.copyOf(transforms);
    }

    private static Transform parseLine(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith("remove header ")) {
            String name = line.substring("remove header ".length()).strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("name the header to remove.");
            }
            return new Transform.RemoveHeader(name);
        }
        if (lower.startsWith("set header ")) {
            String rest = line.substring("set header ".length());
            int equals = rest.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("write it as: set header NAME = VALUE.");
            }
            return new Transform.SetHeader(rest.substring(0, equals).strip(),
                    rest.substring(equals + 1).strip().getBytes(StandardCharsets.UTF_8));
        }
        if (lower.startsWith("set $")) {
            String rest = line.substring("set ".length());
            int equals = rest.indexOf('=');
            if (equals < 2) {
                throw new IllegalArgumentException("write it as: set $.field = JSON VALUE.");
            }
            return new Transform.SetJsonField(rest.substring(0, equals).strip(), rest.substring(equals + 1).strip());
        }
        throw new IllegalArgumentException("expected 'set header NAME = VALUE', 'remove header NAME' or "
                + "'set $.field = JSON VALUE'.");
    }
}
