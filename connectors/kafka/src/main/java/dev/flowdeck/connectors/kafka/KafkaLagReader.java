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
 * Lag of every consumer group in four admin requests whatever the number of groups: list the groups, then
 * describe them and fetch all their committed offsets in one batch each, then the end offsets of every partition
 * they committed to in one batch.
 */
final class KafkaLagReader {

    private final Admin admin;
    private final Executor worker;

    KafkaLagReader(Admin admin, Executor worker) {
        this.admin = admin;
        this.worker = worker;
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
                    snapshot.committed().values().forEach(offsets ->
                            offsets.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest())));
                    return stage(admin.listOffsets(latest).all())
                            .thenApplyAsync(ends -> snapshot.lag(groups, ends), worker);
                }, worker);
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
