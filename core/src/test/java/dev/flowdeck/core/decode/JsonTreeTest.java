package dev.flowdeck.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.decode.JsonTree.Kind;
import dev.flowdeck.core.decode.JsonTree.Node;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTreeTest {

    @Test
    void readsEveryKindWithNamesAndValuesAsWritten() {
        var tree = JsonTree.parse(utf8("{\"id\":7,\"amount\":12.50,\"who\":\"Zoë\",\"ok\":false,\"gone\":null,"
                + "\"tags\":[\"a\",true]}"), 100);

        assertThat(tree).contains(new Node("$", null, Kind.OBJECT, List.of(
                new Node("id", "7", Kind.NUMBER, List.of()),
                new Node("amount", "12.50", Kind.NUMBER, List.of()),
                new Node("who", "Zoë", Kind.STRING, List.of()),
                new Node("ok", "false", Kind.BOOLEAN, List.of()),
                new Node("gone", "null", Kind.NULL, List.of()),
                new Node("tags", null, Kind.ARRAY, List.of(
                        new Node("[0]", "a", Kind.STRING, List.of()),
                        new Node("[1]", "true", Kind.BOOLEAN, List.of()))))));
    }

    @Test
    void aSpentBudgetLeavesOneMoreNodePerUnfinishedContainer() {
        var tree = JsonTree.parse(utf8("[{\"a\":1,\"b\":2,\"c\":3},4,5,[6]]"), 3).orElseThrow();

        assertThat(tree).isEqualTo(new Node("$", null, Kind.ARRAY, List.of(
                new Node("[0]", null, Kind.OBJECT, List.of(
                        new Node("a", "1", Kind.NUMBER, List.of()),
                        new Node("", "… 2 more", Kind.MORE, List.of()))),
                new Node("", "… 3 more", Kind.MORE, List.of()))));
    }

    @Test
    void theRootIsAlwaysThere() {
        assertThat(JsonTree.parse(utf8("{\"a\":1}"), 0)).contains(new Node("$", null, Kind.OBJECT,
                List.of(new Node("", "… 1 more", Kind.MORE, List.of()))));
        assertThat(JsonTree.parse(utf8("[]"), 1)).contains(new Node("$", null, Kind.ARRAY, List.of()));
    }

    @Test
    void aMillionElementsCostOnlyTheBudget() {
        String big = "[" + "1,".repeat(999_999) + "1]";

        Node tree = JsonTree.parse(utf8(big), 1000).orElseThrow();

        assertThat(tree.children()).hasSize(1000);
        assertThat(tree.children().getLast()).isEqualTo(new Node("", "… 999001 more", Kind.MORE, List.of()));
    }

    @Test
    void nestingToTheLimitIsATreeBeyondItNone() {
        int depth = JsonLimits.MAX_DEPTH;
        Node node = JsonTree.parse(utf8("[".repeat(depth) + "]".repeat(depth)), 10_000).orElseThrow();
        int levels = 1;
        while (!node.children().isEmpty()) {
            node = node.children().getFirst();
            levels++;
        }
        assertThat(levels).isEqualTo(depth);
        assertThat(JsonTree.parse(utf8("[".repeat(depth + 1) + "]".repeat(depth + 1)), 10)).isEmpty();
    }

    @Test
    void isEmptyForWhatIsNotAnObjectOrArray() {
        assertThat(JsonTree.parse(null, 10)).isEmpty();
        assertThat(JsonTree.parse(utf8("\"text\""), 10)).isEmpty();
        assertThat(JsonTree.parse(utf8("{\"a\":[1,2"), 10)).isEmpty();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
