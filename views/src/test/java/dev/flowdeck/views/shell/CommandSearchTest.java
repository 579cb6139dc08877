package dev.flowdeck.views.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandSearchTest {

    private static final List<Command> COMMANDS = List.of(
            Command.of("Go to destinations", "Views", () -> { }),
            Command.of("Go to consumer lag", "Views", () -> { }),
            Command.of("Go to dead letters", "Views", () -> { }),
            Command.of("Open orders", "Destinations", () -> { }),
            Command.of("Open orders.DLT", "Destinations", () -> { }),
            Command.of("Open payments", "Destinations", () -> { }));

    private final CommandSearch search = new CommandSearch(text -> Command.of("Find " + text, "Traces", () -> { }));

    @Test
    void nothingTypedListsEveryCommandInItsOrderWithoutALookUp() {
        assertThat(names("")).containsExactly("Go to destinations", "Go to consumer lag", "Go to dead letters",
                "Open orders", "Open orders.DLT", "Open payments");
    }

    @Test
    void lettersInOrderFindANameAndWordStartsRankFirst() {
        assertThat(names("lag")).startsWith("Go to consumer lag").endsWith("Find lag");
        assertThat(names("dl")).as("d(ead) l(etters) starts two words; orders.DLT only one")
                .startsWith("Go to dead letters", "Open orders.DLT");
        assertThat(names("ordr")).startsWith("Open orders", "Open orders.DLT");
        assertThat(names("go pay")).as("not every letter in order").containsExactly("Find go pay");
    }

    @Test
    void textNoCommandMatchesIsOfferedAsALookUpFirst() {
        assertThat(names("ord-4711")).containsExactly("Find ord-4711");
        assertThat(names("4bf92f3577b34da6a3ce929d0e0e4736")).first().isEqualTo(
                "Find 4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void withoutALookUpOnlyCommandsAreListed() {
        assertThat(new CommandSearch(null).rank(COMMANDS, "zzz")).isEmpty();
        assertThat(new CommandSearch(null).rank(COMMANDS, "PAY")).extracting(Command::name)
                .containsExactly("Open payments");
    }

    @Test
    void scoresWordStartsAboveRunsAboveGaps() {
        assertThat(CommandSearch.score("open orders", "oo")).isGreaterThan(CommandSearch.score("open orders", "oe"));
        assertThat(CommandSearch.score("open orders", "x")).isNull();
    }

    private List<String> names(String typed) {
        return search.rank(COMMANDS, typed).stream().map(Command::name).toList();
    }
}
