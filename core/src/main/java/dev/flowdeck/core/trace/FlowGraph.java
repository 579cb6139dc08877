package dev.flowdeck.core.trace;

import dev.flowdeck.core.deadletter.DeadLetterNames;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which destination follows which, learned from the chains themselves rather than configured: an operator
 * debugging an incident rarely has an up-to-date diagram, and the data cannot be out of date.
 *
 * @param edges  every edge seen, by count (most taken first), then by name
 * @param visits how many chain events each destination held
 */
public record FlowGraph(List<FlowEdge> edges, Map<String, Long> visits) {

    /** More than this share of the visits to a destination must go on to one place for a stop there to count. */
    static final double USUAL = 0.5;

    public FlowGraph {
        edges = List.copyOf(edges);
        visits = Map.copyOf(visits);
    }

    public Optional<FlowEdge> edge(String from, String to) {
        return edges.stream().filter(edge -> edge.from().equals(from) && edge.to().equals(to)).findFirst();
    }

    /** The hop most chains take from {@code from} outside dead letters, if more than half of its visits take it. */
    public Optional<FlowEdge> usualNext(String from) {
        long visited = visits.getOrDefault(from, 0L);
        return edges.stream()
                .filter(edge -> edge.from().equals(from) && !DeadLetterNames.looksLikeDeadLetter(edge.to()))
                .max(Comparator.comparingLong(FlowEdge::count))
                .filter(edge -> edge.count() > USUAL * visited);
    }

    /**
     * Where {@code chain} stopped short of the usual flow, if it did: the last destination it reached outside dead
     * letters has a usual next hop the chain never made. A chain that was dead-lettered stops at the destination it
     * was dead-lettered from.
     *
     * @param newest the newest event indexed: a chain whose last hop is younger than that edge's p95 may still be
     *               on its way, and says so
     */
    public Optional<StopPoint> stopOf(Chain chain, Instant newest) {
        ChainEvent last = null;
        for (ChainEvent event : chain.events()) {
            if (!event.deadLetter()) {
                last = event;
            }
        }
        if (last == null) {
            return Optional.empty();
        }
        ChainEvent reached = last;
        return usualNext(reached.destination()).map(edge -> {
            Duration waited = Duration.between(reached.timestamp(), newest);
            long visited = visits.getOrDefault(reached.destination(), 1L);
            return new StopPoint(reached.destination(), edge.to(), (double) edge.count() / visited,
                    reached.timestamp(), waited.compareTo(edge.p95()) > 0, waited.isNegative() ? Duration.ZERO : waited);
        });
    }

    /** Collects hops chain by chain; {@link #graph()} turns them into edges with percentiles. Not thread-safe. */
    static final class Learner {

        private final Map<String, Map<String, Latencies>> hops = new HashMap<>();
        private final Map<String, Long> visits = new HashMap<>();

        void add(Chain chain) {
            chain.events().forEach(event -> visits.merge(event.destination(), 1L, Long::sum));
            for (Hop hop : chain.hops()) {
                hops.computeIfAbsent(hop.from().destination(), from -> new HashMap<>())
                        .computeIfAbsent(hop.to().destination(), to -> new Latencies())
                        .add(hop.latency().toMillis());
            }
        }

        FlowGraph graph() {
            var edges = new TreeMap<String, FlowEdge>();
            hops.forEach((from, targets) -> targets.forEach((to, latencies) ->
                    edges.put(from + "\u0000" + to, latencies.edge(from, to))));
            return new FlowGraph(edges.values().stream()
                    .sorted(Comparator.comparingLong(FlowEdge::count).reversed()
                            .thenComparing(FlowEdge::from).thenComparing(FlowEdge::to))
                    .toList(), visits);
        }
    }

    /** Hop latencies of one edge in milliseconds, as a growing primitive array. */
    private static final class Latencies {

        private long[] millis = new long[16];
        private int size;

        void add(long value) {
            if (size == millis.length) {
                millis = Arrays.copyOf(millis, size * 2);
            }
            millis[size++] = value;
        }

        FlowEdge edge(String from, String to) {
            long[] sorted = Arrays.copyOf(millis, size);
            Arrays.sort(sorted);
            return new FlowEdge(from, to, size, Duration.ofMillis(percentile(sorted, 0.50)),
                    Duration.ofMillis(percentile(sorted, 0.95)));
        }
    }

    /** Nearest rank: the smallest value with at least {@code share} of the values at or below it. */
    static long percentile(long[] sorted, double share) {
        int rank = (int) Math.ceil(share * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
