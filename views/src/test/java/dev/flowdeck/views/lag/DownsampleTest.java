package dev.flowdeck.views.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DownsampleTest {

    private static LagSeries series(int points, java.util.function.IntToDoubleFunction value) {
        long[] times = new long[points];
        double[] values = new double[points];
        for (int i = 0; i < points; i++) {
            times[i] = 1_000_000L + i * 5_000L;
            values[i] = value.applyAsDouble(i);
        }
        return new LagSeries("total", times, values);
    }

    @Test
    void aDayOfSamplesBecomesAtMostTwoPointsPerBucketKeepingTheSpike() {
        var day = series(17_280, i -> i == 9_001 ? 50_000 : 100 + i % 7);
        LagSeries thin = Downsample.minMax(day, 600);
        assertThat(thin.size()).isLessThanOrEqualTo(1_200).isGreaterThan(1_000);
        assertThat(Arrays.stream(thin.values()).max().orElseThrow()).isEqualTo(50_000);
        assertThat(Arrays.stream(thin.values()).min().orElseThrow()).isEqualTo(100);
        for (int i = 1; i < thin.size(); i++) {
            assertThat(thin.times()[i]).as("time order").isGreaterThan(thin.times()[i - 1]);
        }
        assertThat(thin.times()[0]).isEqualTo(day.times()[0]);
    }

    @Test
    void aShortSeriesIsLeftAlone() {
        var shortOne = series(100, i -> i);
        assertThat(Downsample.minMax(shortOne, 50)).isSameAs(shortOne);
        assertThatThrownBy(() -> Downsample.minMax(shortOne, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gapsInTheSamplesLeaveEmptyBucketsOut() {
        long[] times = {0, 1, 2, 3, 1_000, 1_001, 1_002, 1_003};
        double[] values = {1, 2, 3, 4, 5, 6, 7, 8};
        LagSeries thin = Downsample.minMax(new LagSeries("p", times, values), 3);
        assertThat(thin.values()).containsExactly(1, 4, 5, 8);
    }

    @Test
    void theNearestPointIsFoundByTime() {
        var s = new LagSeries("p", new long[] {10, 20, 30}, new double[] {1, 2, 3});
        assertThat(s.nearest(0)).isZero();
        assertThat(s.nearest(24)).isEqualTo(1);
        assertThat(s.nearest(26)).isEqualTo(2);
        assertThat(s.nearest(99)).isEqualTo(2);
        assertThat(new LagSeries("e", new long[0], new double[0]).nearest(5)).isEqualTo(-1);
    }

    @Test
    void unknownValuesNeverWinABucketButABucketOfThemStaysAGap() {
        long[] times = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        double[] values = {Double.NaN, 5, 2, Double.NaN, Double.NaN, Double.NaN, 4, Double.NaN, 9};
        LagSeries thin = Downsample.minMax(new LagSeries("p", times, values), 3);
        assertThat(thin.values()).containsExactly(5, 2, Double.NaN, 4, 9);
    }
}
