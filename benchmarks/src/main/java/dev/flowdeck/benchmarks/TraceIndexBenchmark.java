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

/**
 * Traced event chains (decision 0017): how fast the {@code Indexer} fills a {@code ChainIndex} from five topics,
 * against a bare consumer reading the same records in the same run (rounds alternate), and how long a chain takes
 * to look up afterwards, by trace id and by correlation key. The targets: at least 0.8 of the bare rate,
 * and a lookup within 50 ms after indexing 1,000,000 events.
 */
final class TraceIndexBenchmark implements Benchmark {

    static final String RAW = "bare KafkaConsumer";
    static final String INDEXER = "Indexer into a ChainIndex";

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
        List<Double> poolMicros = new ArrayList<>(); // per indexer round, warm-ups first
        try (var indexing = Executors.newSingleThreadExecutor(new NamedThreadFactory("benchmarks-indexer"))) {
            Map<String, List<ScanRun>> runs = AlternatingRounds.run(List.of(
                    new AlternatingRounds.Reader(RAW,
                            () -> RawConsumerScan.run(context.bootstrapServers(), topics.topicPartitions())),
                    new AlternatingRounds.Reader(INDEXER, () -> {
                        last.set(null); // let the previous round's index go before this one fills
                        IndexRun run = IndexRun.run(context.connection(), topics.names(), indexing, timeout);
                        last.set(run.index());
                        poolMicros.add(run.poolCpu().toNanos() / 1e3 / run.scan().scanned());
                        return run.scan();
                    })), options.warmups(), options.rounds());
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
            return new TraceIndexResult(topics, options.warmups(), options.rounds(), runs.get(RAW),
                    runs.get(INDEXER), poolMicros.subList(options.warmups(), poolMicros.size()), index.size(), index.bytes(),
                    graph, edges, byTrace, byKey);
        }
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
