package dev.flowdeck.core.filter;

import com.google.re2j.Pattern;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Literal strings of which every match of a regular expression contains at least one: {@code "status":"DISPUTED"}
 * and {@code "status":"CHARGEBACK"} for {@code "status":"(DISPUTED|CHARGEBACK)"}. A text that contains none of them
 * cannot match, which {@link String#indexOf} (vectorised by the JIT) tells far faster than the regular expression
 * engine; only the texts that contain one are left to RE2/J.
 *
 * <p>Conservative by design: a wrong literal would hide messages, so only a small part of RE2's syntax is read and
 * anything else gives no literals at all (the filter then runs RE2/J on every value, as it always did). Read are
 * literal characters, escaped punctuation and the escapes {@code \a \f \n \r \t \v}; groups {@code (...)},
 * {@code (?:...)} and {@code (?<name>...)}; alternation {@code |}; quantifiers. What matches one character of
 * many (a class, {@code .}, {@code \d}, {@code \pL}) or none at all (an anchor, {@code \b}) is read only to skip
 * it: it ends a run of literal text. Flags ({@code (?i)} and the like), octal and hex escapes, {@code \Q...\E} and
 * POSIX classes give no literals.
 *
 * <p>The literals come from runs of atoms that every match contains one after another. An atom quantified with
 * {@code ?}, {@code *} or a minimum of 0 may be absent: it ends the run. One quantified with {@code +} or a minimum
 * of 1 or more ends the run that leads up to its first repetition and starts the one that goes on from its last. A
 * group counts as an atom when it matches only a few strings (each alternative a run of literals); then a run takes
 * each of them in turn, up to {@value #MAX_LITERALS} strings. Of the runs, the one whose shortest string is the
 * longest wins. A group that matches more is read the same way inside, as the whole expression is.
 */
final class RegexLiterals {

    /** The most strings a run may stand for; beyond, it ends there and a new run starts. */
    static final int MAX_LITERALS = 64;

    private static final Set<String> NOTHING = Set.of("");

    private final String expression;
    private int at;

    private RegexLiterals(String expression) {
        this.expression = expression;
    }

    /** The literals of the compiled pattern, or none if it has flags (they may fold case) or is beyond this reader. */
    static List<String> of(Pattern pattern) {
        return pattern.flags() == 0 ? of(pattern.pattern()) : List.of();
    }

    /**
     * The literals of an expression RE2/J compiles without flags: every match contains one of them. Empty when no
     * such literals are known.
     */
    static List<String> of(String expression) {
        var reader = new RegexLiterals(expression);
        try {
            Facts facts = reader.alternation();
            if (reader.at != expression.length() || facts.required() == null) {
                return List.of();
            }
            return List.copyOf(facts.required());
        } catch (Unsupported beyondThisReader) {
            return List.of();
        }
    }

    /**
     * What is known of the matches of a part of the expression.
     *
     * @param exact    every match is one of these strings; null when they are not known or too many
     * @param required every match contains one of these (none empty); null when none are known
     */
    private record Facts(Set<String> exact, Set<String> required) {
        static final Facts UNKNOWN = new Facts(null, null);

        static Facts literal(int codePoint) {
            Set<String> one = Set.of(Character.toString(codePoint));
            return new Facts(one, one);
        }
    }

    private enum Repeat { ONCE, OPTIONAL, AT_LEAST_ONCE }

    /** Up to an unmatched {@code )} or the end. */
    private Facts alternation() {
        Facts first = sequence();
        if (!lookingAt('|')) {
            return first;
        }
        Set<String> exact = first.exact() == null ? null : new LinkedHashSet<>(first.exact());
        Set<String> required = first.required() == null ? null : new LinkedHashSet<>(first.required());
        while (lookingAt('|')) {
            at++;
            Facts next = sequence();
            exact = union(exact, next.exact());
            required = union(required, next.required());
        }
        return new Facts(exact, required);
    }

    /** The union, or null if either is unknown or it is over the cap. */
    private static Set<String> union(Set<String> all, Set<String> more) {
        if (all == null || more == null) {
            return null;
        }
        all.addAll(more);
        return all.size() > MAX_LITERALS ? null : all;
    }

    /** Atoms one after another, up to {@code |}, an unmatched {@code )} or the end. */
    private Facts sequence() {
        Set<String> run = NOTHING; // the strings the current run of literal atoms stands for
        Set<String> best = null;
        boolean exact = true;
        while (at < expression.length() && !lookingAt('|') && !lookingAt(')')) {
            Facts atom = atom();
            Repeat repeat = quantifiers();
            if (atom.exact() != null && repeat != Repeat.OPTIONAL) {
                Set<String> longer = product(run, atom.exact());
                if (longer == null) { // too many: the run ends before this atom, a new one starts with it
                    best = better(best, run);
                    longer = atom.exact();
                    exact = false;
                }
                run = longer;
                if (repeat == Repeat.AT_LEAST_ONCE) {
                    best = better(best, run);
                    run = atom.exact();
                    exact = false;
                }
            } else {
                best = better(best, run);
                run = NOTHING;
                exact = false;
                if (repeat != Repeat.OPTIONAL) {
                    best = better(best, atom.required());
                }
            }
        }
        best = better(best, run);
        return new Facts(exact ? run : null, best);
    }

    /** Each of {@code heads} followed by each of {@code tails}; null over the cap. */
    private static Set<String> product(Set<String> heads, Set<String> tails) {
        if ((long) heads.size() * tails.size() > MAX_LITERALS) {
            return null;
        }
        Set<String> product = new LinkedHashSet<>();
        for (String head : heads) {
            for (String tail : tails) {
                product.add(head + tail);
            }
        }
        return product;
    }

    /** The candidate whose shortest string is longer (then: the one with fewer strings); none if it has "". */
    private static Set<String> better(Set<String> best, Set<String> candidate) {
        if (candidate == null || shortest(candidate) == 0) {
            return best;
        }
        if (best == null) {
            return candidate;
        }
        int byLength = Integer.compare(shortest(candidate), shortest(best));
        return byLength > 0 || byLength == 0 && candidate.size() < best.size() ? candidate : best;
    }

    private static int shortest(Set<String> strings) {
        return strings.stream().mapToInt(String::length).min().orElse(0);
    }

    private Facts atom() {
        int c = expression.codePointAt(at);
        return switch (c) {
            case '(' -> group();
            case '[' -> {
                skipClass();
                yield Facts.UNKNOWN;
            }
            case '.', '^', '$' -> {
                at++;
                yield Facts.UNKNOWN;
            }
            case '\\' -> escape();
            case '*', '+', '?' -> throw new Unsupported(); // RE2 refuses a quantifier with nothing before it
            case '{' -> {
                if (repeat() >= 0) {
                    throw new Unsupported();
                }
                at++; // a brace that starts no {n,m} is itself
                yield Facts.literal(c);
            }
            default -> {
                at += Character.charCount(c);
                yield Facts.literal(c);
            }
        };
    }

    private Facts group() {
        if (expression.startsWith("(?:", at)) {
            at += 3;
        } else if (expression.startsWith("(?P<", at) || expression.startsWith("(?<", at)) {
            int name = expression.indexOf('>', at); // a name is letters, digits and _
            if (name < 0) {
                throw new Unsupported();
            }
            at = name + 1;
        } else if (expression.startsWith("(?", at)) {
            throw new Unsupported(); // flags: (?i) folds case, (?s) changes what . matches
        } else {
            at++;
        }
        Facts inside = alternation();
        if (!lookingAt(')')) {
            throw new Unsupported();
        }
        at++;
        return inside;
    }

    /** Outside a class: a literal, or what matches one character of many or none (its strings unknown). */
    private Facts escape() {
        if (at + 1 >= expression.length()) {
            throw new Unsupported();
        }
        int c = expression.codePointAt(at + 1);
        return switch (c) {
            case 'A', 'b', 'B', 'z', 'd', 'D', 's', 'S', 'w', 'W' -> {
                at += 2;
                yield Facts.UNKNOWN;
            }
            case 'p', 'P' -> {
                skipUnicodeClass();
                yield Facts.UNKNOWN;
            }
            default -> {
                int literal = escapedLiteral(c);
                at += 2;
                yield Facts.literal(literal);
            }
        };
    }

    /** The character {@code \c} stands for, if it is one this reader knows. */
    private static int escapedLiteral(int c) {
        return switch (c) {
            case 'a' -> 7;
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> 11;
            default -> {
                boolean punctuation = c < 0x80 && !Character.isLetterOrDigit(c);
                if (!punctuation) {
                    throw new Unsupported(); // octal, hex, \Q...\E or what RE2 refuses
                }
                yield c;
            }
        };
    }

    /** {@code \pL}, {@code \p{Greek}}, {@code \P{^Greek}}: at the backslash. */
    private void skipUnicodeClass() {
        at += 2;
        if (at >= expression.length()) {
            throw new Unsupported();
        }
        if (lookingAt('{')) {
            int end = expression.indexOf('}', at);
            if (end < 0) {
                throw new Unsupported();
            }
            at = end + 1;
        } else {
            at += Character.charCount(expression.codePointAt(at));
        }
    }

    /** {@code [...]} or {@code [^...]}, where a {@code ]} first is itself. */
    private void skipClass() {
        at++;
        if (lookingAt('^')) {
            at++;
        }
        boolean first = true;
        while (true) {
            if (at >= expression.length()) {
                throw new Unsupported();
            }
            int c = expression.codePointAt(at);
            if (c == ']' && !first) {
                at++;
                return;
            }
            first = false;
            switch (c) {
                case '[' -> throw new Unsupported(); // [:alpha:] and its kin
                case '\\' -> {
                    int escaped = at + 1 < expression.length() ? expression.codePointAt(at + 1) : -1;
                    switch (escaped) {
                        case 'd', 'D', 's', 'S', 'w', 'W' -> at += 2;
                        case 'p', 'P' -> skipUnicodeClass();
                        default -> {
                            escapedLiteral(escaped);
                            at += 2;
                        }
                    }
                }
                default -> at += Character.charCount(c);
            }
        }
    }

    /** How often the atom just read must occur, after its quantifiers ({@code ?} after one makes it lazy). */
    private Repeat quantifiers() {
        Repeat repeat = Repeat.ONCE;
        while (at < expression.length()) {
            int min;
            switch (expression.charAt(at)) {
                case '?', '*' -> {
                    min = 0;
                    at++;
                }
                case '+' -> {
                    min = 1;
                    at++;
                }
                case '{' -> {
                    min = repeat();
                    if (min < 0) {
                        return repeat; // a literal brace: the next atom
                    }
                }
                default -> {
                    return repeat;
                }
            }
            if (lookingAt('?')) {
                at++; // lazy: matches the same strings
            }
            repeat = min == 0 || repeat == Repeat.OPTIONAL ? Repeat.OPTIONAL : Repeat.AT_LEAST_ONCE;
        }
        return repeat;
    }

    /**
     * At a brace: the minimum of {@code {n}}, {@code {n,}} or {@code {n,m}}, read past; or -1, not read, when the
     * brace is a literal (as for RE2 when a number is missing or has a leading zero).
     */
    private int repeat() {
        int i = number(at + 1);
        if (i < 0) {
            return -1;
        }
        int min = Integer.parseInt(expression, at + 1, i, 10);
        if (i < expression.length() && expression.charAt(i) == ',') {
            i = lookingAt(i + 1, '}') ? i + 1 : number(i + 1);
            if (i < 0) {
                return -1;
            }
        }
        if (!lookingAt(i, '}')) {
            return -1;
        }
        at = i + 1;
        return min;
    }

    /** Where the decimal number RE2 reads from {@code start} ends; -1 if there is none or it has a leading 0. */
    private int number(int start) {
        int end = start;
        while (end < expression.length() && expression.charAt(end) >= '0' && expression.charAt(end) <= '9') {
            end++;
        }
        boolean leadingZero = end - start > 1 && expression.charAt(start) == '0';
        return end == start || leadingZero || end - start > 8 ? -1 : end;
    }

    private boolean lookingAt(int index, char c) {
        return index < expression.length() && expression.charAt(index) == c;
    }

    private boolean lookingAt(char c) {
        return lookingAt(at, c);
    }

    /** Syntax this reader does not follow: the expression gets no literals. */
    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }
}
