package dev.flowdeck.benchmarks;

import java.util.Locale;

/**
 * The cluster the lag-round benchmark builds: {@code topics} topics of {@code partitions} partitions each, and
 * {@code groups} consumer groups, each with offsets committed on every partition of one of the topics.
 */
public record LagShape(int topics, int partitions, int groups) {

    /** The figure: 500 groups × 50 partitions, over 10 topics of 50 partitions. */
    public static final LagShape FULL = new LagShape(10, 50, 500);

    public LagShape {
        if (topics < 1 || partitions < 1 || groups < topics) {
            throw new IllegalArgumentException("at least one topic and partition, and a group for every topic: "
                    + topics + " topics, " + partitions + " partitions, " + groups + " groups");
        }
    }

    /** {@code 10x50x500}: topics × partitions per topic × groups. */
    static LagShape parse(String text) {
        String[] parts = text.toLowerCase(Locale.ROOT).split("x");
        if (parts.length != 3) {
            throw new IllegalArgumentException("--lag-shape is TOPICSxPARTITIONSxGROUPS, e.g. 10x50x500; not " + text);
        }
        return new LagShape(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                Integer.parseInt(parts[2].trim()));
    }

    int groupPartitions() {
        return groups * partitions;
    }

    @Override
    public String toString() {
        return topics + "x" + partitions + "x" + groups;
    }
}
