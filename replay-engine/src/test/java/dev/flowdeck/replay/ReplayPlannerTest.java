package dev.flowdeck.replay;

import static dev.flowdeck.replay.Messages.header;
import static dev.flowdeck.replay.Messages.kafkaDeadLetter;
import static dev.flowdeck.replay.Messages.kafkaSelection;
import static dev.flowdeck.replay.Messages.text;
import static dev.flowdeck.replay.Messages.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.core.decode.DecodedValue;
import dev.flowdeck.core.decode.ValueWriter;

import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.publish.OutgoingMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ReplayPlannerTest {

    private static final Instant NOW = Instant.parse("2025-03-01T11:00:00Z");
    private final ReplayPlanner planner = new ReplayPlanner(Clock.fixed(NOW, ZoneOffset.UTC), () -> "replay-1",
            DeadLetterHeaders.KNOWN_CONVENTIONS, 3);

    @Test
    void aDeadLetterGoesBackToItsPartitionWithoutItsDeadLetterHeadersAndWithProvenance() {
        ReplayPlan plan = planner.plan(kafkaSelection(kafkaDeadLetter(42, "{\"id\":1}")), List.of(), ReplayMode.COPY);

        assertThat(plan.id()).isEqualTo("replay-1");
        assertThat(plan.createdAt()).isEqualTo(NOW);
        assertThat(plan.source()).isEqualTo("dead letters of orders.DLT");
        PlannedEvent event = plan.events().getFirst();
        assertThat(event.key()).isEqualTo("orders.DLT/0@42");
        OutgoingMessage message = event.message();
        assertThat(message.destination()).isEqualTo("orders");
        assertThat(message.partition()).isEqualTo(OptionalInt.of(3));
        assertThat(text(message.key())).isEqualTo("order-42");
        assertThat(text(message.value())).isEqualTo("{\"id\":1}");
        assertThat(message.properties()).isEmpty(); // Kafka refuses AMQP properties
        assertThat(names(message.headers())).containsExactly("traceparent", Provenance.REPLAY_ID,
                Provenance.REPLAYED_FROM, Provenance.REPLAY_COUNT);
        assertThat(value(message.headers(), Provenance.REPLAY_ID)).isEqualTo("replay-1");
        assertThat(value(message.headers(), Provenance.REPLAYED_FROM)).isEqualTo("orders.DLT/0@42");
        assertThat(value(message.headers(), Provenance.REPLAY_COUNT)).isEqualTo("1");
        assertThat(Provenance.isReplayOf(message.headers(), "replay-1", "orders.DLT/0@42")).isTrue();
    }

    @Test
    void aReplayedEventCountsOnAndOneReplayedTooOftenIsQuarantined() {
        var twice = kafkaDeadLetter(1, "a", header(Provenance.REPLAY_COUNT, "2"),
                header(Provenance.REPLAY_ID, "older-replay"));
        var thrice = kafkaDeadLetter(2, "b", header(Provenance.REPLAY_COUNT, "3"));
        var garbage = kafkaDeadLetter(3, "c", header(Provenance.REPLAY_COUNT, "many"));

        ReplayPlan plan = planner.plan(kafkaSelection(twice, thrice, garbage), List.of(), ReplayMode.MOVE);

        assertThat(plan.events()).extracting(PlannedEvent::key).containsExactly("orders.DLT/0@1", "orders.DLT/0@3");
        PlannedEvent third = plan.events().getFirst();
        assertThat(third.replayCount()).isEqualTo(3);
        assertThat(value(third.message().headers(), Provenance.REPLAY_COUNT)).isEqualTo("3");
        assertThat(value(third.message().headers(), Provenance.REPLAY_ID)).isEqualTo("replay-1");
        assertThat(third.message().headers()).filteredOn(h -> h.name().equals(Provenance.REPLAY_ID)).hasSize(1);
        assertThat(plan.events().get(1).replayCount()).isEqualTo(1); // not a count: someone else's header
        assertThat(plan.held()).singleElement().satisfies(held -> {
            assertThat(held.key()).isEqualTo("orders.DLT/0@2");
            assertThat(held.why()).isEqualTo(HeldEvent.Why.QUARANTINED);
            assertThat(held.reason()).contains("Replayed 3 times", "limit is 3");
        });
    }

    @Test
    void transformsApplyInOrderAndAPayloadThatIsNotJsonIsHeldBackWithTheReason() {
        var json = kafkaDeadLetter(1, "{\"amount\":10,\"customer\":{\"email\":\"x\"}}", header("tenant", "eu"));
        var notJson = kafkaDeadLetter(2, "plain text");
        List<Transform> transforms = List.of(new Transform.SetHeader("tenant", utf8("us")),
                new Transform.RemoveHeader("traceparent"), new Transform.SetJsonField("$.customer.email",
                        "\"fixed@example.com\""), new Transform.SetJsonField("$['new'].nested", "42"));

        ReplayPlan plan = planner.plan(kafkaSelection(json, notJson), transforms, ReplayMode.COPY);

        PlannedEvent event = plan.events().getFirst();
        assertThat(text(event.message().value())).isEqualTo(
                "{\"amount\":10,\"customer\":{\"email\":\"fixed@example.com\"},\"new\":{\"nested\":42}}");
        assertThat(names(event.message().headers())).startsWith("tenant").doesNotContain("traceparent");
        assertThat(value(event.message().headers(), "tenant")).isEqualTo("us");
        assertThat(event.transforms()).isEqualTo(transforms);
        assertThat(plan.held()).singleElement().satisfies(held -> {
            assertThat(held.why()).isEqualTo(HeldEvent.Why.TRANSFORM_FAILED);
            assertThat(held.reason()).isEqualTo("The payload is not JSON, so $.customer.email cannot be set.");
        });
    }

    @Test
    void aValueReadThroughItsSchemaIsEditedAsJsonAndWrittenBackInThatSchemaNeverAsJson() {
        var read = DecodedValue.read("Avro", 7, "orders-value v2", "{}", utf8("{\"amount\":10}"));
        var avro = kafkaDeadLetter(1, "\0avro-bytes").withDecoded(read);
        var untouched = kafkaDeadLetter(2, "\0avro-bytes").withDecoded(read);
        ValueWriter writer = (original, json) -> utf8("written in schema " + original.schemaId() + ": " + text(json));
        var planner = new ReplayPlanner(Clock.fixed(NOW, ZoneOffset.UTC), () -> "r", DeadLetterHeaders.KNOWN_CONVENTIONS,
                3, writer);

        var edited = planner.plan(kafkaSelection(avro), List.of(new Transform.SetJsonField("$.amount", "12")),
                ReplayMode.COPY);
        var headerOnly = planner.plan(kafkaSelection(untouched), List.of(new Transform.SetHeader("tenant",
                utf8("eu"))), ReplayMode.COPY);

        assertThat(text(edited.events().getFirst().message().value()))
                .isEqualTo("written in schema 7: {\"amount\":12}");
        assertThat(text(headerOnly.events().getFirst().message().value())).isEqualTo("\0avro-bytes");
    }

    @Test
    void anEditedSchemaValueWithoutAWriterIsHeldBackNotSentAsJson() {
        var read = DecodedValue.read("Avro", 7, "", "", utf8("{\"amount\":10}"));
        var avro = kafkaDeadLetter(1, "\0avro-bytes").withDecoded(read);

        ReplayPlan plan = planner.plan(kafkaSelection(avro), List.of(new Transform.SetJsonField("$.amount", "12")),
                ReplayMode.COPY);

        assertThat(plan.events()).isEmpty();
        assertThat(plan.held()).singleElement().satisfies(held -> {
            assertThat(held.why()).isEqualTo(HeldEvent.Why.TRANSFORM_FAILED);
            assertThat(held.reason()).contains("Avro, schema id 7").contains("schema registry");
        });
    }

    @Test
    void transformsCannotForgeProvenanceOrRunAnExpression() {
        assertThatThrownBy(() -> new Transform.SetHeader(Provenance.REPLAY_COUNT, utf8("0")))
                .hasMessageContaining("written by the replay itself");
        assertThatThrownBy(() -> new Transform.RemoveHeader(Provenance.REPLAY_ID))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Transform.SetJsonField("$..email", "1")).hasMessageContaining("empty");
        assertThatThrownBy(() -> new Transform.SetJsonField("$.items[0]", "1")).hasMessageContaining("['name']");
        assertThatThrownBy(() -> new Transform.SetJsonField("$.a", "unquoted")).hasMessageContaining("needs quotes");
    }

    @Test
    void aRabbitDeadLetterKeepsItsEventPropertiesAndGoesToTheExchangeUnderTheRoutingKey() {
        var selection = new ReplaySelection("payments.dlq", EventIdentity.BY_CONTENT, List.of(
                new SelectedEvent(Messages.rabbitDeadLetter("m-1", "{}"),
                        new ReplayTarget.RabbitExchange("payments", "payment.created"))));

        PlannedEvent event = planner.plan(selection, List.of(), ReplayMode.MOVE).events().getFirst();

        assertThat(event.key()).isEqualTo("payments.dlq/message-id=m-1");
        assertThat(event.message().destination()).isEqualTo("payments");
        assertThat(text(event.message().key())).isEqualTo("payment.created");
        assertThat(names(event.message().headers())).containsExactly("tenant", Provenance.REPLAY_ID,
                Provenance.REPLAYED_FROM, Provenance.REPLAY_COUNT);
        // the expiration that may have dead-lettered it, and what the broker said about its delivery, stay behind
        assertThat(event.message().properties()).containsOnlyKeys("message_id", "content_type", "timestamp");
    }

    @Test
    void theSameRecordPickedTwiceIsReplayedOnceButTwoIdenticalQueueMessagesAreTwoEvents() {
        var record = kafkaDeadLetter(7, "x");
        assertThat(planner.plan(kafkaSelection(record, record), List.of(), ReplayMode.COPY).events()).hasSize(1);

        var copy = new dev.flowdeck.core.browse.BrowsedMessage("q", 0, -1, null, null, utf8("same"), List.of());
        var target = new ReplayTarget.RabbitExchange("", "q");
        var selection = new ReplaySelection("q", EventIdentity.BY_CONTENT,
                List.of(new SelectedEvent(copy, target), new SelectedEvent(copy, target)));
        List<String> keys = planner.plan(selection, List.of(), ReplayMode.COPY).events().stream()
                .map(PlannedEvent::key).toList();
        assertThat(keys).hasSize(2).doesNotHaveDuplicates();
        assertThat(keys.get(1)).isEqualTo(keys.get(0) + "#2");
    }

    @Test
    void byKeyLeavesThePartitionToTheProducer() {
        var selection = new ReplaySelection("s", EventIdentity.BY_OFFSET, List.of(new SelectedEvent(
                kafkaDeadLetter(1, "v"), ReplayTarget.KafkaTopic.byKey("orders"))));
        OutgoingMessage message = planner.plan(selection, List.of(), ReplayMode.COPY).events().getFirst().message();
        assertThat(message.partition()).isEmpty();
        assertThat(text(message.key())).isEqualTo("order-1");
    }

    static List<String> names(List<MessageHeader> headers) {
        return headers.stream().map(MessageHeader::name).toList();
    }

    static String value(List<MessageHeader> headers, String name) {
        return headers.stream().filter(h -> h.name().equals(name)).map(h -> text(h.value())).reduce((a, b) -> b)
                .orElse(null);
    }
}
