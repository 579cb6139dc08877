/**
 * The browser's benchmarks: a harness ({@link dev.flowdeck.benchmarks.BrowserBenchmarks}) that starts a sandbox
 * broker, produces order events and runs each {@link dev.flowdeck.benchmarks.Benchmark} against it, comparing
 * Flowdeck's browse with a bare consumer, and its lag round with a bare admin client, measured in the same run. Not
 * part of the app.
 */
package dev.flowdeck.benchmarks;
