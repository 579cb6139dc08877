package dev.flowdeck.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The least a client can do for every group's lag, and the yardstick of the lag-round benchmark: a bare
 * {@link Admin} making the same batched requests as Flowdeck's lag reader (list the groups; describe them and fetch
 * all their committed offsets, one request each; the end offsets of every partition in one request), blocking on
 * each, with no lag in time.
 */
final class BareLagRound {

    private BareLagRound() {
    }

    static LagTally read(Admin admin) throws Exception {
        List<String> groups = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()
                .get(1, TimeUnit.MINUTES).stream().map(GroupListing::groupId).toList();
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
        var descriptions = admin.describeConsumerGroups(groups).all();
        var offsets = admin.listConsumerGroupOffsets(specs).all();
        descriptions.get(1, TimeUnit.MINUTES);
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = offsets.get(1, TimeUnit.MINUTES);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.values().forEach(group -> group.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(1, TimeUnit.MINUTES);
        int partitions = 0;
        long lag = 0;
        int waiting = 0;
        for (var group : committed.values()) {
            for (var partition : group.entrySet()) {
                long behind = Math.max(0, ends.get(partition.getKey()).offset() - partition.getValue().offset());
                partitions++;
                lag += behind;
                waiting += behind > 0 ? 1 : 0;
            }
        }
        return new LagTally(groups.size(), partitions, lag, waiting, 0);
    }
}
