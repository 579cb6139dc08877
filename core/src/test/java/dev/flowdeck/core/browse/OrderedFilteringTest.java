package dev.flowdeck.core.browse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.core.decode.DecodedValue;
import dev.flowdeck.core.decode.ValueDecoder;
import dev.flowdeck.core.filter.MessageFilter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
            while (filtering.isFull()) {
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
    void heavyBatchesShortenTheLine() {
        // One 12 MB value shared by every message: the line counts bytes, the test's heap holds one array.
        byte[] heavy = new byte[12 * 1024 * 1024];
        java.util.function.LongFunction<BrowsedMessage> large = offset -> new BrowsedMessage("orders", 0, offset, T,
                null, heavy, List.of());
        var filtering = new OrderedFiltering<Integer>(MessageFilter.Regex.of("x"), () -> false);
        org.junit.jupiter.api.Assumptions.assumeTrue(filtering.capacity() > 3, "a line of one batch: one core");

        filtering.submit(List.of(large.apply(0)), 0);
        filtering.submit(List.of(large.apply(1)), 1);
        assertThat(filtering.isFull()).as("24 MB in two batches").isFalse();
        filtering.submit(List.of(large.apply(2)), 2);
        assertThat(filtering.isFull()).as("36 MB, past %d MB", OrderedFiltering.MAX_BYTES >> 20).isTrue();
        assertThatThrownBy(() -> filtering.submit(List.of(message(3)), 3)).isInstanceOf(IllegalStateException.class);

        assertThat(filtering.next().note()).isZero();
        assertThat(filtering.isFull()).as("24 MB again").isFalse();
        filtering.discard();
        filtering.submit(List.of(large.apply(4), large.apply(5), large.apply(6)), 4);
        assertThat(filtering.isFull()).as("one batch heavier than the bound still goes, alone").isTrue();
        assertThat(filtering.next().passed()).isEmpty();
        assertThat(filtering.isFull()).isFalse();
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

    @Test
    void aDecoderReadsValuesBeforeTheFilterAndKeepsTheRawBytes() {
        // A stand-in for a schema registry's decoder: "binary" values of the form #N read as {"n":N*10}.
        ValueDecoder tens = (topic, value) -> value[0] != '#' ? null : DecodedValue.read("Test", 1, "", "",
                ("{\"n\":" + (Integer.parseInt(new String(value, 1, value.length - 1, StandardCharsets.UTF_8)) * 10)
                        + "}").getBytes(StandardCharsets.UTF_8));
        var json = MessageFilter.Json.of("$.n >= 20");
        var filtering = new OrderedFiltering<String>(json, tens, () -> false);
        List<BrowsedMessage> read = List.of(raw(1, "#1"), raw(2, "#2"), message(30), raw(4, "#3"));

        filtering.submit(read, "decoded");
        List<BrowsedMessage> passed = filtering.next().passed();

        assertThat(passed).extracting(BrowsedMessage::offset).containsExactly(2L, 30L, 4L);
        assertThat(new String(passed.getFirst().value(), StandardCharsets.UTF_8)).isEqualTo("#2");
        assertThat(new String(passed.getFirst().readableValue(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":20}");
        assertThat(passed.get(1).decoded()).isNull(); // plain JSON is not read through a schema
    }

    @Test
    void aDecoderWithoutAFilterStillReadsEveryValue() {
        ValueDecoder upper = (topic, value) -> DecodedValue.read("Test", 1, "", "",
                new String(value, StandardCharsets.UTF_8).toUpperCase().getBytes(StandardCharsets.UTF_8));
        var filtering = new OrderedFiltering<String>(MessageFilter.ALL, upper, () -> false);
        filtering.submit(List.of(raw(1, "[\"a\"]"), raw(2, "[\"b\"]")), "all");
        assertThat(filtering.next().passed()).extracting(m -> new String(m.readableValue(), StandardCharsets.UTF_8))
                .containsExactly("[\"A\"]", "[\"B\"]");
    }

    /**
     * A stand-in for a schema's decoder whose JSON is made when asked for: values {@code #N} read as
     * {@code {"n":N,"pad":"..."}}, and {@code {"n":N}} when only {@code $.n} is asked for; it counts what it makes.
     */
    private static final class LazyTens implements ValueDecoder {
        final AtomicInteger wholes = new AtomicInteger();
        final AtomicInteger fields = new AtomicInteger();
        volatile boolean makesFields = true;

        @Override
        public DecodedValue decode(String topic, byte[] value) {
            int n = Integer.parseInt(new String(value, 1, value.length - 1, StandardCharsets.UTF_8));
            return DecodedValue.read("Test", 1, "", "", new DecodedValue.JsonSource() {
                @Override
                public byte[] json() {
                    wholes.incrementAndGet();
                    return ("{\"n\":" + n + ",\"pad\":\"EUR\"}").getBytes(StandardCharsets.UTF_8);
                }

                @Override
                public byte[] fields(List<List<String>> paths) {
                    if (!makesFields) {
                        return null;
                    }
                    fields.incrementAndGet();
                    assertThat(paths).containsExactly(List.of("n"));
                    return ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8);
                }
            });
        }
    }

    @Test
    void aFieldPathFilterIsGivenOnlyItsFieldsAndNoValueIsMadeWhole() {
        var decoder = new LazyTens();
        var filtering = new OrderedFiltering<String>(MessageFilter.Json.of("$.n >= 3"), decoder, () -> false);

        filtering.submit(List.of(raw(1, "#1"), raw(2, "#5"), raw(3, "#3")), "fields");
        List<BrowsedMessage> passed = filtering.next().passed();

        assertThat(passed).extracting(BrowsedMessage::offset).containsExactly(2L, 3L);
        assertThat(decoder.fields).hasValue(3);
        assertThat(decoder.wholes).hasValue(0);
        assertThat(passed).allSatisfy(m -> assertThat(m.decoded().jsonMade()).isFalse());
        assertThat(new String(passed.getFirst().readableValue(), StandardCharsets.UTF_8))
                .as("what passed is the value as decoded, whole when read").isEqualTo("{\"n\":5,\"pad\":\"EUR\"}");
    }

    @Test
    void aFilterReadingTheWholeValueHasItMadeAndOneReadingNoValueHasNothingMade() {
        var decoder = new LazyTens();
        var text = new OrderedFiltering<String>(new MessageFilter.TextContains("EUR", false), decoder, () -> false);
        text.submit(List.of(raw(1, "#1"), raw(2, "#2")), "text");
        assertThat(text.next().passed()).hasSize(2);
        assertThat(decoder.wholes).hasValue(2);

        var keys = new LazyTens();
        var byKey = new OrderedFiltering<String>(MessageFilter.KeyEquals.text("k"), keys, () -> false);
        byKey.submit(List.of(raw(1, "#1")), "key");
        assertThat(byKey.next().passed()).isEmpty();
        var all = new OrderedFiltering<String>(MessageFilter.ALL, keys, () -> false);
        all.submit(List.of(raw(1, "#1")), "all");
        assertThat(all.next().passed()).hasSize(1);
        assertThat(keys.wholes).hasValue(0);
        assertThat(keys.fields).hasValue(0);
    }

    @Test
    void aBrowseWhoseTakerReadsEveryValueHasTheJsonOfWhatPassesMadeOnThePool() {
        var decoder = new LazyTens();
        var export = new OrderedFiltering<String>(MessageFilter.Json.of("$.n >= 3"), decoder, true, () -> false);

        export.submit(List.of(raw(1, "#1"), raw(2, "#5"), raw(3, "#3")), "export");
        List<BrowsedMessage> passed = export.next().passed();

        assertThat(passed).extracting(BrowsedMessage::offset).containsExactly(2L, 3L);
        assertThat(passed).allSatisfy(m -> assertThat(m.decoded().jsonMade()).isTrue());
        assertThat(decoder.wholes).as("only what passed is made whole").hasValue(2);

        var everything = new OrderedFiltering<String>(MessageFilter.ALL, decoder, true, () -> false);
        everything.submit(List.of(raw(4, "#8")), "all");
        assertThat(everything.next().passed()).allSatisfy(m -> assertThat(m.decoded().jsonMade()).isTrue());
    }

    @Test
    void whereTheDecoderCannotMakeJustTheFieldsTheWholeJsonAnswers() {
        var decoder = new LazyTens();
        decoder.makesFields = false;
        var filtering = new OrderedFiltering<String>(MessageFilter.allOf(List.of(MessageFilter.Json.of("$.n >= 3"),
                MessageFilter.Json.of("$.n < 5"))), decoder, () -> false);

        filtering.submit(List.of(raw(1, "#1"), raw(2, "#4"), raw(3, "#7")), "whole");

        assertThat(filtering.next().passed()).extracting(BrowsedMessage::offset).containsExactly(2L);
        assertThat(decoder.wholes).hasValue(3);
    }

    private static BrowsedMessage raw(long offset, String value) {
        return new BrowsedMessage("orders", 0, offset, T, null, value.getBytes(StandardCharsets.UTF_8), List.of());
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
