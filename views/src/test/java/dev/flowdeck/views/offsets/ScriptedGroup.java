package dev.flowdeck.views.offsets;

import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.UnusedConnection;
import dev.flowdeck.core.offsets.OffsetResetPlan;
import dev.flowdeck.core.offsets.OffsetResetTarget;
import dev.flowdeck.core.offsets.PartitionId;
import dev.flowdeck.core.offsets.PartitionReset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * A connection holding one consumer group for the reset dialog's unit tests: topic "orders" with three partitions
 * of records 0 to 9, stamped one second apart from {@link #T0}, and the group committed at 5 on each. Answers on
 * the executor it is given, as a connector answers on its own threads. The real reset is tested against a broker
 * in the Kafka connector's integration tests; this only drives the view model and the dialog.
 */
final class ScriptedGroup extends UnusedConnection {

    static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    static final long END = 10;

    final Map<PartitionId, Long> committed = new ConcurrentSkipListMap<>();
    final List<OffsetResetPlan> applied = new CopyOnWriteArrayList<>();
    final List<String> threadsAnswering = new CopyOnWriteArrayList<>();
    private final Executor connectorThread;
    volatile int members;

    ScriptedGroup(Executor connectorThread) {
        this.connectorThread = connectorThread;
        for (int p = 0; p < 3; p++) {
            committed.put(new PartitionId("orders", p), 5L);
        }
    }

    @Override
    public CompletionStage<OffsetResetPlan> previewOffsetReset(String group, OffsetResetTarget target) {
        return CompletableFuture.supplyAsync(() -> {
            threadsAnswering.add(Thread.currentThread().getName());
            refuseIfActive(group, "offsets can be reset only while no consumer reads them.");
            List<PartitionReset> resets = new ArrayList<>();
            Map<PartitionId, Long> partitions = target instanceof OffsetResetTarget.Offsets(var given)
                    ? new TreeMap<>(given) : committed;
            partitions.forEach((partition, offset) -> {
                long newOffset = switch (target) {
                    case OffsetResetTarget.Earliest _ -> 0;
                    case OffsetResetTarget.Latest _ -> END;
                    case OffsetResetTarget.AtTime(var at) -> Math.clamp(
                            (at.toEpochMilli() - T0.toEpochMilli() + 999) / 1000, 0, END);
                    case OffsetResetTarget.Offsets _ -> offset;
                };
                resets.add(new PartitionReset(partition, committed.getOrDefault(partition, -1L), newOffset, END));
            });
            return new OffsetResetPlan(group, target, resets);
        }, connectorThread);
    }

    @Override
    public CompletionStage<OffsetResetPlan> resetOffsets(OffsetResetPlan plan) {
        return CompletableFuture.supplyAsync(() -> {
            refuseIfActive(plan.group(), "nothing was changed.");
            plan.partitions().forEach(reset -> committed.put(reset.partition(), reset.newOffset()));
            applied.add(plan);
            return plan;
        }, connectorThread);
    }

    private void refuseIfActive(String group, String why) {
        if (members > 0) {
            String consumers = members == 1 ? "1 consumer" : members + " consumers";
            throw new BrokerException("Group " + group + " is active (Stable, " + consumers + "): stop its "
                    + consumers + " first; " + why, null);
        }
    }

}
