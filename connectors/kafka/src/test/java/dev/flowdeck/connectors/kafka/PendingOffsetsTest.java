package dev.flowdeck.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PendingOffsetsTest {

    private static final Instant T = Instant.parse("2026-11-27T08:00:00Z");

    @Test
    void aRecordAnswersEveryOpenOffsetAtOrBeforeIt() {
        var offsets = new PendingOffsets(100);
        offsets.want(12);
        offsets.want(10);
        offsets.want(30);

        assertThat(offsets.next()).isEqualTo(10);
        offsets.read(10, Optional.of(T));
        offsets.read(11, Optional.of(T.plusSeconds(1)));
        // A gap in the log (compaction, a transaction marker at 12): the first record after it answers 12.
        offsets.read(14, Optional.of(T.plusSeconds(4)));

        assertThat(offsets.done()).isFalse();
        assertThat(offsets.next()).isEqualTo(30);
        assertThat(offsets.answers()).isEqualTo(Map.of(10L, Optional.of(T), 12L, Optional.of(T.plusSeconds(4))));
    }

    @Test
    void recordsAtOrBeyondTheRoundsEndAnswerNothing() {
        var offsets = new PendingOffsets(50);
        offsets.want(48);

        offsets.read(50, Optional.of(T)); // written after the lag was measured

        assertThat(offsets.done()).isTrue();
        assertThat(offsets.answers()).isEqualTo(Map.of(48L, Optional.empty()));
    }

    @Test
    void aPositionPastTheEndClosesWhatIsOpen() {
        var offsets = new PendingOffsets(50);
        offsets.want(49);

        assertThat(offsets.passedEnd(49)).isFalse();
        assertThat(offsets.passedEnd(50)).isTrue();
        offsets.reachedEnd();

        assertThat(offsets.done()).isTrue();
        assertThat(offsets.answers()).containsEntry(49L, Optional.empty());
    }

    @Test
    void anAnsweredOffsetIsNotAskedAgainAndARecordWithoutTimestampLeavesItUnknown() {
        var offsets = new PendingOffsets(100);
        offsets.want(5);
        offsets.read(5, Optional.empty());
        offsets.want(5);

        assertThat(offsets.done()).isTrue();
        assertThat(offsets.answers()).isEqualTo(Map.of(5L, Optional.empty()));
    }
}
