package dev.flowdeck.benchmarks;

import java.util.List;

/**
 * A key search's reach and time.
 *
 * @param topic             what was searched
 * @param scanned           records the narrowed search read
 * @param partitionSize     records in the partition the key goes to
 * @param found             records with that key (all of them, checked)
 * @param notes             what the browse told the operator
 * @param medianSeconds     the narrowed search's median time
 * @param fullMedianSeconds the same filter's median time over every partition
 * @param rounds            rounds measured
 */
public record KeySearchResult(OrderTopic topic, long scanned, long partitionSize, long found, List<String> notes,
                              double medianSeconds, double fullMedianSeconds, int rounds)
        implements BenchmarkResult {

    public KeySearchResult {
        notes = List.copyOf(notes);
    }

    @Override
    public String markdown() {
        var table = new MarkdownTable(1, "search", "records scanned", "share of the topic", "found",
                "median time", "time vs full scan");
        table.row("key `" + topic.probeKey() + "` (narrowed to partition " + topic.probePartition() + ")",
                MarkdownTable.count(scanned), percent(scanned, topic.records()), found,
                MarkdownTable.seconds(medianSeconds), MarkdownTable.ratio(medianSeconds / fullMedianSeconds));
        table.row("the same key, every partition named", MarkdownTable.count(topic.records()), "100%", found,
                MarkdownTable.seconds(fullMedianSeconds), "1.00");
        return """
                ### 2. Key search

                A key filter alone reads only the partition the default partitioner sends the key to: partition %d \
                holds %s of the topic's %s records (%s partitions), and the search scanned %s of them. Median of \
                %d alternating rounds.

                %s
                The browse said: "%s"
                """.formatted(topic.probePartition(), MarkdownTable.count(partitionSize),
                MarkdownTable.count(topic.records()), topic.partitions(), MarkdownTable.count(scanned), rounds,
                table.render(), String.join(" ", notes));
    }

    private static String percent(long part, long whole) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }
}
