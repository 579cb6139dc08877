package dev.flowdeck.views.browser;

/**
 * One partition as the partitions table shows it.
 *
 * @param partition the partition number
 * @param low       the first offset held
 * @param high      the end offset
 * @param perSecond records arriving per second since the previous sample; -1 before there are two samples
 */
public record PartitionRow(int partition, long low, long high, double perSecond) {

    public long count() {
        return high - low;
    }
}
