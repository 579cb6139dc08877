package dev.flowdeck.views.lag;

/**
 * Thins a long series for drawing while keeping its peaks: the range is cut into buckets and each bucket keeps
 * its lowest and its highest point, in time order. A lag spike that lasted one sample in a day still shows; an
 * average or every-nth sample would hide exactly the moment an operator looks for. Unknown values (NaN) are gaps:
 * they never win a bucket's minimum or maximum, and a bucket of nothing but gaps keeps one gap.
 */
public final class Downsample {

    private Downsample() {
    }

    /**
     * @param buckets how many buckets (the result has at most twice as many points); a series already that short is
     *                returned as it is
     */
    public static LagSeries minMax(LagSeries series, int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("at least one bucket, was " + buckets);
        }
        int size = series.size();
        if (size <= 2L * buckets) {
            return series;
        }
        long[] times = new long[2 * buckets];
        double[] values = new double[2 * buckets];
        int kept = 0;
        long first = series.times()[0];
        long last = series.times()[size - 1];
        double width = (double) (last - first + 1) / buckets;
        int i = 0;
        for (int bucket = 0; bucket < buckets && i < size; bucket++) {
            long bucketEnd = first + (long) Math.ceil(width * (bucket + 1));
            int low = -1;
            int high = -1;
            int gap = -1;
            for (; i < size && (series.times()[i] < bucketEnd || bucket == buckets - 1); i++) {
                if (Double.isNaN(series.values()[i])) {
                    gap = gap < 0 ? i : gap;
                    continue;
                }
                if (low < 0 || series.values()[i] < series.values()[low]) {
                    low = i;
                }
                if (high < 0 || series.values()[i] > series.values()[high]) {
                    high = i;
                }
            }
            if (low < 0) {
                if (gap >= 0) { // only unknown values here: keep one, so the line shows a gap
                    times[kept] = series.times()[gap];
                    values[kept++] = Double.NaN;
                }
                continue; // no samples at all in this bucket: nothing to keep
            }
            int earlier = Math.min(low, high);
            int later = Math.max(low, high);
            times[kept] = series.times()[earlier];
            values[kept++] = series.values()[earlier];
            if (later != earlier) {
                times[kept] = series.times()[later];
                values[kept++] = series.values()[later];
            }
        }
        return new LagSeries(series.name(), java.util.Arrays.copyOf(times, kept), java.util.Arrays.copyOf(values, kept));
    }
}
