package dev.flowdeck.benchmarks;

/**
 * One measurement of the browser. Each gets the run's shared broker and topics through its
 * {@link BenchmarkContext} and answers with a result that renders itself as a section of the report; the harness
 * runs them one after the other, never two at once (each wants both cores).
 */
public interface Benchmark {

    /** Short and stable, for {@code --only}: {@code scan-rate}, {@code key-search}, {@code heap}. */
    String id();

    BenchmarkResult run(BenchmarkContext context) throws Exception;
}
