package dev.flowdeck.core.deadletter;

import static dev.flowdeck.core.deadletter.DeadLetterDecoderTest.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.ScriptedBrowses;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.decode.DecodedValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Runs against scripted browses on the calling thread: every signal arrives in a known order. */
class DeadLetterScanTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private final ScriptedBrowses broker = new ScriptedBrowses();
    private final List<DeadLetterScan.Progress> progress = new ArrayList<>();

    @Test
    void readsTheWholeDestinationGroupsEveryLetterAndKeepsOnlyAsManyAsAsked() {
        broker.script("payments.DLT", ScriptedBrowses.End.COMPLETE,
                batch(2, springDlt(0, "payments", "com.acme.Timeout", "no answer within 3000 ms"),
                        springDlt(1, "payments", "com.acme.Timeout", "no answer within 5000 ms")),
                batch(3, springDlt(2, "payments", "java.lang.IllegalStateException", "card 4711 declined")));

        var outcome = DeadLetterScan.start(broker, "payments.DLT", DeadLetterDecoder.standard(), 2, letter -> true,
                progress::add).outcome().toCompletableFuture().join();

        assertThat(outcome.total()).isEqualTo(3);
        assertThat(outcome.groups()).extracting(DeadLetterGroup::count).containsExactly(2L, 1L);
        assertThat(outcome.groups().getFirst().fingerprint().spoken())
                .isEqualTo("com.acme.Timeout: no answer within <n> ms");
        assertThat(outcome.kept()).extracting(letter -> letter.message().offset()).containsExactly(0L, 1L);
        assertThat(outcome.truncated()).isTrue();
        assertThat(outcome.cancelled()).isFalse();
        assertThat(outcome.notes()).containsExactly("2 dead letters are listed of 3: the rest were counted, not kept");
        assertThat(progress).extracting(step -> step.scan().scanned()).containsExactly(2L, 3L);
        assertThat(progress.getFirst().groups()).singleElement()
                .extracting(DeadLetterGroup::count).isEqualTo(2L);
    }

    /**
     * A value read through a schema makes its JSON when first asked for; the inbox shows a kept letter on the FX
     * thread, so the scan makes the JSON of those it keeps (on the connector's thread), and of no other.
     */
    @Test
    void theLettersKeptHaveTheirJsonMadeAndTheRestDoNot() {
        List<Long> made = new ArrayList<>();
        broker.script("payments.DLT", ScriptedBrowses.End.COMPLETE,
                batch(2, lazilyRead(springDlt(0, "payments", "com.acme.Timeout", "no answer"), made),
                        lazilyRead(springDlt(1, "payments", "com.acme.Timeout", "no answer"), made)),
                batch(3, lazilyRead(springDlt(2, "payments", "com.acme.Timeout", "no answer"), made)));

        var outcome = DeadLetterScan.start(broker, "payments.DLT", DeadLetterDecoder.standard(), 2, letter -> true,
                progress::add).outcome().toCompletableFuture().join();

        assertThat(outcome.kept()).hasSize(2).allSatisfy(letter ->
                assertThat(letter.message().decoded().jsonMade()).isTrue());
        assertThat(made).containsExactly(0L, 1L);
        assertThat(outcome.kept().getFirst().message().readableValue())
                .isEqualTo("{\"at\":0}".getBytes(StandardCharsets.UTF_8));
    }

    /** The message as a schema's decoder hands it out: checked, its JSON made by a source when first asked for. */
    private static BrowsedMessage lazilyRead(BrowsedMessage message, List<Long> made) {
        return message.withDecoded(DecodedValue.read("Avro", 7, "", "", () -> {
            made.add(message.offset());
            return ("{\"at\":" + message.offset() + "}").getBytes(StandardCharsets.UTF_8);
        }));
    }

    @Test
    void aGroupsReplayKeepsExactlyThatGroupsLettersWhileStillCountingTheRest() {
        broker.script("payments.DLT", ScriptedBrowses.End.COMPLETE,
                batch(3, springDlt(0, "payments", "com.acme.Timeout", "no answer within 3000 ms"),
                        springDlt(1, "payments", "java.lang.IllegalStateException", "card 4711 declined"),
                        springDlt(2, "payments", "com.acme.Timeout", "no answer within 10 ms")));
        var first = DeadLetterScan.start(broker, "payments.DLT", DeadLetterDecoder.standard(), 10, letter -> true,
                progress::add).outcome().toCompletableFuture().join();
        DeadLetterGroup timeouts = first.groups().getFirst();

        var again = DeadLetterScan.start(broker, "payments.DLT", DeadLetterDecoder.standard(), 10,
                letter -> letter.groupId().equals(timeouts.id()), progress::add).outcome().toCompletableFuture().join();

        assertThat(again.kept()).extracting(letter -> letter.message().offset()).containsExactly(0L, 2L);
        assertThat(again.kept()).allSatisfy(letter -> assertThat(timeouts.contains(letter.deadLetter())).isTrue());
        assertThat(again.wanted()).isEqualTo(2);
        assertThat(again.total()).isEqualTo(3);
        assertThat(again.groups()).extracting(DeadLetterGroup::id).containsExactlyElementsOf(
                first.groups().stream().map(DeadLetterGroup::id).toList());
        assertThat(timeouts.id()).matches("[0-9a-f]{8}");
    }

    @Test
    void aCancelEndsTheScanAtOnceWithWhatWasRead() {
        broker.script("orders.DLT", ScriptedBrowses.End.HANG,
                batch(1, springDlt(0, "orders", "com.acme.Invalid", "bad sku")));
        var scan = DeadLetterScan.start(broker, "orders.DLT", DeadLetterDecoder.standard(), 10, letter -> true,
                progress::add);
        assertThat(scan.outcome().toCompletableFuture()).isNotDone();

        scan.cancel();

        var outcome = scan.outcome().toCompletableFuture().join();
        assertThat(outcome.cancelled()).isTrue();
        assertThat(outcome.total()).isEqualTo(1);
        assertThat(broker.cancelled).containsExactly("orders.DLT");
    }

    @Test
    void aBrokerFailureEndsTheScanWithASentence() {
        broker.script("orders.DLT", ScriptedBrowses.End.FAIL,
                batch(1, springDlt(0, "orders", "com.acme.Invalid", "bad sku")));

        var scan = DeadLetterScan.start(broker, "orders.DLT", DeadLetterDecoder.standard(), 10, letter -> true,
                progress::add);

        assertThatThrownBy(() -> scan.outcome().toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).cause()
                .isInstanceOf(BrokerException.class).hasMessage("Broker went away");
    }

    private static MessageBatch batch(long scanned, BrowsedMessage... messages) {
        return new MessageBatch(List.of(messages), scanned, scanned, 3);
    }

    private static BrowsedMessage springDlt(long offset, String origin, String thrown, String message) {
        return new BrowsedMessage(origin + ".DLT", 0, offset, T0.plusSeconds(offset),
                "ord-9".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8),
                List.of(header("kafka_dlt-original-topic", origin), header("kafka_dlt-exception-fqcn", thrown),
                        header("kafka_dlt-exception-message", message)));
    }
}
