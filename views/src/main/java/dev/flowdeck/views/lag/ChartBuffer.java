package dev.flowdeck.views.lag;

import dev.flowdeck.core.lag.GroupSample;
import dev.flowdeck.core.lag.PartitionLag;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The selected group's history as the chart needs it: one growable line per partition plus the group's total,
 * each holding both metrics, so switching between messages and seconds needs no reload.
 *
 * <p>Confined to the FX thread, except that a freshly loaded buffer is built off it and then handed over whole.
 */
final class ChartBuffer {

    static final String TOTAL = "total";

    private final Map<String, Line> lines = new LinkedHashMap<>();
    private long newest = Long.MIN_VALUE;

    ChartBuffer() {
        lines.put(TOTAL, new Line());
    }

    static ChartBuffer of(List<GroupSample> samples) {
        var buffer = new ChartBuffer();
        samples.forEach(buffer::add);
        return buffer;
    }

    /** Adds a sample newer than every one held; older ones (already loaded from the store) are ignored. */
    void add(GroupSample sample) {
        long at = sample.at().toEpochMilli();
        if (at <= newest) {
            return;
        }
        newest = at;
        Instant now = sample.at();
        Optional<Duration> maxAge = sample.lag().maxTimeLag(now);
        lines.get(TOTAL).add(at, sample.lag().totalLag(), seconds(maxAge));
        for (PartitionLag partition : sample.lag().partitions()) {
            lines.computeIfAbsent(partition.label(), label -> new Line())
                    .add(at, partition.lag(), seconds(partition.timeLag(now)));
        }
    }

    void dropBefore(Instant oldest) {
        long cut = oldest.toEpochMilli();
        lines.values().forEach(line -> line.dropBefore(cut));
    }

    int points() {
        return lines.get(TOTAL).size;
    }

    /** Every line, the total first, each thinned to at most twice {@code buckets} points. */
    List<LagSeries> series(ChartMetric metric, int buckets) {
        List<LagSeries> result = new ArrayList<>();
        lines.forEach((name, line) -> result.add(Downsample.minMax(line.series(name, metric), buckets)));
        return result;
    }

    /** An unknown age is a gap in the line, not a zero. */
    private static double seconds(Optional<Duration> age) {
        return age.map(span -> span.toMillis() / 1000.0).orElse(Double.NaN);
    }

    private static final class Line {
        long[] times = new long[64];
        double[] messages = new double[64];
        double[] seconds = new double[64];
        int size;

        void add(long at, double lag, double age) {
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                messages = Arrays.copyOf(messages, size * 2);
                seconds = Arrays.copyOf(seconds, size * 2);
            }
            times[size] = at;
            messages[size] = lag;
            seconds[size++] = age;
        }

        void dropBefore(long cut) {
            int first = 0;
            while (first < size && times[first] < cut) {
                first++;
            }
            if (first > 0) {
                System.arraycopy(times, first, times, 0, size - first);
                System.arraycopy(messages, first, messages, 0, size - first);
                System.arraycopy(seconds, first, seconds, 0, size - first);
                size -= first;
            }
        }

        LagSeries series(String name, ChartMetric metric) {
            return new LagSeries(name, Arrays.copyOf(times, size),
                    Arrays.copyOf(metric == ChartMetric.MESSAGES ? messages : seconds, size));
        }
    }
}
