package dev.flowdeck.benchmarks;

/** What one benchmark found, as typed figures (for the smoke test) and as a section of the Markdown report. */
public interface BenchmarkResult {

    /** The section: a {@code ###} heading, a sentence on what was measured, a table, notes. */
    String markdown();
}
