package dev.flowdeck.core.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import dev.flowdeck.core.browse.BrowsedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which literals an expression yields, pattern by pattern; {@link RegexLiteralsFuzzTest} checks them against RE2. */
class RegexLiteralsTest {

    @Test
    void theOperatorsQueryYieldsBothStatuses() {
        assertLiterals("\"status\":\"(DISPUTED|CHARGEBACK)\"", "\"status\":\"DISPUTED\"", "\"status\":\"CHARGEBACK\"");
    }

    @Test
    void plainTextAndEscapedMetacharactersAreThemselves() {
        assertLiterals("orderId", "orderId");
        assertLiterals("a\\.b", "a.b");
        assertLiterals("\\(x\\)\\[y\\]\\{z\\}", "(x)[y]{z}");
        assertLiterals("a\\\\b", "a\\b");
        assertLiterals("\\*\\+\\?\\|\\^\\$", "*+?|^$");
        assertLiterals("\\\"\\:\\_\\-", "\":_-");
        assertLiterals("a\\tb\\nc\\rd\\fe\\vf\\ag", "a\tb\nc\rd\fe\u000bf\u0007g");
        assertLiterals("a]b}c", "a]b}c");
    }

    @Test
    void aBraceThatIsNoRepeatIsItself() {
        assertLiterals("a{", "a{");
        assertLiterals("a{x}", "a{x}");
        assertLiterals("a{,2}", "a{,2}");
        assertLiterals("a{01}", "a{01}"); // RE2 reads no repeat with a leading zero
        assertLiterals("a{1,02}", "a{1,02}");
        assertLiterals("a{1", "a{1");
    }

    @Test
    void alternationAtTheTopLevelTakesOneLiteralFromEachSide() {
        assertLiterals("foo|bar", "foo", "bar");
        assertLiterals("foo|b", "foo", "b");
        assertLiterals("foo\\d+|bar", "foo", "bar");
        assertLiterals("a|b|a", "a", "b");
        assertNoLiterals("foo|");
        assertNoLiterals("|foo");
        assertNoLiterals("foo|\\d");
    }

    @Test
    void groupsMultiplyWithTheTextAroundThem() {
        assertLiterals("x(a|b)y", "xay", "xby");
        assertLiterals("x(?:a|b)(c|d)y", "xacy", "xady", "xbcy", "xbdy");
        assertLiterals("a(b(c|d)e|f)g", "abceg", "abdeg", "afg");
        assertLiterals("(?P<id>ord-)1", "ord-1");
        assertLiterals("(?<status>PAID|NEW)!", "PAID!", "NEW!");
        assertLiterals("a()b", "ab");
    }

    @Test
    void anEmptyAlternativeMakesTheGroupOptionalText() {
        assertLiterals("x(a|)y", "xay", "xy");
        assertLiterals("x(|a)y", "xy", "xay");
        assertNoLiterals("(a|)");
        assertNoLiterals("()");
    }

    @Test
    void anOptionalAtomEndsTheRun() {
        assertLiterals("abc?def", "def");
        assertLiterals("abcd*e", "abc");
        assertLiterals("ab(cd)?efg", "efg");
        assertLiterals("ab{0,3}cde", "cde");
        assertLiterals("ab{0}cde", "cde");
        assertLiterals("abc??def", "def");
        assertNoLiterals("a?");
        assertNoLiterals("(abc)*");
        assertNoLiterals("(abc|def)?");
    }

    @Test
    void anAtomRequiredOnceOrMoreEndsOneRunAndStartsTheNext() {
        assertLiterals("abc+de", "abc"); // "abc" and "cde" are as long: the first stays
        assertLiterals("ab+cde", "bcde");
        assertLiterals("ab(cd)+efg", "cdefg");
        assertLiterals("ab(c|d)+efg", "cefg", "defg");
        assertLiterals("ab{2}cde", "bcde");
        assertLiterals("ab{1,}?cde", "bcde");
        assertLiterals("ab+?cde", "bcde");
        assertLiterals("(abc)+", "abc");
    }

    @Test
    void classesAndAnchorsEndTheRun() {
        assertLiterals("\\d+ORD-[0-9]+", "ORD-");
        assertLiterals("^order\\b", "order");
        assertLiterals("ab.cde", "cde");
        assertLiterals("[abc]def", "def");
        assertLiterals("x$yz", "yz");
        assertLiterals("\\Aab\\zcd\\Bef", "ab");
        assertLiterals("a\\sbc\\Sd\\wef\\Wg", "bc");
        assertLiterals("\\p{Greek}abc", "abc");
        assertLiterals("\\pLxyz\\PNw", "xyz");
        assertLiterals("\\p{^Greek}abc", "abc");
    }

