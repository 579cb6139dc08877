package dev.flowdeck.core.mask;

import java.util.List;
import java.util.Objects;

/**
 * One value a rule masked in one message, where it is exactly: what the detail pane lists and may offer to reveal.
 *
 * @param target     a value field or a header
 * @param path       for a field, its concrete JSONPath ({@code $.items[1].email}); for a header, its name
 * @param steps      for a field, its field names ({@code String}) and array indexes ({@code Integer}) from the root;
 *                   for a header, one {@code Integer}: which header of the message (they may repeat)
 * @param action     what was done to it
 */
public record MaskedField(MaskRule.Target target, String path, List<Object> steps, MaskAction action) {


    public MaskedField {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(action, "action");
        steps = List.copyOf(steps);
    }

    /** {@code $.items[1].email}, or {@code $['odd name']} where a name is not a plain word. */
    static String pathOf(List<Object> steps) {
        var text = new StringBuilder("$");
        for (Object step : steps) {
            if (step instanceof Integer index) {
                text.append('[').append(index).append(']');
            } else {
                String name = (String) step;
                if (plain(name)) {
                    text.append('.').append(name);
                } else {
                    text.append("['").append(name.replace("'", "\\'")).append("']");
                }
            }
        }
        return text.toString();
    }

    /** A name written after a dot ({@code [A-Za-z_][A-Za-z0-9_-]*}); any other goes in brackets. */
    private static boolean plain(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_';
            if (!letter && (i == 0 || !(c >= '0' && c <= '9' || c == '-'))) {
                return false;
            }
        }
        return true;
    }

    /** "header authorization" or "$.card.number": how the pane and the audit log name it. */
    public String spoken() {
        return target == MaskRule.Target.HEADER ? "header " + path : path;
    }
}
