package dev.flowdeck.benchmarks;

import dev.flowdeck.core.concurrent.NamedThreadFactory;
import dev.flowdeck.core.trace.Chain;
import dev.flowdeck.core.trace.ChainIndex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * Traced event chains (decision 0017): how fast the {@code Indexer} fills a {@code ChainIndex} from five topics,
 * against a bare consumer reading the same records in the same run (rounds alternate), and how long a chain takes
 * to look up afterwards, by trace id and by correlation key. The targets: at least 0.8 of the bare rate,
 * and a lookup within 50 ms after indexing 1,000,000 events.
 */
final class TraceIndexBenchmark implements Benchmark {

    static final String RAW = "bare KafkaConsumer";
    static final String INDEXER = "Indexer into a ChainIndex";
    static final String PLAIN = "Flowdeck plain scan, no index";

    /** Lookups of each kind, spread evenly over the orders (fewer when there are fewer orders). */
    static final int LOOKUPS = 10_000;

    @Override
    public String id() {
        return "trace-index";
    }

    @Override
    public TraceIndexResult run(BenchmarkContext context) throws Exception {
        var options = context.options();
        var topics = context.tracedOrders(options.records());
        Duration timeout = Duration.ofMinutes(10);
        var last = new AtomicReference<ChainIndex>();
        // The browses' reading threads, per indexer round, warm-ups first.
        List<Double> readingMicros = new ArrayList<>();
        // The whole process's CPU a record, per round of each reader, warm-ups first (the collector and the compiler
        // too).
        List<Double> bareProcessMicros = new ArrayList<>();
        List<Double> indexerProcessMicros = new ArrayList<>();
        // The broker's too (its child JVM): on two cores, the harness and the broker share them.
        List<Double> bareBrokerMicros = new ArrayList<>();
        List<Double> indexerBrokerMicros = new ArrayList<>();
        try (var indexing = Executors.newSingleThreadExecutor(new NamedThreadFactory("benchmarks-indexer"));
             var waiting = Executors.newCachedThreadPool(new NamedThreadFactory("benchmarks-plain-scan"))) {
            Map<String, List<ScanRun>> runs = AlternatingRounds.run(List.of(
                    new AlternatingRounds.Reader(RAW, () -> withProcessCpu(bareProcessMicros, bareBrokerMicros,
                            () -> RawConsumerScan.run(context.bootstrapServers(), topics.topicPartitions()))),
                    new AlternatingRounds.Reader(INDEXER, () -> withProcessCpu(indexerProcessMicros,
                            indexerBrokerMicros, () -> {
                        last.set(null); // let the previous round's index go before this one fills
                        IndexRun run = IndexRun.run(context.connection(), topics.names(), indexing, timeout);
                        last.set(run.index());
                        readingMicros.add(run.readingCpu().toNanos() / 1e3 / run.scan().scanned());
                        return run.scan();
                    })),
                    new AlternatingRounds.Reader(PLAIN,
                            () -> PlainScans.run(context.connection(), topics.names(), waiting, timeout))),
                    options.warmups(), options.rounds());
            for (var entry : runs.entrySet()) {
                for (ScanRun run : entry.getValue()) {
                    if (run.scanned() != topics.records() || run.matched() != topics.records()) {
                        throw new IllegalStateException(entry.getKey() + " read " + run.scanned() + " and kept "
                                + run.matched() + "; expected " + topics.records() + " of both");
                    }
                }
            }
            ChainIndex index = last.get();
            long graphStarted = System.nanoTime();
            int edges = index.flowGraph().edges().size();
            Duration graph = Duration.ofNanos(System.nanoTime() - graphStarted);
            long orders = topics.orders();
            int lookups = (int) Math.min(LOOKUPS, orders);
            Lookups byTrace = lookups(orders, lookups, order -> index.byTraceId(OrderEvents.traceId(order)));
            Lookups byKey = lookups(orders, lookups,
                    order -> index.byKey(OrderEvents.orderId(order * OrderEvents.EVENTS_PER_ORDER)));
            return new TraceIndexResult(topics, options.warmups(), options.rounds(), runs.get(RAW), runs.get(PLAIN),
                    runs.get(INDEXER), readingMicros.subList(options.warmups(), readingMicros.size()),
                    bareProcessMicros.subList(options.warmups(), bareProcessMicros.size()),
                    indexerProcessMicros.subList(options.warmups(), indexerProcessMicros.size()),
                    bareBrokerMicros.subList(options.warmups(), bareBrokerMicros.size()),
                    indexerBrokerMicros.subList(options.warmups(), indexerBrokerMicros.size()), index.size(),
                    index.bytes(), graph, edges, byTrace, byKey);
        }
    }

    /**
     * Runs {@code read}, adding the CPU µs a record meanwhile of the harness process to {@code process} and of its
     * child processes (the sandbox broker's JVM) to {@code broker}.
     */
    private static ScanRun withProcessCpu(List<Double> process, List<Double> broker, Supplier<ScanRun> read) {
        ProcessCost before = ProcessCost.now();
        long brokerBefore = childrenCpuNanos();
        ScanRun run = read.get();
        process.add((ProcessCost.now().cpuNanos() - before.cpuNanos()) / 1e3 / run.scanned());
        broker.add((childrenCpuNanos() - brokerBefore) / 1e3 / run.scanned());
        return run;
    }

    /** The CPU time of every process this one started and that still runs (where the OS says; else 0). */
    private static long childrenCpuNanos() {
        return ProcessHandle.current().descendants()
                .mapToLong(child -> child.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
    }

    /**
     * Looks up {@code count} orders spread evenly over {@code orders}, timing each; every chain found must hold the
     * order's five events (the first rounds include the JIT's warm-up, and stay in the figures).
     */
    private static Lookups lookups(long orders, int count, LongFunction<Optional<Chain>> lookup) {
        long[] nanos = new long[count];
        long events = 0;
        for (int n = 0; n < count; n++) {
            long order = n * orders / count;
            long started = System.nanoTime();
            Optional<Chain> chain = lookup.apply(order);
            nanos[n] = System.nanoTime() - started;
            int size = chain.map(found -> found.events().size()).orElse(0);
            if (size != OrderEvents.EVENTS_PER_ORDER) {
                throw new IllegalStateException("order " + order + " has a chain of " + size + " events, not "
                        + OrderEvents.EVENTS_PER_ORDER);
            }
            events += size;
        }
        return Lookups.of(nanos, events);
    }
}
