package dev.flowdeck.benchmarks;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What one run of the harness measures and how long it takes.
 *
 * @param records     records in the topic the scan-rate and key-search benchmarks read
 * @param heapRecords records the heap benchmark's child JVM scans (its own topic unless equal to {@code records})
 * @param rounds      measured rounds per reader; the median is reported
 * @param warmups     rounds run first and thrown away (the JIT, the page cache, the broker's own warm-up)
 * @param compression the producer's {@code compression.type}: {@code none} or {@code lz4}
 * @param lagShape    the topics and groups the lag-round benchmark creates
 * @param replayEvents      dead letters the replay benchmark replays
 * @param replayConcurrency the replay's concurrency (sends waiting for a confirm at once)
 * @param only        which benchmarks to run, by {@link Benchmark#id()}; empty for all
 * @param out         where the Markdown report is written
 */
public record BenchmarkOptions(long records, long heapRecords, int rounds, int warmups, String compression,
                               LagShape lagShape, long replayEvents, int replayConcurrency, Set<String> only,
                               Path out) {

    /** The replay's events per run: the figure. */
    public static final long REPLAY_EVENTS = 100_000;
    /** The replay's concurrency unless told: the app's default (see README.md, Performance). */
    public static final int REPLAY_CONCURRENCY = dev.flowdeck.replay.ReplayOptions.DEFAULT_CONCURRENCY;

    /** Without the replay's sizes: its defaults. */
    public BenchmarkOptions(long records, long heapRecords, int rounds, int warmups, String compression,
                            LagShape lagShape, Set<String> only, Path out) {
        this(records, heapRecords, rounds, warmups, compression, lagShape, REPLAY_EVENTS, REPLAY_CONCURRENCY, only,
                out);
    }

    public BenchmarkOptions {
        if (records < 100 || heapRecords < 100) {
            throw new IllegalArgumentException("benchmarks need at least 100 records to find 1% of them");
        }
        if (rounds < 1 || warmups < 0) {
            throw new IllegalArgumentException("at least one measured round, and no negative warm-up");
        }
        if (!Set.of("none", "lz4").contains(compression)) {
            throw new IllegalArgumentException("compression is none or lz4, was " + compression);
        }
        Objects.requireNonNull(lagShape, "lagShape");
        if (replayEvents < 1 || replayConcurrency < 1) {
            throw new IllegalArgumentException("a replay needs at least one event and one send at a time");
        }
        only = Set.copyOf(only);
    }

    /** The full run: what README.md reports. */
    public static BenchmarkOptions defaults() {
        return new BenchmarkOptions(1_000_000, 5_000_000, 7, 1, "none", LagShape.FULL, Set.of(),
                Path.of("target", "results.md"));
    }

    public boolean runs(Benchmark benchmark) {
        return only.isEmpty() || only.contains(benchmark.id());
    }

    /**
     * {@code --records 1m --heap-records 5m --rounds 5 --warmup 1 --compression none --lag-shape 10x50x500
     * --replay-events 100k --replay-concurrency 1000 --only scan-rate,heap --out target/results.md}; counts take {@code k} and {@code m} suffixes and {@code _}
     * separators.
     */
    public static BenchmarkOptions parse(String... args) {
        var defaults = defaults();
        long records = defaults.records;
        long heapRecords = defaults.heapRecords;
        int rounds = defaults.rounds;
        int warmups = defaults.warmups;
        String compression = defaults.compression;
        LagShape lagShape = defaults.lagShape;
        long replayEvents = defaults.replayEvents;
        int replayConcurrency = defaults.replayConcurrency;
        Set<String> only = defaults.only;
        Path out = defaults.out;
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[i + 1];
            switch (name) {
                case "--records" -> records = count(value);
                case "--heap-records" -> heapRecords = count(value);
                case "--rounds" -> rounds = Math.toIntExact(count(value));
                case "--warmup" -> warmups = Math.toIntExact(count(value));
                case "--compression" -> compression = value.toLowerCase(Locale.ROOT);
                case "--lag-shape" -> lagShape = LagShape.parse(value);
                case "--replay-events" -> replayEvents = count(value);
                case "--replay-concurrency" -> replayConcurrency = Math.toIntExact(count(value));
                case "--only" -> only = Set.copyOf(Arrays.asList(value.split(",")));
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + name + "; known: --records, "
                        + "--heap-records, --rounds, --warmup, --compression, --lag-shape, --replay-events, "
                        + "--replay-concurrency, --only, --out");
            }
        }
        return new BenchmarkOptions(records, heapRecords, rounds, warmups, compression, lagShape, replayEvents,
                replayConcurrency, only, out);
    }

    static long count(String text) {
        String digits = text.replace("_", "").toLowerCase(Locale.ROOT);
        long unit = 1;
        if (digits.endsWith("k")) {
            unit = 1_000;
        } else if (digits.endsWith("m")) {
            unit = 1_000_000;
        }
        if (unit > 1) {
            digits = digits.substring(0, digits.length() - 1);
        }
        return Long.parseLong(digits) * unit;
    }
}
