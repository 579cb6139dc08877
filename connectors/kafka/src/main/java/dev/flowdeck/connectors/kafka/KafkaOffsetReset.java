package dev.flowdeck.connectors.kafka;

import static dev.flowdeck.connectors.kafka.KafkaBrokerConnection.stage;

import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.lag.Spoken;
import dev.flowdeck.core.offsets.OffsetResetPlan;
import dev.flowdeck.core.offsets.OffsetResetTarget;
import dev.flowdeck.core.offsets.PartitionId;
import dev.flowdeck.core.offsets.PartitionReset;
import dev.flowdeck.core.publish.ReadOnlyProfileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownMemberIdException;

/**
 * Previews and applies a reset of one consumer group's committed offsets. A preview reads the group (it must have no
 * members), its committed offsets and the partitions' earliest and latest offsets (and those at a time), in one admin
 * request each; applying checks the group is still empty, then commits exactly the plan's offsets.
 *
 * <p>Like the rest of the connector, nothing runs on the admin client's I/O thread beyond issuing the next request.
 */
final class KafkaOffsetReset {

    private final Admin admin;
    private final Executor worker;
    private final ConnectionProfile profile;

    KafkaOffsetReset(Admin admin, Executor worker, ConnectionProfile profile) {
        this.admin = admin;
        this.worker = worker;
        this.profile = profile;
    }

    CompletionStage<OffsetResetPlan> preview(String group, OffsetResetTarget target) {
        if (profile.readOnly()) {
            return refusedOnReadOnly(group);
        }
        var description = describe(group);
        var committed = stage(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        return description.thenCombineAsync(committed, (activity, offsets) -> {
                    activity.requireInactive("offsets can be reset only while no consumer reads them.");
                    return offsets;
                }, worker)
                .thenComposeAsync(offsets -> plan(group, target, offsets), worker);
    }

    CompletionStage<OffsetResetPlan> apply(OffsetResetPlan plan) {
        if (profile.readOnly()) {
            return refusedOnReadOnly(plan.group());
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        plan.partitions().forEach(reset -> offsets.put(kafka(reset.partition()), new OffsetAndMetadata(
                reset.newOffset())));
        return describe(plan.group())
                .thenComposeAsync(activity -> {
                    activity.requireInactive("nothing was changed.");
                    return stage(admin.alterConsumerGroupOffsets(plan.group(), offsets).all());
                }, worker)
                .thenApplyAsync(done -> plan, worker)
                .exceptionallyCompose(failure -> {
                    Throwable cause = Failures.unwrap(failure);
                    if (cause instanceof GroupNotEmptyException || cause instanceof UnknownMemberIdException) {
                        // A consumer joined between the check and the commit: the broker refused the whole commit.
                        return CompletableFuture.failedFuture(new BrokerException("Group " + plan.group()
                                + " has consumers again: stop them first; nothing was changed.", cause));
                    }
                    return CompletableFuture.failedFuture(failure);
                });
    }

    /** Whether anyone consumes in the group now. */
    private record Activity(String group, String state, int members) {

        void requireInactive(String why) {
            if (members > 0) {
                String consumers = members == 1 ? "1 consumer" : members + " consumers";
                throw new BrokerException("Group " + group + " is active (" + state + ", " + consumers
                        + "): stop its " + consumers + " first; " + why, null);
            }
        }
    }

    private CompletableFuture<Activity> describe(String group) {
        return stage(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group))
                .thenApplyAsync(described -> new Activity(group, described.groupState().toString(),
                        described.members().size()), worker)
                .exceptionallyCompose(failure -> Failures.unwrap(failure) instanceof GroupIdNotFoundException
                        // A group that never committed: nobody is in it, and given offsets may create it.
                        ? CompletableFuture.completedFuture(new Activity(group, "unknown", 0))
                        : CompletableFuture.failedFuture(failure));
    }

    private CompletableFuture<OffsetResetPlan> plan(String group, OffsetResetTarget target,
                                                    Map<TopicPartition, OffsetAndMetadata> committed) {
        List<TopicPartition> partitions = new ArrayList<>();
        if (target instanceof OffsetResetTarget.Offsets given) {
            given.sorted().keySet().forEach(partition -> partitions.add(kafka(partition)));
        } else {
            committed.keySet().stream().sorted(Comparator.comparing(TopicPartition::topic)
                    .thenComparingInt(TopicPartition::partition)).forEach(partitions::add);
            if (partitions.isEmpty()) {
                return CompletableFuture.failedFuture(new BrokerException("Group " + group + " has no committed "
                        + "offsets on " + profile.address() + ", so there is nothing to move "
                        + target.describe() + ". Give the partitions and their offsets instead.", null));
            }
        }
        var earliest = offsets(partitions, OffsetSpec.earliest());
        var latest = offsets(partitions, OffsetSpec.latest());
        var atTime = target instanceof OffsetResetTarget.AtTime(var at)
                ? offsets(partitions, OffsetSpec.forTimestamp(at.toEpochMilli()))
                : CompletableFuture.completedFuture(Map.<TopicPartition, ListOffsetsResultInfo>of());
        return CompletableFuture.allOf(earliest, latest, atTime).thenApplyAsync(ignored -> {
            List<PartitionReset> resets = new ArrayList<>();
            List<String> outOfRange = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                long start = earliest.join().get(tp).offset();
                long end = latest.join().get(tp).offset();
                OffsetAndMetadata current = committed.get(tp);
                long newOffset = switch (target) {
                    case OffsetResetTarget.Earliest _ -> start;
                    case OffsetResetTarget.Latest _ -> end;
                    // -1: no record at or after the time; the group then starts at the end, as a consumer would.
                    case OffsetResetTarget.AtTime _ -> atTime.join().get(tp).offset() < 0 ? end
                            : atTime.join().get(tp).offset();
                    case OffsetResetTarget.Offsets given -> given.offsets().get(id(tp));
                };
                if (newOffset < start || newOffset > end) {
                    outOfRange.add(tp.topic() + "-" + tp.partition() + " holds offsets " + Spoken.count(start)
                            + " to " + Spoken.count(end) + ", not " + Spoken.count(newOffset));
                }
                resets.add(new PartitionReset(id(tp), current == null ? -1 : current.offset(), newOffset, end));
            }
            if (!outOfRange.isEmpty()) {
                throw new BrokerException("Offsets outside the partitions' records: " + String.join("; ", outOfRange)
                        + ".", null);
            }
            return new OffsetResetPlan(group, target, resets);
        }, worker);
    }

    private CompletableFuture<Map<TopicPartition, ListOffsetsResultInfo>> offsets(List<TopicPartition> partitions,
                                                                                 OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        return stage(admin.listOffsets(request).all());
    }

    private <T> CompletionStage<T> refusedOnReadOnly(String group) {
        return CompletableFuture.failedFuture(new ReadOnlyProfileException(profile.name(),
                "resetting the offsets of group " + group));
    }

    private static TopicPartition kafka(PartitionId partition) {
        return new TopicPartition(partition.topic(), partition.partition());
    }

    private static PartitionId id(TopicPartition partition) {
        return new PartitionId(partition.topic(), partition.partition());
    }
}
