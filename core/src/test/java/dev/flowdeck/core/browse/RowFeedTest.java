package dev.flowdeck.core.browse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RowFeedTest {

    @Test
    void rowsAreMadeOnlyOfWhatTheWindowKeeps() {
        List<Integer> made = new ArrayList<>();
        var search = new RowFeed<String>(new RowWindow(5, RowWindow.Keep.FIRST));
        search.offer(List.of(1, 2, 3), n -> { made.add(n); return "row " + n; });
        search.offer(List.of(4, 5, 6, 7), n -> { made.add(n); return "row " + n; });
        search.offer(List.of(8, 9), n -> { made.add(n); return "row " + n; });

        assertThat(search.drain().append()).containsExactly("row 1", "row 2", "row 3", "row 4", "row 5");
        assertThat(made).containsExactly(1, 2, 3, 4, 5);
        assertThat(search.notKept()).isEqualTo(4);

        made.clear();
        var tail = new RowFeed<String>(new RowWindow(3, RowWindow.Keep.NEWEST));
        tail.offer(List.of(1, 2), n -> { made.add(n); return "row " + n; });
        tail.offer(List.of(3, 4, 5, 6, 7), n -> { made.add(n); return "row " + n; });

        var change = tail.drain();
        assertThat(change.append()).containsExactly("row 5", "row 6", "row 7");
        assertThat(made).containsExactly(1, 2, 5, 6, 7);
    }

    @Test
    void drainsBatchesOfferedSinceTheLastDrain() {
        var feed = new RowFeed<Integer>(new RowWindow(10, RowWindow.Keep.FIRST));
        feed.offer(List.of(1, 2));
        feed.offer(List.of(3));

        var change = feed.drain();

        assertThat(change.append()).containsExactly(1, 2, 3);
        assertThat(change.evictFromFront()).isZero();
        assertThat(feed.hasPending()).isFalse();
        assertThat(feed.drain().append()).isEmpty();
    }

    @Test
    void drainsInSlicesInOrder() {
        var feed = new RowFeed<Integer>(new RowWindow(10, RowWindow.Keep.FIRST));
        feed.offer(List.of(1, 2, 3, 4, 5));

        assertThat(feed.drain(2).append()).containsExactly(1, 2);
        assertThat(feed.hasPending()).isTrue();
        feed.offer(List.of(6));
        assertThat(feed.drain(3).append()).containsExactly(3, 4, 5);
        assertThat(feed.drain(3).append()).containsExactly(6);
        assertThat(feed.hasPending()).isFalse();
    }

    @Test
    void aTailFarAheadOfTheOwnerKeepsAtMostTheCapPending() {
        var feed = new RowFeed<Integer>(new RowWindow(4, RowWindow.Keep.NEWEST));
        feed.offer(List.of(1, 2, 3));
        feed.drain();
        for (int i = 4; i < 1_000; i++) {
            feed.offer(List.of(i));
        }

        var change = feed.drain();

        assertThat(change.evictFromFront()).isEqualTo(3);
        assertThat(change.append()).containsExactly(996, 997, 998, 999);
    }

    @Test
    void theOwnersListAlwaysEndsAsIfEveryBatchWereAppliedAtOnce() {
        var random = new Random(11);
        for (RowWindow.Keep keep : RowWindow.Keep.values()) {
            var feed = new RowFeed<Integer>(new RowWindow(50, keep));
            var reference = new RowWindow(50, keep);
            var visible = new ArrayList<Integer>();
            var expected = new ArrayList<Integer>();
            int next = 0;
            for (int step = 0; step < 2_000; step++) {
                if (random.nextInt(3) == 0) {
                    // Sometimes in slices, as the UI drains: the slices add up to the same list.
                    var change = random.nextBoolean() ? feed.drain() : feed.drain(1 + random.nextInt(60));
                    visible.subList(0, change.evictFromFront()).clear();
                    visible.addAll(change.append());
                    if (!feed.hasPending()) {
                        assertThat(visible).isEqualTo(expected);
                    }
                } else {
                    int size = random.nextInt(80);
                    var batch = IntStream.range(next, next + size).boxed().toList();
                    next += size;
                    feed.offer(batch);
                    var change = reference.offer(batch);
                    expected.subList(0, change.evictFromFront()).clear();
                    expected.addAll(change.append());
                }
            }
        }
    }
}
