package dev.flowdeck.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.core.browse.BrowsedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DecodedValueTest {

    private static final byte[] JSON = "{\"amount\":12.5,\"note\":\"x\"}".getBytes(StandardCharsets.UTF_8);

    /** A stand-in for a schema's reader: counts what it is asked to make. */
    private static final class Counting implements DecodedValue.JsonSource {
        final AtomicInteger wholes = new AtomicInteger();
        final AtomicInteger fields = new AtomicInteger();

        @Override
        public byte[] json() {
            wholes.incrementAndGet();
            return JSON.clone(); // a new array each time: what is kept must be one of them, for every caller
        }

        @Override
        public byte[] fields(List<List<String>> paths) {
            fields.incrementAndGet();
            return "{\"amount\":12.5}".getBytes(StandardCharsets.UTF_8);
        }
    }

    @Test
    void aLazyValueSaysItWasReadAndMatchesWithoutMakingItsJson() {
        var source = new Counting();
        DecodedValue value = DecodedValue.read("Avro", 7, "orders-value v1", "{}", source);

        assertThat(value.isRead()).isTrue();
        assertThat(value.matchesSchema()).isTrue();
        assertThat(value.note()).isEqualTo("Avro, schema id 7 (orders-value v1)");
        assertThat(value.jsonMade()).isFalse();
        assertThat(value.withMismatch("a field too many").matchesSchema()).isFalse();
        assertThat(source.wholes).hasValue(0);
    }

    @Test
    void itsJsonIsMadeOnceWhenFirstAskedForAndKept() {
        var source = new Counting();
        DecodedValue value = DecodedValue.read("Avro", 7, "", "", source);
        var message = new BrowsedMessage("orders", 0, 1, Instant.EPOCH, null, new byte[] {0, 0, 0, 0, 7},
                List.of()).withDecoded(value);

        byte[] first = message.readableValue();

        assertThat(first).isEqualTo(JSON);
        assertThat(value.json()).isSameAs(first);
        assertThat(value.jsonMade()).isTrue();
        assertThat(source.wholes).hasValue(1);
        assertThat(value.fieldsJson(List.of(List.of("amount")))).as("made already: read the whole").isNull();
        assertThat(source.fields).hasValue(0);
    }

    @Test
    void fieldsAreAskedOfTheSourceUntilTheWholeJsonIsMade() {
        var source = new Counting();
        DecodedValue value = DecodedValue.read("Avro", 7, "", "", source);

        assertThat(new String(value.fieldsJson(List.of(List.of("amount"))), StandardCharsets.UTF_8))
                .isEqualTo("{\"amount\":12.5}");
        assertThat(source.fields).hasValue(1);
        assertThat(value.jsonMade()).isFalse();
    }

    @Test
    void threadsAskingAtOnceAllGetTheSameJson() throws Exception {
        var pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 200; round++) {
                var source = new Counting();
                DecodedValue value = DecodedValue.read("Avro", 7, "", "", source);
                var start = new CountDownLatch(1);
                List<Future<byte[]>> asked = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    asked.add(pool.submit((Callable<byte[]>) () -> {
                        start.await();
                        return value.json();
                    }));
                }
                start.countDown();
                byte[] kept = value.json();
                for (Future<byte[]> each : asked) {
                    assertThat(each.get()).isSameAs(kept);
                }
                assertThat(kept).isEqualTo(JSON);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aValueNotReadHasNoJsonToMake() {
        DecodedValue failed = DecodedValue.failed("Avro", 9, "The registry has no schema id 9.");

        assertThat(failed.isRead()).isFalse();
        assertThat(failed.json()).isNull();
        assertThat(failed.jsonMade()).isTrue();
        assertThat(failed.fieldsJson(List.of(List.of("a")))).isNull();
        assertThatThrownBy(() -> new DecodedValue("Avro", 1, "", "", null, null, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSourceThatMakesNothingIsABugSaidAsSuch() {
        DecodedValue value = DecodedValue.read("Avro", 7, "", "", () -> null);
        assertThatThrownBy(value::json).isInstanceOf(IllegalStateException.class).hasMessageContaining("no JSON");
    }

    private static final byte[] PAYMENT = "{\"payment_id\":\"p-1\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aLazyValueKeepsItsMessageTypeAndMakesItsJsonOnceThroughCopies() {
        var made = new AtomicInteger();
        DecodedValue original = DecodedValue.read("Protobuf", 9, "payments-value v4", "", () -> {
            made.incrementAndGet();
            return PAYMENT.clone();
        });
        DecodedValue lazy = original.withMessageType("shop.Refund").withMismatch("field #7 is not declared.");

        assertThat(lazy.jsonMade()).isFalse();
        assertThat(lazy.messageType()).isEqualTo("shop.Refund");
        assertThat(lazy.json()).isEqualTo(PAYMENT);
        assertThat(original.jsonMade()).as("made once for the value and its copies").isTrue();
        assertThat(original.json()).isSameAs(lazy.json());
        assertThat(made).hasValue(1);
    }

    @Test
    void aProtobufValueSaysWhichMessageOfItsSchemaItWasWrittenAsAndKeepsItWhenCutOrMismatched() {
        DecodedValue refund = DecodedValue.read("Protobuf", 9, "payments-value v4", "syntax = \"proto3\";", PAYMENT)
                .withMessageType("shop.Refund");

        assertThat(refund.note()).isEqualTo("Protobuf shop.Refund, schema id 9 (payments-value v4)");
        assertThat(refund.cutTo(new byte[] {'{'}).messageType()).isEqualTo("shop.Refund");
        assertThat(refund.withMismatch("it carries field Refund #7 that schema 9 does not declare.").note())
                .isEqualTo("Protobuf shop.Refund, schema id 9 (payments-value v4), which it does not match: it "
                        + "carries field Refund #7 that schema 9 does not declare.");
    }

    @Test
    void otherValuesNameNoMessageType() {
        DecodedValue avro = DecodedValue.read("Avro", 7, "orders-value v1", "{}", PAYMENT);
        assertThat(avro.messageType()).isEmpty();
        assertThat(avro.note()).isEqualTo("Avro, schema id 7 (orders-value v1)");
        assertThat(new DecodedValue("Avro", 7, "", "", PAYMENT, null, false, null, null).messageType()).isEmpty();
    }
}
