package dev.flowdeck.connectors.kafka;

import static dev.flowdeck.connectors.kafka.KafkaBrokerConnection.stage;

import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.TopicSummary;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Turns topic descriptions into summaries with message counts, sizes and retention, in one batch per kind of
 * request whatever the number of topics. Counts are essential; size and configuration are extras that a user
 * without the rights to them (DescribeConfigs, DescribeLogDirs) simply does not see.
 */
final class KafkaTopicReader {

    private final Admin admin;
    private final Executor worker;

    KafkaTopicReader(Admin admin, Executor worker) {
        this.admin = admin;
        this.worker = worker;
    }

    CompletionStage<List<Destination>> summarize(Map<String, TopicDescription> topics) {
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        topics.values().forEach(topic -> topic.partitions().forEach(partition -> {
            var tp = new TopicPartition(topic.name(), partition.partition());
            earliest.put(tp, OffsetSpec.earliest());
            latest.put(tp, OffsetSpec.latest());
        }));
        var starts = stage(admin.listOffsets(earliest).all());
        var ends = stage(admin.listOffsets(latest).all());
        var configs = configs(topics.keySet());
        var sizes = sizes(topics);
        return CompletableFuture.allOf(starts, ends, configs, sizes).thenApplyAsync(ignored -> {
            Map<String, Long> counts = messageCounts(starts.join(), ends.join());
            return topics.values().stream()
                    .map(topic -> summary(topic, counts, configs.join().get(topic.name()), sizes.join()))
                    .sorted(Comparator.comparing(TopicSummary::name))
                    .map(Destination.class::cast)
                    .toList();
        }, worker);
    }

    private static TopicSummary summary(TopicDescription topic, Map<String, Long> counts, Config config,
                                        Map<TopicPartition, Long> sizes) {
        long size = -1;
        if (!sizes.isEmpty()) {
            size = topic.partitions().stream()
                    .mapToLong(p -> sizes.getOrDefault(new TopicPartition(topic.name(), p.partition()), 0L)).sum();
        }
        OptionalLong retention = OptionalLong.empty();
        String cleanup = "";
        if (config != null) {
            ConfigEntry retentionMs = config.get(TopicConfig.RETENTION_MS_CONFIG);
            if (retentionMs != null && retentionMs.value() != null && !retentionMs.value().equals("-1")) {
                retention = OptionalLong.of(Long.parseLong(retentionMs.value()));
            }
            ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            cleanup = policy == null || policy.value() == null ? "" : policy.value();
        }
        return new TopicSummary(topic.name(), topic.partitions().size(),
                topic.partitions().isEmpty() ? 0 : topic.partitions().getFirst().replicas().size(),
                counts.getOrDefault(topic.name(), 0L), size, retention, cleanup);
    }

    private static Map<String, Long> messageCounts(Map<TopicPartition, ListOffsetsResultInfo> start,
                                                   Map<TopicPartition, ListOffsetsResultInfo> end) {
        Map<String, Long> counts = new HashMap<>();
        end.forEach((tp, info) -> {
            long from = start.containsKey(tp) ? start.get(tp).offset() : 0;
            counts.merge(tp.topic(), Math.max(0, info.offset() - from), Long::sum);
        });
        return counts;
    }

    private CompletableFuture<Map<String, Config>> configs(java.util.Set<String> names) {
        List<ConfigResource> resources = names.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        return stage(admin.describeConfigs(resources).all())
                .thenApply(all -> {
                    Map<String, Config> byTopic = new HashMap<>();
                    all.forEach((resource, config) -> byTopic.put(resource.name(), config));
                    return byTopic;
                })
                .exceptionally(notAllowed -> Map.of());
    }

    /** Per partition, the largest replica: near enough the leader's size, without counting replicas twice. */
    private CompletableFuture<Map<TopicPartition, Long>> sizes(Map<String, TopicDescription> topics) {
        List<Integer> brokers = topics.values().stream()
                .flatMap(topic -> topic.partitions().stream())
                .flatMap(partition -> partition.replicas().stream())
                .map(Node::id).distinct().toList();
        if (brokers.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return stage(admin.describeLogDirs(brokers).allDescriptions())
                .thenApply(byBroker -> {
                    Map<TopicPartition, Long> sizes = new HashMap<>();
                    for (Map<String, LogDirDescription> dirs : byBroker.values()) {
                        dirs.values().forEach(dir -> dir.replicaInfos().forEach((tp, replica) ->
                                sizes.merge(tp, replica.size(), Math::max)));
                    }
                    return sizes;
                })
                .exceptionally(notAllowed -> Map.of());
    }
}
