package dev.flowdeck.views.shell;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Ranks commands against what the operator typed: every typed character must appear in the name in order
 * ("lag" finds "Go to consumer lag", "ordr" finds "Open orders"), and a name scores higher the more of the typed
 * text starts its words and the closer its characters sit. Whatever was typed can also be looked up as a trace id
 * or business key: that offer comes first when no command matches well, last otherwise, so the palette doubles as
 * the window's global search.
 */
public final class CommandSearch {

    /** A score from which a match counts as good: most typed characters start words or follow each other. */
    private static final int GOOD = 0;

    private final Function<String, Command> lookUp;

    /** @param lookUp the command that looks the typed text up (a trace id or key); null for none */
    public CommandSearch(Function<String, Command> lookUp) {
        this.lookUp = lookUp;
    }

    /** The commands that match {@code typed}, best first; all of them, in their order, when nothing is typed. */
    public List<Command> rank(List<Command> commands, String typed) {
        String query = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        if (query.isEmpty()) {
            return List.copyOf(commands);
        }
        record Scored(Command command, int score, int order) {
        }
        var scored = new ArrayList<Scored>();
        for (int i = 0; i < commands.size(); i++) {
            Integer score = score(commands.get(i).name().toLowerCase(Locale.ROOT), query);
            if (score != null) {
                scored.add(new Scored(commands.get(i), score, i));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::score).reversed().thenComparingInt(Scored::order));
        var ranked = new ArrayList<Command>(scored.stream().map(Scored::command).toList());
        if (lookUp != null) {
            Command find = lookUp.apply(typed.strip());
            boolean goodMatch = !scored.isEmpty() && scored.getFirst().score() >= GOOD;
            if (goodMatch) {
                ranked.add(find);
            } else {
                ranked.addFirst(find);
            }
        }
        return ranked;
    }

    /**
     * How well {@code query} matches {@code name} as a subsequence, or null if it does not: +3 for a character that
     * starts a word, +1 for one that follows the last match, -1 for each character skipped between matches (capped,
     * so a long name is not punished for its length alone).
     */
    static Integer score(String name, String query) {
        int score = 0;
        int at = 0;
        int last = -1;
        for (int q = 0; q < query.length(); q++) {
            char wanted = query.charAt(q);
            if (wanted == ' ') {
                continue; // "go lag": spaces only separate what the operator remembers of the words
            }
            int found = bestFrom(name, at, wanted);
            if (found < 0) {
                return null;
            }
            if (found == 0 || !Character.isLetterOrDigit(name.charAt(found - 1))) {
                score += 3;
            } else if (found == last + 1) {
                score += 1;
            } else {
                score -= Math.min(3, found - last - 1);
            }
            last = found;
            at = found + 1;
        }
        return score;
    }

    /** The next occurrence of {@code wanted} from {@code from}, preferring one that starts a word if it follows. */
    private static int bestFrom(String name, int from, char wanted) {
        int first = name.indexOf(wanted, from);
        if (first <= 0 || !Character.isLetterOrDigit(name.charAt(first - 1))) {
            return first;
        }
        // The character right after the last match keeps a run going; otherwise a word start is worth the jump.
        if (first == from) {
            return first;
        }
        for (int i = first; i >= 0 && i < name.length(); i = name.indexOf(wanted, i + 1)) {
            if (!Character.isLetterOrDigit(name.charAt(i - 1))) {
                return i;
            }
        }
        return first;
    }
}
