package dev.flowdeck.benchmarks;

/**
 * What a long filtered scan cost the heap of a small JVM.
 *
 * @param topic           what was scanned
 * @param maxHeapFlag     the child's {@code -Xmx}
 * @param exitCode        the child's exit code (3 after an {@link OutOfMemoryError}, -1 if it was killed)
 * @param finished        whether it exited normally and reported its figures
 * @param scanned         records read
 * @param matched         records the filter passed
 * @param kept            rows kept (the first {@value HeapProbe#CAP})
 * @param notKept         matches counted but not kept
 * @param seconds         how long the scan took
 * @param poolPeakBytes   the sum of the heap pools' peaks: an upper bound on the peak heap used
 * @param maxAfterGcBytes the most heap in use right after a collection (the live set plus old garbage)
 * @param baselineBytes   heap in use after a full collection before the scan (the JVM, the client's classes)
 * @param retainedBytes   heap in use after a full collection at the end, the kept rows still held
 * @param collections     garbage collections during the run
 * @param collectors      the collectors' names
 * @param maxHeapBytes    the heap limit the child saw
 */
public record HeapResult(OrderTopic topic, String maxHeapFlag, int exitCode, boolean finished, long scanned,
                         long matched, long kept, long notKept, double seconds, long poolPeakBytes,
                         long maxAfterGcBytes, long baselineBytes, long retainedBytes, long collections,
                         String collectors, long maxHeapBytes) implements BenchmarkResult {

    public double perSecond() {
        return scanned / seconds;
    }

    @Override
    public String markdown() {
        if (!finished) {
            return """
                    ### 3. Memory

                    **The child JVM (%s) did not finish: exit code %d%s.** Its output is in heap-probe.log.
                    """.formatted(maxHeapFlag, exitCode, exitCode == 3 ? ", an OutOfMemoryError" : "");
        }
        var table = new MarkdownTable(1, "figure", "value");
        table.row("records scanned", MarkdownTable.count(scanned))
                .row("matched (regex, 1%)", MarkdownTable.count(matched))
                .row("rows kept / counted but not kept", MarkdownTable.count(kept) + " / "
                        + MarkdownTable.count(notKept))
                .row("scan rate", MarkdownTable.rate(perSecond()) + " records/s (" + MarkdownTable.seconds(seconds)
                        + ")")
                .row("peak heap used (sum of pool peaks)", MarkdownTable.mebibytes(poolPeakBytes))
                .row("most heap in use after a GC", MarkdownTable.mebibytes(maxAfterGcBytes))
                .row("heap in use before the scan (after a full GC)", MarkdownTable.mebibytes(baselineBytes))
                .row("heap in use at the end, rows still held (after a full GC)",
                        MarkdownTable.mebibytes(retainedBytes))
                .row("garbage collections", MarkdownTable.count(collections));
        return """
                ### 3. Memory

                %s records scanned with the regular expression (1%% match) in a child JVM with %s (%s, heap \
                limit %s), every match made a KeptMessage (64 KiB budget) and offered to a \
                RowWindow(%s, FIRST) whose rows a list holds, every batch added to a ScanTally. It finished \
                without an OutOfMemoryError.

                %s""".formatted(MarkdownTable.count(topic.records()), maxHeapFlag, collectors,
                MarkdownTable.mebibytes(maxHeapBytes), MarkdownTable.count(HeapProbe.CAP), table.render());
    }
}
