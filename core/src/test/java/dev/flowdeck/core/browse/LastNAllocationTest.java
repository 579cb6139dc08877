package dev.flowdeck.core.browse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LastNAllocationTest {

    @Test
    void sharesEvenlyWhenEveryPartitionHoldsEnough() {
        assertThat(LastNAllocation.allocate(Map.of(0, 1000L, 1, 1000L, 2, 1000L), 99))
                .isEqualTo(Map.of(0, 33L, 1, 33L, 2, 33L));
    }

    @Test
    void givesWhatASmallPartitionLacksToTheOthers() {
        assertThat(LastNAllocation.allocate(Map.of(0, 5L, 1, 1000L, 2, 0L), 100))
                .isEqualTo(Map.of(0, 5L, 1, 95L, 2, 0L));
    }

    @Test
    void takesEverythingWhenFewerRecordsExist() {
        assertThat(LastNAllocation.allocate(Map.of(0, 3L, 1, 4L), 100)).isEqualTo(Map.of(0, 3L, 1, 4L));
    }

    @Test
    void alwaysSumsToTheSmallerOfNAndWhatExists() {
        var random = new SplittableRandom(7);
        for (int run = 0; run < 2_000; run++) {
            Map<Integer, Long> available = new HashMap<>();
            long total = 0;
            for (int p = 0, n = random.nextInt(1, 12); p < n; p++) {
                long held = random.nextInt(4) == 0 ? 0 : random.nextLong(1, 500);
                available.put(p, held);
                total += held;
            }
            long count = random.nextLong(1, 3_000);

            Map<Integer, Long> take = LastNAllocation.allocate(available, count);

            assertThat(take.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(Math.min(count, total));
            take.forEach((partition, n) -> assertThat(n).isBetween(0L, available.get(partition)));
        }
    }
}
