package dev.flowdeck.connectors.kafka;

import static dev.flowdeck.connectors.kafka.KafkaBrokerConnection.stage;

import dev.flowdeck.core.lag.ConsumerGroupLag;
import dev.flowdeck.core.lag.PartitionLag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Lag of every consumer group in four rounds of admin requests whatever the number of groups: list the groups, then
 * describe them and fetch all their committed offsets in one batch each, then the end offsets of every partition
 * they committed to in one batch (with, alongside it, the start offsets of the same partitions, for lag in time).
 * Then the {@link TimeLagReader} adds the age of each group's oldest waiting record.
 */
final class KafkaLagReader {

    private final Admin admin;
    private final Executor worker;
    private final TimeLagReader timeLag;

    KafkaLagReader(Admin admin, Executor worker, TimeLagReader timeLag) {
        this.admin = admin;
        this.worker = worker;
        this.timeLag = timeLag;
    }

    CompletionStage<List<ConsumerGroupLag>> read() {
        return stage(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all())
                .thenComposeAsync(listings -> {
                    List<String> groups = listings.stream().map(GroupListing::groupId).sorted().toList();
                    return groups.isEmpty() ? CompletableFuture.completedFuture(List.of()) : lagOf(groups);
                }, worker);
    }

    private CompletableFuture<List<ConsumerGroupLag>> lagOf(List<String> groups) {
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
        var descriptions = stage(admin.describeConsumerGroups(groups).all());
        var committed = stage(admin.listConsumerGroupOffsets(specs).all());
        return descriptions.thenCombine(committed, Snapshot::new)
                .thenComposeAsync(snapshot -> {
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
                    snapshot.committed().values().forEach(offsets -> offsets.keySet().forEach(tp -> {
                        latest.put(tp, OffsetSpec.latest());
                        earliest.put(tp, OffsetSpec.earliest());
                    }));
                    var ends = stage(admin.listOffsets(latest).all());
                    // Only for ages, which are an extra: without them a round still has its lag.
                    var starts = stage(admin.listOffsets(earliest).all())
                            .exceptionally(failure -> Map.of());
                    return ends.thenCombineAsync(starts, (end, start) -> new Offsets(snapshot.lag(groups, end),
                            logStarts(start)), worker);
                }, worker)
                .thenCompose(offsets -> timeLag.withTimeLag(offsets.groups(), offsets.logStarts()))
                .thenApplyAsync(groupsWithAges -> groupsWithAges, worker); // never continue on the time-lag thread
    }

    private record Offsets(List<ConsumerGroupLag> groups, Map<TopicPartition, Long> logStarts) {
    }

    private static Map<TopicPartition, Long> logStarts(Map<TopicPartition, ListOffsetsResultInfo> earliest) {
        Map<TopicPartition, Long> starts = new HashMap<>();
        earliest.forEach((tp, info) -> starts.put(tp, info.offset()));
        return starts;
    }

    private record Snapshot(Map<String, ConsumerGroupDescription> descriptions,
                            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed) {

        List<ConsumerGroupLag> lag(List<String> groups, Map<TopicPartition, ListOffsetsResultInfo> ends) {
            List<ConsumerGroupLag> result = new ArrayList<>();
            for (String group : groups) {
                ConsumerGroupDescription description = descriptions.get(group);
                List<PartitionLag> partitions = new ArrayList<>();
                committed.getOrDefault(group, Map.of()).forEach((tp, offset) -> {
                    ListOffsetsResultInfo end = ends.get(tp);
                    if (end != null) {
                        partitions.add(new PartitionLag(tp.topic(), tp.partition(),
                                offset == null ? -1 : offset.offset(), end.offset()));
                    }
                });
                partitions.sort(Comparator.comparing(PartitionLag::topic).thenComparingInt(PartitionLag::partition));
                result.add(new ConsumerGroupLag(group,
                        description == null ? "Unknown" : description.groupState().toString(),
                        description == null ? 0 : description.members().size(), partitions));
            }
            return result;
        }
    }
}
