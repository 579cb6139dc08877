package dev.flowdeck.core.mask;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The JSONPath subset a masking rule may name, matched against where a streaming parser stands: {@code $.card.number},
 * {@code $['card']['number']}, {@code $.items[*].iban}, {@code $.items[0]}, {@code $.*.email} and deep scans such as
 * {@code $..email}. Filters, slices, unions and functions are refused: a rule names places, it never evaluates
 * anything (and so it can run on every displayed row without a cost worth measuring).
 *
 * <p>The syntax is JSONPath's (Jayway's, which the filters use); the matching is done here because the masker reads
 * each value once, as a stream of tokens, and can then mask a value cut to the browser's byte budget, which no tree
 * parser would read.
 */
final class FieldPath {

    /** One step of a path: a field name, an index, or any child; {@code deep} when it may be any level below. */
    record Step(String field, int index, boolean any, boolean deep) {
        boolean matches(Object at) {
            if (any) {
                return true;
            }
            return field != null ? at instanceof String name && name.equals(field)
                    : at instanceof Integer i && i == index;
        }
    }

    private final String text;
    private final List<Step> steps;
    /** Levels the path needs at least (each step one), and exactly when it has no deep step. */
    private final int minDepth;
    private final boolean deep;

    private FieldPath(String text, List<Step> steps) {
        this.text = text;
        this.steps = List.copyOf(steps);
        this.minDepth = steps.size();
        this.deep = steps.stream().anyMatch(Step::deep);
    }

    String text() {
        return text;
    }

    /**
     * @throws IllegalArgumentException with a sentence saying what a masking path may be
     */
    static FieldPath parse(String path) {
        Objects.requireNonNull(path, "path");
        String p = path.strip();
        if (!p.startsWith("$") || p.length() < 2) {
            throw refused(path, "it must start with $ and name at least one field");
        }
        List<Step> steps = new ArrayList<>();
        int i = 1;
        while (i < p.length()) {
            boolean deep = false;
            char c = p.charAt(i);
            if (c == '.') {
                if (i + 1 < p.length() && p.charAt(i + 1) == '.') {
                    deep = true;
                    i += 2;
                } else {
                    i += 1;
                }
                if (i >= p.length()) {
                    throw refused(path, "it ends with a dot");
                }
                if (p.charAt(i) == '[') {
                    if (!deep) {
                        throw refused(path, "a dot is followed by a bracket");
                    }
                    continue; // $..['email'] or $..[*]: the bracket step below takes the deep flag
                }
                int end = i;
                while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
                    end++;
                }
                String name = p.substring(i, end);
                if (name.isEmpty() || name.contains("(") || name.contains("?") || name.contains("@")) {
                    throw refused(path, "'" + name + "' is not a field name");
                }
                steps.add(name.equals("*") ? new Step(null, -1, true, deep) : new Step(name, -1, false, deep));
                i = end;
            } else if (c == '[') {
                boolean deepBracket = i >= 2 && p.startsWith("..", i - 2);
                int close = bracketEnd(p, i, path);
                String inside = p.substring(i + 1, close).strip();
                steps.add(bracketStep(inside, deepBracket, path));
                i = close + 1;
            } else {
                throw refused(path, "'" + c + "' cannot stand there");
            }
        }
        return new FieldPath(p, steps);
    }

    private static int bracketEnd(String p, int open, String path) {
        int i = open + 1;
        if (i < p.length() && (p.charAt(i) == '\'' || p.charAt(i) == '"')) {
            char quote = p.charAt(i);
            int endQuote = p.indexOf(quote, i + 1);
            if (endQuote < 0 || endQuote + 1 >= p.length() || p.charAt(endQuote + 1) != ']') {
                throw refused(path, "a quoted name is not closed");
            }
            return endQuote + 1;
        }
        int close = p.indexOf(']', i);
        if (close < 0) {
            throw refused(path, "a bracket is not closed");
        }
        return close;
    }

    private static Step bracketStep(String inside, boolean deep, String path) {
        if (inside.equals("*")) {
            return new Step(null, -1, true, deep);
        }
        if (inside.length() >= 2 && (inside.charAt(0) == '\'' || inside.charAt(0) == '"')
                && inside.charAt(inside.length() - 1) == inside.charAt(0)) {
            return new Step(inside.substring(1, inside.length() - 1), -1, false, deep);
        }
        if (!inside.isEmpty() && inside.chars().allMatch(Character::isDigit) && inside.length() < 10) {
            return new Step(null, Integer.parseInt(inside), false, deep);
        }
        throw refused(path, "[" + inside + "] is not a name, an index or [*] (filters, slices and unions are not "
                + "masking paths)");
    }

    private static IllegalArgumentException refused(String path, String why) {
        return new IllegalArgumentException("'" + path + "' is not a masking path: " + why + ". Write a field path "
                + "such as $.card.number, $.items[*].iban or $..email.");
    }

    /**
     * Whether the path names the value at {@code at}: field names ({@code String}) and array indexes
     * ({@code Integer}) from the root down.
     */
    boolean matches(List<Object> at) {
        // Most values of a document are not the one a rule names: rule them out by depth and by their own name
        // before walking the path (every value of every displayed row is asked).
        int depth = at.size();
        if (depth < minDepth || !deep && depth != minDepth || !steps.getLast().matches(at.getLast())) {
            return false;
        }
        return matches(0, at, 0);
    }

    private boolean matches(int step, List<Object> at, int level) {
        if (step == steps.size()) {
            return level == at.size();
        }
        if (level == at.size()) {
            return false;
        }
        Step s = steps.get(step);
        if (!s.deep()) {
            return s.matches(at.get(level)) && matches(step + 1, at, level + 1);
        }
        // A deep step matches at this level or any below it; paths are short, rules few.
        for (int l = level; l < at.size(); l++) {
            if (s.matches(at.get(l)) && matches(step + 1, at, l + 1)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
