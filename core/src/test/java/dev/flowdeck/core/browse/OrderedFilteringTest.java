package dev.flowdeck.core.browse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.core.filter.MessageFilter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OrderedFilteringTest {

    private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void batchesComeBackInTheOrderTheyWereReadWithWhatPassed() {
        // Batches of very different sizes, so pool threads finish them out of order.
        var regex = MessageFilter.Regex.of("\"n\":[0-9]*7\\b");
        var filtering = new OrderedFiltering<Integer>(regex, () -> false);
        List<Integer> notes = new ArrayList<>();
        List<Long> passed = new ArrayList<>();
        List<Long> expected = new ArrayList<>();
        long offset = 0;
        for (int batch = 0; batch < 200; batch++) {
            List<BrowsedMessage> read = new ArrayList<>();
            int size = batch % 7 == 0 ? 2_000 : batch % 5;
            for (int i = 0; i < size; i++, offset++) {
                read.add(message(offset));
                if (offset % 10 == 7) {
                    expected.add(offset);
                }
            }
            if (filtering.isFull()) {
                take(filtering.next(), notes, passed);
            }
            filtering.submit(read, batch);
            for (var done = filtering.nextDone(); done != null; done = filtering.nextDone()) {
                take(done, notes, passed);
            }
        }
        while (!filtering.isEmpty()) {
            take(filtering.next(), notes, passed);
        }
        assertThat(notes).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 200).boxed().toList());
        assertThat(passed).containsExactlyElementsOf(expected);
    }

    @Test
    void theLineIsBounded() {
        var filtering = new OrderedFiltering<Integer>(MessageFilter.Regex.of("x"), () -> false);
        for (int i = 0; i < filtering.capacity(); i++) {
            filtering.submit(List.of(message(i)), i);
        }
        assertThat(filtering.isFull()).isTrue();
        assertThatThrownBy(() -> filtering.submit(List.of(), 99)).isInstanceOf(IllegalStateException.class);
        filtering.discard();
        assertThat(filtering.isEmpty()).isTrue();
    }

    @Test
    void withoutAFilterEachBatchIsItsOwnResultAtOnce() {
        var filtering = new OrderedFiltering<String>(MessageFilter.ALL, () -> false);
        List<BrowsedMessage> read = List.of(message(1), message(2));
        filtering.submit(read, "first");
        assertThat(filtering.isFull()).isTrue();
        var ticket = filtering.nextDone();
        assertThat(ticket.note()).isEqualTo("first");
        assertThat(ticket.passed()).isSameAs(read);
    }

    @Test
    void aCancelledBrowseStopsFiltering() {
        var cancelled = new AtomicBoolean(true);
        var filtering = new OrderedFiltering<String>(MessageFilter.Regex.of("n"), cancelled::get);
        filtering.submit(List.of(message(1), message(2)), "cancelled");
        assertThat(filtering.next().passed()).isEmpty();
    }

    private static void take(OrderedFiltering.Ticket<Integer> ticket, List<Integer> notes, List<Long> passed) {
        notes.add(ticket.note());
        ticket.passed().forEach(message -> passed.add(message.offset()));
    }

    private static BrowsedMessage message(long offset) {
        return new BrowsedMessage("orders", 0, offset, T, null,
                ("{\"n\":" + offset + "}").getBytes(StandardCharsets.UTF_8), List.of());
    }
}
