package dev.flowdeck.core.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.fuzz.Fuzz;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The literal prefilter never changes an answer: for random expressions of the syntax {@link RegexLiterals} reads
 * (and of what it only skips: classes, anchors, braces that may or may not repeat) and random texts, many made to
 * match, the filter answers exactly what RE2/J answers, and every match RE2/J finds contains one of the literals.
 */
class RegexLiteralsFuzzTest {

    /** Characters the literals and the texts are made of: metacharacters, quotes, digits, non-ASCII, a pair. */
    private static final String ALPHABET = "abc\"':,-_01{}[]().*+?|^$\\ \n\téλ😀";
    private static final String META = "\\.+*?()|[]{}^$";
    private static final String[] QUANTIFIERS = {"?", "*", "+", "??", "*?", "+?", "{0}", "{1}", "{2}", "{0,2}",
        "{1,}", "{1,3}", "{2,}?", "{01}", "{,1}"};
    private static final String[] SKIPPED = {".", "\\d", "\\w", "\\s", "\\S", "\\pL", "\\p{Greek}", "[a-c]", "[^b]",
        "[]a]", "[^]a]", "[\\]b]", "[.(|]", "[\\d\\-]", "^", "$", "\\b", "\\B", "\\A", "\\z"};

    private final AtomicInteger withLiterals = new AtomicInteger();
    private final AtomicInteger passedOver = new AtomicInteger();
    private final AtomicInteger matchedWithLiterals = new AtomicInteger();

    @Test
    void thePrefilteredRegexAnswersWhatRe2Answers() {
        Fuzz.check(3000, fuzz -> {
            Node node = alternation(fuzz, 0);
            String expression = fuzz.input("regex", render(node));
            Pattern pattern;
            try {
                pattern = Pattern.compile(expression);
            } catch (PatternSyntaxException refused) {
                return; // the generator can write what RE2 refuses (a quantified anchor, a repeated repeat)
            }
            List<String> literals = fuzz.input("literals", RegexLiterals.of(expression));
            var filter = new MessageFilter.Regex(pattern);
            assertThat(filter.literals()).isEqualTo(literals);
            if (!literals.isEmpty()) {
                withLiterals.incrementAndGet();
            }
            List<String> texts = fuzz.input("texts", fuzz.list(1, 8, () -> text(fuzz, node)));
            for (String text : texts) {
                Matcher matcher = pattern.matcher(text);
                boolean matches = false;
                while (matcher.find()) {
                    matches = true;
                    String match = matcher.group();
                    if (!literals.isEmpty()) {
                        assertThat(literals).as("a literal in the match %s", Fuzz.describe(match))
                                .anyMatch(match::contains);
                        matchedWithLiterals.incrementAndGet();
                    }
                    if (matcher.end() == text.length()) {
                        break;
                    }
                }
                if (!literals.isEmpty() && literals.stream().noneMatch(text::contains)) {
                    passedOver.incrementAndGet();
                }
                var message = message(text);
                String decoded = new MessageView(message).valueText(); // lone surrogates do not survive UTF-8
                assertThat(filter.test(message)).as("the filter on %s", Fuzz.describe(decoded))
                        .isEqualTo(pattern.matcher(decoded).find());
                if (decoded.equals(text)) {
                    assertThat(filter.test(message)).isEqualTo(matches);
                }
            }
        });
        // Not a vacuous pass: the literals were there, passed texts over, and were found in matches.
        assertThat(withLiterals.get()).isGreaterThan(1000);
        assertThat(passedOver.get()).isGreaterThan(1000);
        assertThat(matchedWithLiterals.get()).isGreaterThan(1000);
    }

    /** A part of an expression that knows how to write itself and how to write a text it (likely) matches. */
    private sealed interface Node {
    }

    /** One character, escaped when it must be and sometimes when it need not be. */
    private record Literal(int codePoint, boolean escaped) implements Node {
    }

    /** What the reader only skips; its sample is a character it matches, or nothing for an anchor. */
    private record Skipped(String syntax) implements Node {
    }

    private record Sequence(List<Node> nodes) implements Node {
    }

    private record Alternation(List<Node> alternatives, String opening) implements Node {
    }

    private record Repeated(Node atom, String quantifier) implements Node {
    }

    private static Node alternation(Fuzz fuzz, int depth) {
        List<Node> alternatives = fuzz.list(1, depth == 0 ? 3 : 4, () -> sequence(fuzz, depth));
        return alternatives.size() == 1 && depth == 0 ? alternatives.getFirst()
                : new Alternation(alternatives, depth == 0 ? "" : fuzz.of("(", "(", "(?:", "(?P<g>", "(?<g>"));
    }

    private static Node sequence(Fuzz fuzz, int depth) {
        return new Sequence(fuzz.list(0, 6, () -> {
            Node atom = switch (fuzz.weighted(8, 2, depth < 3 ? 2 : 0)) {
                case 0 -> literal(fuzz);
                case 1 -> new Skipped(fuzz.of(SKIPPED));
                default -> alternation(fuzz, depth + 1);
            };
            return fuzz.oneIn(4) ? new Repeated(atom, fuzz.of(QUANTIFIERS)) : atom;
        }));
    }

