package dev.flowdeck.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.lag.ConsumerGroupLag;
import dev.flowdeck.core.lag.PartitionLag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TimeLagPlannerTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    private static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);
    private static final TopicPartition ORDERS_1 = new TopicPartition("orders", 1);
    private static final long END = 100;

    /** Records 0..99 on both partitions, record n written n seconds after T0 (partition 1: plus half an hour). */
    private final Log log = new Log();
    private final List<List<RecordAt>> asked = new ArrayList<>();

    @Test
    void groupsWaitingAtTheSameRecordShareOneLookup() {
        var planner = planner(100);

        var groups = planner.withTimeLag(List.of(group("billing", lag(ORDERS_0, 5)), group("audit", lag(ORDERS_0, 5)),
                group("search", lag(ORDERS_0, 5)), group("mail", lag(ORDERS_0, 8))), Map.of(), this::read);

        assertThat(asked).singleElement().asList().containsExactlyInAnyOrder(at(ORDERS_0, 5), at(ORDERS_0, 8));
        assertThat(groups).extracting(group -> group.partitions().getFirst().oldestUnconsumed())
                .containsExactly(Optional.of(T0.plusSeconds(5)), Optional.of(T0.plusSeconds(5)),
                        Optional.of(T0.plusSeconds(5)), Optional.of(T0.plusSeconds(8)));
        assertThat(planner.lastLookups()).isEqualTo(new TimeLagLookups(2, 0, 2, 2, 0, 0));
    }

    @Test
    void aGroupWaitingAtTheSameOffsetAgainIsAnsweredFromTheCache() {
        var planner = planner(100);
        var stalled = List.of(group("fraud-audit", lag(ORDERS_0, 25), lag(ORDERS_1, 30)));

        planner.withTimeLag(stalled, Map.of(), this::read);
        var again = planner.withTimeLag(stalled, Map.of(), this::read);

        assertThat(asked).hasSize(1);
        assertThat(again.getFirst().partitions()).extracting(PartitionLag::oldestUnconsumed)
                .containsExactly(Optional.of(T0.plusSeconds(25)), Optional.of(T0.plusSeconds(1_830)));
        assertThat(planner.lastLookups()).isEqualTo(new TimeLagLookups(2, 2, 0, 0, 0, 0));
    }

    @Test
    void withoutACommitOrBelowTheLogStartTheFirstRecordStillThereIsRead() {
        var planner = planner(100);
        var logStarts = Map.of(ORDERS_0, 40L, ORDERS_1, 0L);

        var groups = planner.withTimeLag(List.of(
                group("new-service", new PartitionLag("orders", 1, -1, END)),
                group("behind-retention", lag(ORDERS_0, 12)),
                group("within", lag(ORDERS_0, 60))), logStarts, this::read);

        assertThat(asked.getFirst()).containsExactlyInAnyOrder(at(ORDERS_1, 0), at(ORDERS_0, 40), at(ORDERS_0, 60));
        assertThat(groups).extracting(group -> group.partitions().getFirst().oldestUnconsumed()).containsExactly(
                Optional.of(T0.plusSeconds(1_800)), Optional.of(T0.plusSeconds(40)), Optional.of(T0.plusSeconds(60)));
    }

    @Test
    void nothingIsReadWhereNothingWaitsOrNothingCanBeRead() {
        var planner = planner(100);

        var groups = planner.withTimeLag(List.of(
                group("caught-up", lag(ORDERS_0, END)),
                // Retention deleted every waiting record: nothing left to tell an age from.
                group("all-deleted", lag(ORDERS_1, 10)),
                // No commit and no known log start: where to read is unknown.
                group("unknown-start", new PartitionLag("orders", 0, -1, END))),
                Map.of(ORDERS_1, END), this::read);

        assertThat(asked).isEmpty();
        assertThat(groups.get(0).partitions().getFirst().timeLag(T0)).contains(java.time.Duration.ZERO);
        assertThat(groups.get(1).partitions().getFirst().oldestUnconsumed()).isEmpty();
        assertThat(groups.get(2).partitions().getFirst().oldestUnconsumed()).isEmpty();
    }

    @Test
    void beyondTheBudgetTheLargestLagsAreReadAndTheRestKeepTheirLastKnownValue() {
        var planner = planner(1);

        // Round 1: one lookup allowed, the largest lag wins; the other stays unknown.
        var first = planner.withTimeLag(List.of(group("far-behind", lag(ORDERS_0, 10)),
                group("close", lag(ORDERS_1, 90))), Map.of(), this::read);
        assertThat(asked.getLast()).containsExactly(at(ORDERS_0, 10));
        assertThat(first.get(1).partitions().getFirst().oldestUnconsumed()).isEmpty();
        assertThat(planner.lastLookups()).isEqualTo(new TimeLagLookups(2, 0, 1, 1, 0, 1));

        // Round 2: far-behind is cached, so the one lookup goes to close.
        planner.withTimeLag(List.of(group("far-behind", lag(ORDERS_0, 10)), group("close", lag(ORDERS_1, 90))),
                Map.of(), this::read);
        assertThat(asked.getLast()).containsExactly(at(ORDERS_1, 90));

        // Round 3: both moved on; far-behind is read, close keeps what it had: an older record, so an age that
        // errs long.
        var third = planner.withTimeLag(List.of(group("far-behind", lag(ORDERS_0, 11)),
                group("close", lag(ORDERS_1, 95))), Map.of(), this::read);
        assertThat(asked.getLast()).containsExactly(at(ORDERS_0, 11));
        assertThat(third.get(1).partitions().getFirst().oldestUnconsumed()).contains(T0.plusSeconds(1_890));

        // Round 4: close was reset to an earlier offset: its old value would err short, so it is unknown.
        var fourth = planner.withTimeLag(List.of(group("far-behind", lag(ORDERS_0, 12)),
                group("close", lag(ORDERS_1, 70))), Map.of(), this::read);
        assertThat(fourth.get(1).partitions().getFirst().oldestUnconsumed()).isEmpty();
    }

    @Test
    void aLookupTheReaderDidNotReachKeepsTheLastValueButOneWithNoRecordIsUnknown() {
        var planner = planner(100);
        planner.withTimeLag(List.of(group("slow", lag(ORDERS_0, 20), lag(ORDERS_1, 20))), Map.of(), this::read);

        // The reader's time runs out before partition 0; on partition 1 it finds no record below the end.
        var next = planner.withTimeLag(List.of(group("slow", lag(ORDERS_0, 21), lag(ORDERS_1, 21))), Map.of(),
                (lookups, ends) -> Map.of(at(ORDERS_1, 21), Optional.empty()));

        assertThat(next.getFirst().partitions()).extracting(PartitionLag::oldestUnconsumed)
                .containsExactly(Optional.of(T0.plusSeconds(20)), Optional.empty());
        assertThat(planner.lastLookups()).isEqualTo(new TimeLagLookups(2, 0, 2, 0, 1, 0));
    }

    @Test
    void theReaderIsToldEachPartitionsEnd() {
        var planner = planner(100);
        Map<TopicPartition, Long> told = new HashMap<>();

        planner.withTimeLag(List.of(group("a", lag(ORDERS_0, 3), lag(ORDERS_1, 4))), Map.of(), (lookups, ends) -> {
            told.putAll(ends);
            return read(lookups, ends);
        });

        assertThat(told).isEqualTo(Map.of(ORDERS_0, END, ORDERS_1, END));
    }

    private TimeLagPlanner planner(int maxLookups) {
        return new TimeLagPlanner(new WriteTimeCache(1_000), maxLookups);
    }

    private Map<RecordAt, Optional<Instant>> read(List<RecordAt> lookups, Map<TopicPartition, Long> ends) {
        asked.add(List.copyOf(lookups));
        Map<RecordAt, Optional<Instant>> found = new HashMap<>();
        lookups.forEach(at -> found.put(at, log.firstAtOrAfter(at)));
        return found;
    }

    private static ConsumerGroupLag group(String name, PartitionLag... partitions) {
        return new ConsumerGroupLag(name, "Stable", 1, List.of(partitions));
    }

    private static PartitionLag lag(TopicPartition tp, long committed) {
        return new PartitionLag(tp.topic(), tp.partition(), committed, END);
    }

    private static RecordAt at(TopicPartition tp, long offset) {
        return new RecordAt(tp, offset);
    }

    private static final class Log {
        private final Map<TopicPartition, TreeMap<Long, Instant>> records = new HashMap<>();

        Log() {
            for (long offset = 0; offset < END; offset++) {
                records.computeIfAbsent(ORDERS_0, tp -> new TreeMap<>()).put(offset, T0.plusSeconds(offset));
                records.computeIfAbsent(ORDERS_1, tp -> new TreeMap<>()).put(offset, T0.plusSeconds(1_800 + offset));
            }
        }

        Optional<Instant> firstAtOrAfter(RecordAt at) {
            var entry = records.get(at.partition()).ceilingEntry(at.offset());
            return entry == null ? Optional.empty() : Optional.of(entry.getValue());
        }
    }
}
