package dev.flowdeck.benchmarks;

import java.util.Map;

/**
 * A topic of order events as produced for a run, with what the benchmarks check their counts against.
 *
 * @param name              the topic
 * @param records           records in it
 * @param partitionSizes    records per partition (end offsets; the topic starts at offset 0)
 * @param probeKey          the key a key search looks for: the order in the middle of the topic
 * @param probePartition    the partition the producer reported for that key's records
 * @param probeRecords      how many records carry that key
 * @param averageValueBytes the mean size of a value
 * @param produceSeconds    how long producing took
 */
public record OrderTopic(String name, long records, Map<Integer, Long> partitionSizes, String probeKey,
                         int probePartition, long probeRecords, double averageValueBytes, double produceSeconds) {

    public OrderTopic {
        partitionSizes = Map.copyOf(partitionSizes);
    }

    public int partitions() {
        return partitionSizes.size();
    }

    /** Records the regular expression finds. */
    public long disputed() {
        return OrderEvents.disputedAmong(records);
    }

    /** Records the JSONPath predicate finds. */
    public long big() {
        return OrderEvents.bigAmong(records);
    }
}
