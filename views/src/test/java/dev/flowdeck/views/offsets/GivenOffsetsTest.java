package dev.flowdeck.views.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.core.offsets.PartitionId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GivenOffsetsTest {

    @Test
    void readsEachFormOneALineAndTopicsWithDashes() {
        assertThat(GivenOffsets.parse("orders-0 = 1200\n\n  payments-eu-11: 7 \norders-2 0\n")).containsExactly(
                Map.entry(new PartitionId("orders", 0), 1200L),
                Map.entry(new PartitionId("payments-eu", 11), 7L),
                Map.entry(new PartitionId("orders", 2), 0L));
    }

    @Test
    void whatItWritesItReadsBack() {
        var offsets = Map.of(new PartitionId("a-b", 3), 99L);
        assertThat(GivenOffsets.parse(GivenOffsets.format(offsets))).isEqualTo(offsets);
    }

    @Test
    void linesItCannotReadAreNamed() {
        assertThatThrownBy(() -> GivenOffsets.parse("orders-0 = 1\norders = 5"))
                .hasMessage("Line 2 should read 'topic-partition = offset', such as orders-0 = 1200; 'orders = 5' "
                        + "does not.");
        assertThatThrownBy(() -> GivenOffsets.parse("orders-1 = 1\norders-1 = 2"))
                .hasMessage("Line 2 names orders-1 a second time.");
        assertThatThrownBy(() -> GivenOffsets.parse("orders-1 = 99999999999999999999"))
                .hasMessage("Line 1 has a number too large: 'orders-1 = 99999999999999999999'.");
        assertThatThrownBy(() -> GivenOffsets.parse(" \n"))
                .hasMessage("No offsets given: write one partition a line, 'topic-partition = offset', such as "
                        + "orders-0 = 1200.");
    }
}
