package dev.flowdeck.core.browse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ScanTallyTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ScanTally tally = new ScanTally(now::get);

    @Test
    void reportsRateAndTimeLeftFromTheBatches() {
        advance(Duration.ofSeconds(1));
        tally.add(new MessageBatch(List.of(), 10_000, 12, 100_000));
        advance(Duration.ofSeconds(1));
        tally.add(new MessageBatch(List.of(), 20_000, 30, 100_000));

        ScanProgress progress = tally.progress();

        assertThat(progress.scanned()).isEqualTo(20_000);
        assertThat(progress.matched()).isEqualTo(30);
        assertThat(progress.perSecond()).isEqualTo(10_000.0);
        assertThat(progress.remaining()).contains(Duration.ofSeconds(8));
        assertThat(progress.fraction()).isEqualTo(0.2);
        assertThat(progress.elapsed()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theRateFollowsTheLastSecondsNotTheWholeScan() {
        for (int second = 1; second <= 10; second++) {
            advance(Duration.ofSeconds(1));
            tally.add(new MessageBatch(List.of(), second * 10_000L, 0, 1_000_000));
        }
        for (int second = 1; second <= 5; second++) {
            advance(Duration.ofSeconds(1));
            tally.add(new MessageBatch(List.of(), 100_000 + second * 1_000L, 0, 1_000_000));
        }

        // The window spans a little over 3 s: the slowdown shows within seconds.
        assertThat(tally.progress().perSecond()).isEqualTo(1_000.0);
    }

    @Test
    void anUnknownTotalHasNoEtaAndAnIndeterminateBar() {
        advance(Duration.ofSeconds(1));
        tally.add(new MessageBatch(List.of(), 500, 5, -1, List.of("stream: no total")));

        assertThat(tally.progress().remaining()).isEmpty();
        assertThat(tally.progress().fraction()).isEqualTo(-1);
        assertThat(tally.notes()).containsExactly("stream: no total");
    }

    @Test
    void anEmptyRangeIsComplete() {
        tally.add(new MessageBatch(List.of(), 0, 0, 0));

        assertThat(tally.progress().fraction()).isEqualTo(1);
        assertThat(tally.progress().perSecond()).isZero();
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }
}