    @Test
    void aClassEndsAtItsOwnClosingBracket() {
        assertLiterals("[]x]yz", "yz");
        assertLiterals("[^]x]yz", "yz");
        assertLiterals("[\\]]abc", "abc");
        assertLiterals("[a\\]bc]de", "de");
        assertLiterals("[\\\\]abc", "abc");
        assertLiterals("[\\d\\p{L}\\pN-]abc", "abc");
        assertLiterals("[(|)]abc", "abc");
    }

    @Test
    void aGroupThatMatchesTooManyStringsIsReadInside() {
        assertLiterals("(foo\\d|bar)bazz", "bazz");
        assertLiterals("(food\\d|barr)baz", "food", "barr");
        assertLiterals("(a+bc)d", "abc");
    }

    @Test
    void unicodeLiteralsAreWholeCodePoints() {
        assertLiterals("Zoë|Müller", "Zoë", "Müller");
        assertLiterals("😀+x", "😀x");
        assertLiterals("a😀?bc", "bc");
        assertLiterals("λόγος", "λόγος");
    }

    @Test
    void noRunOverTheCap() {
        // Three groups of four make 64 strings; a fourth would make 256, so the run ends before it.
        String four = "(a|b|c|d)";
        List<String> literals = RegexLiterals.of(four.repeat(4));
        assertThat(literals).hasSize(64).allSatisfy(literal -> assertThat(literal).hasSize(3));

        String many = IntStream.range(0, RegexLiterals.MAX_LITERALS + 1).mapToObj(i -> "v" + i)
                .collect(Collectors.joining("|", "(", ")"));
        assertLiterals("x" + many + "yy", "yy");
        assertNoLiterals(many);
    }

    @Test
    void syntaxBeyondTheReaderGivesNoLiterals() {
        assertNoLiterals("(?i)failed");
        assertNoLiterals("fai(?i)led");
        assertNoLiterals("(?i:x)yz");
        assertNoLiterals("(?s:.)abc");
        assertNoLiterals("(?U)abc");
        assertNoLiterals("\\x41bc");
        assertNoLiterals("\\x{41}bc");
        assertNoLiterals("\\101bc");
        assertNoLiterals("\\0bc");
        assertNoLiterals("\\Qa.b\\E");
        assertNoLiterals("[[:alpha:]]abc");
        assertNoLiterals("");
        assertNoLiterals(".*");
    }

    @Test
    void aPatternCompiledWithFlagsGetsNoLiterals() {
        assertThat(RegexLiterals.of(Pattern.compile("failed", Pattern.CASE_INSENSITIVE))).isEmpty();
        assertThat(RegexLiterals.of(Pattern.compile("failed"))).containsExactly("failed");

        var ignoringCase = new MessageFilter.Regex(Pattern.compile("failed", Pattern.CASE_INSENSITIVE));
        assertThat(ignoringCase.test(message("{\"status\":\"FAILED\"}"))).isTrue();
    }

    @Test
    void theFilterPassesOverValuesWithoutAnyLiteralAndAsksRe2AboutTheRest() {
        var disputed = MessageFilter.Regex.of("\"status\":\"(DISPUTED|CHARGEBACK)\"");

        assertThat(disputed.literals()).containsExactlyInAnyOrder("\"status\":\"DISPUTED\"",
                "\"status\":\"CHARGEBACK\"");
        assertThat(disputed.test(message("{\"status\":\"CHARGEBACK\",\"amount\":1}"))).isTrue();
        assertThat(disputed.test(message("{\"status\":\"PAID\",\"note\":\"DISPUTED\"}"))).isFalse();
        assertThat(disputed.test(message("{\"status\": \"DISPUTED\"}"))).isFalse();
        // The literal is there but the expression does not match: RE2 has the last word.
        var anchored = MessageFilter.Regex.of("^\"status\"");
        assertThat(anchored.literals()).containsExactly("\"status\"");
        assertThat(anchored.test(message("{\"status\":1}"))).isFalse();
        assertThat(anchored.test(message("\"status\":1"))).isTrue();
    }

    private static void assertLiterals(String expression, String... literals) {
        Pattern.compile(expression); // the reader expects what RE2 compiles
        assertThat(RegexLiterals.of(expression)).as(expression).containsExactlyInAnyOrder(literals);
    }

    private static void assertNoLiterals(String expression) {
        Pattern.compile(expression);
        assertThat(RegexLiterals.of(expression)).as(expression).isEmpty();
    }

    private static BrowsedMessage message(String value) {
        return new BrowsedMessage("t", 0, 0, Instant.EPOCH, null, value.getBytes(StandardCharsets.UTF_8), List.of());
    }
}
