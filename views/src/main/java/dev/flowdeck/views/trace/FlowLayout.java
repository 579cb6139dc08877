package dev.flowdeck.views.trace;

import dev.flowdeck.core.trace.FlowEdge;
import dev.flowdeck.core.trace.FlowGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Columns for a learned flow: a destination sits one column right of the furthest destination feeding it, so the
 * head of the flow is on the left and its tail on the right. A cycle (a retry topic feeding back) is cut where
 * it closes: ranks stop growing after as many rounds as there are destinations.
 *
 * @param columns destinations per column, the busiest first
 */
record FlowLayout(List<List<String>> columns) {

    static FlowLayout of(FlowGraph graph) {
        var names = new TreeSet<>(graph.visits().keySet());
        graph.edges().forEach(edge -> {
            names.add(edge.from());
            names.add(edge.to());
        });
        Map<String, Integer> rank = new HashMap<>();
        names.forEach(name -> rank.put(name, 0));
        for (int round = 0; round < names.size(); round++) {
            boolean changed = false;
            for (FlowEdge edge : graph.edges()) {
                int wanted = rank.get(edge.from()) + 1;
                if (!edge.from().equals(edge.to()) && rank.get(edge.to()) < wanted && wanted < names.size()) {
                    rank.put(edge.to(), wanted);
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        int deepest = rank.values().stream().max(Integer::compare).orElse(-1);
        List<List<String>> columns = new ArrayList<>();
        for (int column = 0; column <= deepest; column++) {
            int at = column;
            columns.add(names.stream().filter(name -> rank.get(name) == at)
                    .sorted(Comparator.comparing((String name) -> -graph.visits().getOrDefault(name, 0L))
                            .thenComparing(Comparator.naturalOrder()))
                    .toList());
        }
        return new FlowLayout(List.copyOf(columns));
    }
}
