package dev.flowdeck.views.lag;

import java.util.Arrays;
import java.util.Objects;

/**
 * One line of a lag chart: a partition's (or the group's total) values over time, in epoch milliseconds. Held as
 * primitive arrays because a day of 5 s samples is 17,280 points per line.
 *
 * @param name   what the legend says: "total" or "orders-2"
 * @param times  sample times, ascending
 * @param values the values at those times, same length
 */
public record LagSeries(String name, long[] times, double[] values) {

    public LagSeries {
        Objects.requireNonNull(name, "name");
        if (times.length != values.length) {
            throw new IllegalArgumentException("times and values differ in length: " + times.length + " vs "
                    + values.length);
        }
    }

    public int size() {
        return times.length;
    }

    public boolean isEmpty() {
        return times.length == 0;
    }

    /** The index of the point nearest to {@code time}, or -1 when the series is empty. */
    public int nearest(long time) {
        if (times.length == 0) {
            return -1;
        }
        int index = Arrays.binarySearch(times, time);
        if (index >= 0) {
            return index;
        }
        int after = -index - 1;
        if (after == 0) {
            return 0;
        }
        if (after == times.length) {
            return times.length - 1;
        }
        return time - times[after - 1] <= times[after] - time ? after - 1 : after;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LagSeries series && series.name.equals(name) && Arrays.equals(series.times, times)
                && Arrays.equals(series.values, values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(times), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "LagSeries[" + name + ", " + times.length + " points]";
    }
}
