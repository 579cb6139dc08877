package dev.flowdeck.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * A run's report: where and when it ran, with what options, then one section per benchmark.
 *
 * @param started     when the run began
 * @param took        how long it took, broker start and production included
 * @param machine     the machine, as {@link Machine#describe()} says it
 * @param loadBefore  the one-minute load average when the run began (other work on the machine shows here)
 * @param loadAfter   the same when it ended
 * @param options     the options
 * @param results     each benchmark's result, in the order they ran
 */
public record Report(Instant started, Duration took, String machine, double loadBefore, double loadAfter,
                     BenchmarkOptions options, List<BenchmarkResult> results) {

    public Report {
        results = List.copyOf(results);
    }

    /** The first result of that type. */
    public <T extends BenchmarkResult> T result(Class<T> type) {
        return results.stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + type.getSimpleName() + " in this run"));
    }

    public String markdown() {
        var text = new StringBuilder(String.format(Locale.ROOT, """
                ## Browser benchmarks

                Run %s, took %d min %02d s. %s; a single-node sandbox broker (Kafka, KRaft) in a child JVM on the \
                same machine. Load average %.2f at the start, %.2f at the end.

                """, started.truncatedTo(ChronoUnit.SECONDS), took.toMinutes(), took.toSecondsPart(), machine,
                loadBefore, loadAfter));
        results.forEach(result -> text.append(result.markdown()).append('\n'));
        return text.toString();
    }
}
