package dev.flowdeck.store;

import java.util.Arrays;

/**
 * What a segment last said about one group: its partitions (topic name ids and numbers, in the group's order) and
 * their offsets. The next block of the group is written against it: "same partitions as before" instead of the
 * list, and each offset as the difference from the one here.
 */
final class GroupTrack {

    final int[] topics;
    final int[] partitions;
    final long[] committed;
    final long[] end;

    GroupTrack(int[] topics, int[] partitions) {
        this.topics = topics;
        this.partitions = partitions;
        this.committed = new long[topics.length];
        this.end = new long[topics.length];
    }

    int size() {
        return topics.length;
    }

    boolean sameLayout(int[] otherTopics, int[] otherPartitions) {
        return Arrays.equals(topics, otherTopics) && Arrays.equals(partitions, otherPartitions);
    }

    /**
     * A track for a new list of partitions whose offsets start from this one's where a partition was already there,
     * else from zero, so a group that gains a partition still writes small deltas for the others.
     */
    GroupTrack relayout(int[] newTopics, int[] newPartitions) {
        var next = new GroupTrack(newTopics, newPartitions);
        var previous = new java.util.HashMap<Long, Integer>();
        for (int i = 0; i < size(); i++) {
            previous.putIfAbsent(key(topics[i], partitions[i]), i);
        }
        for (int i = 0; i < next.size(); i++) {
            Integer old = previous.get(key(newTopics[i], newPartitions[i]));
            if (old != null) {
                next.committed[i] = committed[old];
                next.end[i] = end[old];
            }
        }
        return next;
    }

    static GroupTrack empty() {
        return new GroupTrack(new int[0], new int[0]);
    }

    private static long key(int topic, int partition) {
        return (long) topic << 32 | (partition & 0xFFFF_FFFFL);
    }
}
