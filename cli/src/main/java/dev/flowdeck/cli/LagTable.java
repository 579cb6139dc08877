package dev.flowdeck.cli;

import dev.flowdeck.core.lag.GroupVerdict;
import dev.flowdeck.core.lag.MonitorUpdate;
import dev.flowdeck.core.lag.PartitionVerdict;
import dev.flowdeck.core.lag.Spoken;
import java.io.PrintStream;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A sample for reading in a terminal: a heading with the time, a row per group with the numbers the desktop's lag
 * view shows, and under each row the sentence that explains its status. Unlike the message table, a sample is whole
 * before it is written, so the columns are measured to fit it. An age nobody could read is "unknown", never 0.
 */
final class LagTable implements LagReport {

    private static final String GAP = "  ";
    private static final List<String> GROUP_HEADER =
            List.of("GROUP", "STATUS", "LAG", "TIME LAG", "TREND", "CATCH-UP", "MEMBERS", "STATE");
    private static final boolean[] GROUP_RIGHT = {false, false, true, true, false, true, true, false};
    private static final List<String> PARTITION_HEADER =
            List.of("PARTITION", "COMMITTED", "END", "LAG", "TIME LAG", "TREND", "CATCH-UP");
    private static final boolean[] PARTITION_RIGHT = {false, true, true, true, true, false, true};

    private final PrintStream out;
    private final String cluster;
    private final boolean watch;
    private final boolean partitions;
    private long samples;

    /**
     * @param watch      number the samples in their headings
     * @param partitions add each group's partitions under its explanation
     */
    LagTable(PrintStream out, String cluster, boolean watch, boolean partitions) {
        this.out = out;
        this.cluster = cluster;
        this.watch = watch;
        this.partitions = partitions;
    }

    @Override
    public void write(MonitorUpdate sample) {
        samples++;
        if (samples > 1) {
            out.println();
        }
        out.println("Consumer lag on " + cluster + " at " + sample.round().at().truncatedTo(ChronoUnit.SECONDS)
                + (watch ? " (sample " + samples + ")" : ""));
        if (sample.verdicts().isEmpty()) {
            out.println("No consumer groups.");
            out.flush();
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(GROUP_HEADER);
        sample.verdicts().forEach(verdict -> rows.add(row(verdict)));
        int[] widths = widths(rows);
        out.println(aligned(GROUP_HEADER, widths, GROUP_RIGHT));
        for (int i = 0; i < sample.verdicts().size(); i++) {
            GroupVerdict verdict = sample.verdicts().get(i);
            out.println(aligned(rows.get(i + 1), widths, GROUP_RIGHT));
            out.println(GAP + verdict.explanation());
            if (partitions && !verdict.partitions().isEmpty()) {
                writePartitions(verdict.partitions());
            }
        }
        out.flush();
    }

    private void writePartitions(List<PartitionVerdict> verdicts) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(PARTITION_HEADER);
        for (PartitionVerdict partition : verdicts) {
            long committed = partition.partition().committed();
            rows.add(List.of(partition.partition().label(), committed < 0 ? "none" : Spoken.count(committed),
                    Spoken.count(partition.partition().end()), Spoken.count(partition.lag()),
                    age(partition.timeLag()), partition.trend().label(), catchUp(partition.catchUp())));
        }
        int[] widths = widths(rows);
        for (List<String> row : rows) {
            out.println(GAP + GAP + aligned(row, widths, PARTITION_RIGHT));
        }
    }

    private static List<String> row(GroupVerdict verdict) {
        return List.of(verdict.name(), verdict.status().label(), Spoken.count(verdict.lag()), age(verdict.timeLag()),
                verdict.trend().label(), catchUp(verdict.catchUp()), Integer.toString(verdict.group().members()),
                verdict.group().state());
    }

    /** How long the oldest waiting record has waited; "unknown" where the connector could not tell. */
    static String age(Optional<Duration> timeLag) {
        return timeLag.map(Spoken::span).orElse("unknown");
    }

    /** "-" when it is not catching up at the window's rates (or the window has too little to tell). */
    static String catchUp(Optional<Duration> eta) {
        return eta.map(Spoken::span).orElse("-");
    }

    private static int[] widths(List<List<String>> rows) {
        int[] widths = new int[rows.getFirst().size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        return widths;
    }

    /** The cells padded to their column's width; the last column is not padded, so no line ends in spaces. */
    private static String aligned(List<String> cells, int[] widths, boolean[] right) {
        var line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String padding = " ".repeat(widths[i] - cell.length());
            if (i > 0) {
                line.append(GAP);
            }
            if (right[i]) {
                line.append(padding).append(cell);
            } else {
                line.append(cell).append(i == cells.size() - 1 ? "" : padding);
            }
        }
        return line.toString();
    }
}