    private static Node literal(Fuzz fuzz) {
        int codePoint = ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0,
                fuzz.below(ALPHABET.codePointCount(0, ALPHABET.length()))));
        return new Literal(codePoint, fuzz.oneIn(3));
    }

    private static String render(Node node) {
        var text = new StringBuilder();
        render(node, text, new int[1]);
        return text.toString();
    }

    /** Writes the node; {@code names} counts the named groups, whose names must differ. */
    private static void render(Node node, StringBuilder text, int[] names) {
        switch (node) {
            case Literal(int c, boolean escaped) -> {
                boolean punctuation = c < 0x80 && !Character.isLetterOrDigit(c) && c >= 0x20;
                if (c == '\n' || c == '\t') {
                    text.append(escaped ? (c == '\n' ? "\\n" : "\\t") : Character.toString(c));
                } else if (META.indexOf(c) >= 0 && (escaped || "{}]".indexOf(c) < 0)) {
                    // A brace or bracket is left bare at times: RE2 reads some of them as themselves.
                    text.append('\\').appendCodePoint(c);
                } else if (escaped && punctuation) {
                    text.append('\\').appendCodePoint(c);
                } else {
                    text.appendCodePoint(c);
                }
            }
            case Skipped(String syntax) -> text.append(syntax);
            case Sequence(List<Node> nodes) -> nodes.forEach(n -> render(n, text, names));
            case Alternation(List<Node> alternatives, String opening) -> {
                text.append(opening.endsWith(">") ? opening.replace(">", names[0]++ + ">") : opening);
                for (int i = 0; i < alternatives.size(); i++) {
                    text.append(i == 0 ? "" : "|");
                    render(alternatives.get(i), text, names);
                }
                text.append(opening.isEmpty() ? "" : ")");
            }
            case Repeated(Node atom, String quantifier) -> {
                render(atom, text, names);
                text.append(quantifier);
            }
        }
    }

    /** Noise, a text the expression likely matches, or one with a character of it changed, and mixes of them. */
    private static String text(Fuzz fuzz, Node node) {
        var text = new StringBuilder();
        for (int parts = fuzz.between(1, 3); parts > 0; parts--) {
            switch (fuzz.weighted(2, 4, 2, 1)) {
                case 0 -> text.append(fuzz.chars(ALPHABET, 12));
                case 1 -> sample(fuzz, node, text);
                case 2 -> {
                    var sample = new StringBuilder();
                    sample(fuzz, node, sample);
                    if (!sample.isEmpty()) {
                        int at = fuzz.below(sample.length());
                        sample.replace(at, at + 1, fuzz.chars(ALPHABET, 1));
                    }
                    text.append(sample);
                }
                default -> text.append(fuzz.string(8)); // anything: controls, lone surrogates, other scripts
            }
        }
        return text.toString();
    }

    private static void sample(Fuzz fuzz, Node node, StringBuilder text) {
        switch (node) {
            case Literal(int c, boolean escaped) -> text.appendCodePoint(c);
            case Skipped(String syntax) -> text.append(switch (syntax) {
                case ".", "[^b]" -> fuzz.of("a", "c", "é", "😀", "\"");
                case "\\d", "[\\d\\-]" -> fuzz.of("0", "1", "7");
                case "\\w" -> fuzz.of("a", "_", "1");
                case "\\s" -> fuzz.of(" ", "\n", "\t");
                case "\\S", "\\pL" -> fuzz.of("a", "é", "λ");
                case "\\p{Greek}" -> "λ";
                case "[a-c]" -> fuzz.of("a", "b", "c");
                case "[]a]", "[^]a]" -> fuzz.of("]", "a", "b");
                case "[\\]b]" -> fuzz.of("]", "b");
                case "[.(|]" -> fuzz.of(".", "(", "|");
                default -> ""; // an anchor: the text may or may not be where it holds
            });
            case Sequence(List<Node> nodes) -> nodes.forEach(n -> sample(fuzz, n, text));
            case Alternation(List<Node> alternatives, String opening) -> sample(fuzz, fuzz.of(alternatives.toArray(
                    Node[]::new)), text);
            case Repeated(Node atom, String quantifier) -> {
                String bare = quantifier.length() > 1 ? quantifier.replaceFirst("\\?$", "") : quantifier;
                int[] times = switch (bare) {
                    case "?" -> new int[] {0, 1};
                    case "*" -> new int[] {0, 3};
                    case "+" -> new int[] {1, 3};
                    case "{0}" -> new int[] {0, 0};
                    case "{1}" -> new int[] {1, 1};
                    case "{2}" -> new int[] {2, 2};
                    case "{0,2}" -> new int[] {0, 2};
                    case "{1,}", "{1,3}" -> new int[] {1, 3};
                    case "{2,}" -> new int[] {2, 4};
                    default -> new int[] {1, 1}; // {01} and {,1} are no repeats to RE2 but text
                };
                for (int i = fuzz.between(times[0], times[1]); i > 0; i--) {
                    sample(fuzz, atom, text);
                }
                if (times[1] == 1 && bare.startsWith("{") && !bare.equals("{1}")) {
                    text.append(quantifier);
                }
            }
        }
    }

    private static BrowsedMessage message(String text) {
        return new BrowsedMessage("t", 0, 0, Instant.EPOCH, null, text.getBytes(StandardCharsets.UTF_8), List.of());
    }
}
