package dev.flowdeck.core.mask;

import java.util.Locale;
import java.util.Objects;

/**
 * One masking rule of a profile: a field of the value (a JSONPath) or a header (by name, in any case), and what to do
 * to it. As a line in the profile dialog: {@code $.card.number mask}, {@code $..email hash},
 * {@code header authorization remove}.
 *
 * @param target what kind of thing the rule names
 * @param name   the JSONPath of a value field, or a header's name
 * @param action mask, hash or remove
 */
public record MaskRule(Target target, String name, MaskAction action) {

    /** What a rule names. */
    public enum Target {
        /** A field of a JSON value, by JSONPath. */
        VALUE_FIELD,
        /** A header (Kafka) or application header (RabbitMQ), by name, in any case. */
        HEADER
    }

    /**
     * @throws IllegalArgumentException when a field path is not one a rule may name, or a header name is blank
     */
    public MaskRule {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(action, "action");
        name = name.strip();
        if (target == Target.VALUE_FIELD) {
            FieldPath.parse(name);
        } else if (name.isEmpty()) {
            throw new IllegalArgumentException("A header rule needs the header's name.");
        }
    }

    /** A rule on a field of the value. */
    public static MaskRule field(String jsonPath, MaskAction action) {
        return new MaskRule(Target.VALUE_FIELD, jsonPath, action);
    }

    /** A rule on a header. */
    public static MaskRule header(String name, MaskAction action) {
        return new MaskRule(Target.HEADER, name, action);
    }

    /**
     * A rule from its line: {@code PATH ACTION} for a value field ({@code $.card.number mask}), or
     * {@code header NAME ACTION} ({@code header authorization remove}).
     *
     * @throws IllegalArgumentException with a sentence saying how to write it
     */
    public static MaskRule parse(String line) {
        String text = line.strip();
        int lastSpace = text.lastIndexOf(' ');
        if (lastSpace < 0) {
            throw new IllegalArgumentException("'" + line + "' is not a masking rule: write a field and an action "
                    + "($.card.number mask, $..email hash) or header NAME ACTION (header authorization remove).");
        }
        MaskAction action = MaskAction.of(text.substring(lastSpace + 1));
        String what = text.substring(0, lastSpace).strip();
        if (what.toLowerCase(Locale.ROOT).startsWith("header ")) {
            return header(what.substring("header ".length()), action);
        }
        return field(what, action);
    }

    /** The rule as a line {@link #parse} reads back. */
    public String line() {
        return (target == Target.HEADER ? "header " : "") + name + " " + action.word();
    }

    FieldPath path() {
        return FieldPath.parse(name);
    }
}
