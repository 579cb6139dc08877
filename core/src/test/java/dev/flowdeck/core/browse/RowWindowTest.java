package dev.flowdeck.core.browse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RowWindowTest {

    @Test
    void aSearchKeepsTheFirstMatchesAndCountsTheRest() {
        var window = new RowWindow(5, RowWindow.Keep.FIRST);

        assertThat(window.offer(List.of(1, 2, 3)).append()).containsExactly(1, 2, 3);
        var change = window.offer(List.of(4, 5, 6, 7));

        assertThat(change.append()).containsExactly(4, 5);
        assertThat(change.evictFromFront()).isZero();
        assertThat(window.offer(List.of(8)).append()).isEmpty();
        assertThat(window.held()).isEqualTo(5);
        assertThat(window.notKept()).isEqualTo(3);
        assertThat(window.note()).isEqualTo("Showing the first 5 matches; 3 more were counted but not kept. "
                + "Narrow the filter, or export every match to a file.");
    }

    @Test
    void aTailKeepsTheNewestAndDropsTheOldestFromTheFront() {
        var window = new RowWindow(5, RowWindow.Keep.NEWEST);
        window.offer(List.of(1, 2, 3, 4));

        var change = window.offer(List.of(5, 6, 7));

        assertThat(change.evictFromFront()).isEqualTo(2);
        assertThat(change.append()).containsExactly(5, 6, 7);
        assertThat(window.held()).isEqualTo(5);
        assertThat(window.note()).isEqualTo("Showing the newest 5 messages; 2 older ones scrolled out.");
    }

    @Test
    void aTailBatchLargerThanTheCapReplacesEverything() {
        var window = new RowWindow(3, RowWindow.Keep.NEWEST);
        window.offer(List.of(1, 2));

        var change = window.offer(IntStream.rangeClosed(3, 10).boxed().toList());

        assertThat(change.evictFromFront()).isEqualTo(2);
        assertThat(change.append()).containsExactly(8, 9, 10);
        assertThat(window.notKept()).isEqualTo(7);
    }

    @Test
    void saysNothingWhileEverythingIsKept() {
        var window = new RowWindow(3, RowWindow.Keep.FIRST);
        window.offer(List.of(1, 2, 3));

        assertThat(window.note()).isEmpty();
    }

    @Test
    void heldRowsNeverExceedTheCapWhateverTheBatches() {
        var random = new java.util.Random(7);
        for (RowWindow.Keep keep : RowWindow.Keep.values()) {
            var window = new RowWindow(100, keep);
            var rows = new java.util.ArrayList<Integer>();
            long offered = 0;
            for (int i = 0; i < 500; i++) {
                var batch = IntStream.range(0, random.nextInt(250)).boxed().toList();
                offered += batch.size();
                var change = window.offer(batch);
                rows.subList(0, change.evictFromFront()).clear();
                rows.addAll(change.append());
                assertThat(rows).hasSize(window.held()).hasSizeLessThanOrEqualTo(100);
            }
            assertThat(window.held() + window.notKept()).isEqualTo(offered);
        }
    }
}
