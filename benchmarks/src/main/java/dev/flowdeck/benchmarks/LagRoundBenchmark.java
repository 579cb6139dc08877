package dev.flowdeck.benchmarks;

import dev.flowdeck.connectors.kafka.KafkaBrokerConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one sampling round of every group's lag costs: Flowdeck's {@code consumerGroups()} (lag, and lag in time
 * read from the log) against a bare {@link Admin} making the same batched requests for lag alone
 * ({@link BareLagRound}), on the same groups, in alternating rounds.
 *
 * <p>Each round first moves every group's offsets somewhere no earlier round committed to (not timed), then runs
 * the bare admin, Flowdeck (every write time read from the log: its cache cannot help), and Flowdeck again with
 * nothing moved (every write time from its cache: a cluster of stalled groups). Both readers must see the same
 * groups, partitions and total lag, or the run fails.
 */
final class LagRoundBenchmark implements Benchmark {

    static final String BARE = "bare Admin, lag only";
    static final String MOVED = "Flowdeck, offsets moved since the last round";
    static final String UNCHANGED = "Flowdeck, offsets unchanged";

    private static final Logger LOG = LoggerFactory.getLogger(LagRoundBenchmark.class);

    @Override
    public String id() {
        return "lag-round";
    }

    @Override
    public LagRoundResult run(BenchmarkContext context) throws Exception {
        var options = context.options();
        LagShape shape = options.lagShape();
        int total = options.warmups() + options.rounds();
        KafkaBrokerConnection connection = context.connection();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                context.bootstrapServers()))) {
            var cluster = LagCluster.create(admin, context.bootstrapServers(), shape, total);
            List<Double> bare = new ArrayList<>();
            List<Double> moved = new ArrayList<>();
            List<Double> unchanged = new ArrayList<>();
            LagTally movedTally = null;
            LagTally unchangedTally = null;
            for (int round = 0; round < total; round++) {
                boolean warmup = round < options.warmups();
                cluster.commitRound(round);

                long started = System.nanoTime();
                LagTally bareTally = BareLagRound.read(admin);
                double bareSeconds = seconds(started);
                started = System.nanoTime();
                movedTally = flowdeck(connection);
                double movedSeconds = seconds(started);
                started = System.nanoTime();
                unchangedTally = flowdeck(connection);
                double unchangedSeconds = seconds(started);

                check(shape, bareTally, movedTally, unchangedTally);
                LOG.info("{} {}: bare {} s, Flowdeck {} s (ages {} of {}), unchanged {} s (ages {} of {})",
                        warmup ? "warm-up" : "round", warmup ? round + 1 : round - options.warmups() + 1,
                        "%.3f".formatted(bareSeconds), "%.3f".formatted(movedSeconds), movedTally.aged(),
                        movedTally.waiting(), "%.3f".formatted(unchangedSeconds), unchangedTally.aged(),
                        unchangedTally.waiting());
                if (!warmup) {
                    bare.add(bareSeconds);
                    moved.add(movedSeconds);
                    unchanged.add(unchangedSeconds);
                }
            }
            return new LagRoundResult(shape, cluster.recordsPerPartition(), options.warmups(), options.rounds(),
                    bare, moved, unchanged, movedTally, unchangedTally);
        }
    }

    private static LagTally flowdeck(KafkaBrokerConnection connection) throws Exception {
        return LagTally.of(connection.consumerGroups().toCompletableFuture().get(1, TimeUnit.MINUTES));
    }

    private static void check(LagShape shape, LagTally bare, LagTally moved,
                              LagTally unchanged) {
        for (LagTally tally : List.of(bare, moved, unchanged)) {
            if (tally.groups() != shape.groups() || tally.partitions() != shape.groupPartitions()
                    || tally.lag() != bare.lag() || tally.waiting() != shape.groupPartitions()) {
                throw new IllegalStateException("a lag round saw " + tally + "; expected " + shape.groups()
                        + " groups, " + shape.groupPartitions() + " partitions all waiting, and the bare admin's "
                        + "total lag " + bare.lag());
            }
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
