package dev.flowdeck.core.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageHeader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** One realistic header set per convention of DLQ-CONVENTIONS.md, and what each must read as. */
class DeadLetterDecoderTest {

    private static final Instant WRITTEN = Instant.parse("2026-03-02T10:15:30Z");
    private static final DeadLetterDecoder DECODER = DeadLetterDecoder.standard();

    @Test
    void springKafkaNamesTheCauseNotItsListenerWrapper() {
        var message = kafka("payments-dlt", 2, 17,
                header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
                header("kafka_dlt-original-topic", "payments"),
                new MessageHeader("kafka_dlt-original-partition", ByteBuffer.allocate(4).putInt(2).array()),
                new MessageHeader("kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(4_211L).array()),
                new MessageHeader("kafka_dlt-original-timestamp",
                        ByteBuffer.allocate(8).putLong(1_772_446_500_000L).array()),
                header("kafka_dlt-original-timestamp-type", "CreateTime"),
                header("kafka_dlt-original-consumer-group", "inventory-service"),
                header("kafka_dlt-exception-fqcn", "org.springframework.kafka.listener.ListenerExecutionFailedException"),
                header("kafka_dlt-exception-cause-fqcn", "com.acme.inventory.OutOfStockException"),
                header("kafka_dlt-exception-message",
                        "Listener failed; com.acme.inventory.OutOfStockException: SKU-4821 has 0 units available, 2 requested"),
                header("kafka_dlt-exception-stacktrace", "org.springframework...: Listener failed\n\tat x.y(Z.java:1)\n"));

        DeadLetter deadLetter = DECODER.decode(message);

        assertThat(deadLetter.convention()).isEqualTo(Convention.SPRING_KAFKA);
        assertThat(deadLetter.at()).isEqualTo(new DeadLetter.Coordinates("payments-dlt", 2, 17));
        var origin = (KafkaOrigin) deadLetter.origin().orElseThrow();
        assertThat(origin.topic()).isEqualTo("payments");
        assertThat(origin.partition()).isEqualTo(OptionalInt.of(2));
        assertThat(origin.offset()).isEqualTo(OptionalLong.of(4_211L));
        assertThat(origin.timestamp()).contains(Instant.ofEpochMilli(1_772_446_500_000L));
        assertThat(origin.consumerGroup()).contains("inventory-service");
        assertThat(origin.key()).isEqualTo("ord-9".getBytes(StandardCharsets.UTF_8));
        assertThat(deadLetter.failure().exceptionClass()).contains("com.acme.inventory.OutOfStockException");
        assertThat(deadLetter.failure().message()).contains("SKU-4821 has 0 units available, 2 requested");
        assertThat(deadLetter.failure().stackTrace()).hasValueSatisfying(trace -> assertThat(trace).contains("Z.java"));
        assertThat(deadLetter.times().failedAt()).contains(WRITTEN);
        assertThat(deadLetter.notes()).isEmpty();
    }

    @Test
    void theLastOccurrenceOfARepeatedHeaderIsTheCurrentHop() {
        var message = kafka("orders-dlt", 0, 1,
                header("kafka_dlt-original-topic", "orders"),
                header("kafka_dlt-exception-fqcn", "java.lang.IllegalStateException"),
                header("kafka_dlt-original-topic", "orders-retry-0"),
                header("kafka_dlt-exception-fqcn", "java.lang.IllegalArgumentException"));

        DeadLetter deadLetter = DECODER.decode(message);

        assertThat(deadLetter.origin().map(Origin::destination)).contains("orders-retry-0");
        assertThat(deadLetter.failure().exceptionClass()).contains("java.lang.IllegalArgumentException");
    }

    @Test
    void springKafkaForwardingToAnotherTopicUsesTheShorterPrefix() {
        var message = kafka("orders-parked", 0, 3,
                header("kafka_original-topic", "orders"),
                header("kafka_original-partition", "1"),
                header("kafka_original-offset", "99"),
                header("kafka_exception-fqcn", "java.lang.IllegalStateException"),
                header("kafka_exception-message", "Currency CHF is not enabled"),
                header("retry_topic-attempts", "3"));

        DeadLetter deadLetter = DECODER.decode(message);

        assertThat(deadLetter.convention()).isEqualTo(Convention.SPRING_KAFKA_FORWARDED);
        var origin = (KafkaOrigin) deadLetter.origin().orElseThrow();
        assertThat(origin.partition()).hasValue(1);
        assertThat(origin.offset()).hasValue(99);
        assertThat(deadLetter.failure().count()).hasValue(3);
        assertThat(deadLetter.failure().message()).contains("Currency CHF is not enabled");
    }

    @Test
    void aKeyThatCouldNotBeDeserializedIsTheFailure() {
        var message = kafka("orders-dlt", 0, 5,
                header("kafka_dlt-original-topic", "orders"),
                header("kafka_dlt-key-exception-fqcn",
                        "org.apache.kafka.common.errors.SerializationException"),
                header("kafka_dlt-key-exception-message", "Size of data received is not 16"));

        DeadLetter deadLetter = DECODER.decode(message);

        assertThat(deadLetter.failure().exceptionClass())
                .contains("org.apache.kafka.common.errors.SerializationException");
        assertThat(deadLetter.failure().message()).contains("Size of data received is not 16");
        assertThat(deadLetter.notes()).anySatisfy(note -> assertThat(note).contains("key"));
    }

    @Test
    void kafkaConnectSaysMinusOneWhenItDoesNotKnowAndKeepsTheOriginalTimestamp() {
        var message = kafka("dlq-jdbc-sink", 0, 8,
                header("__connect.errors.topic", "orders"),
                header("__connect.errors.partition", "-1"),
                header("__connect.errors.offset", "-1"),
                header("__connect.errors.connector.name", "jdbc-sink"),
                header("__connect.errors.task.id", "0"),
                header("__connect.errors.stage", "VALUE_CONVERTER"),
                header("__connect.errors.class.name", "org.apache.kafka.connect.json.JsonConverter"),
                header("__connect.errors.exception.class.name", "org.apache.kafka.connect.errors.DataException"),
                header("__connect.errors.exception.message", "Converting byte[] to Kafka Connect data failed"),
                header("__connect.errors.exception.stacktrace",
                        "org.apache.kafka.connect.errors.DataException: Converting ...\n\tat a.b(C.java:2)"));

        DeadLetter deadLetter = DECODER.decode(message);

        assertThat(deadLetter.convention()).isEqualTo(Convention.KAFKA_CONNECT);
        var origin = (KafkaOrigin) deadLetter.origin().orElseThrow();
        assertThat(origin.topic()).isEqualTo("orders");
        assertThat(origin.partition()).isEmpty();
        assertThat(origin.offset()).isEmpty();
        assertThat(origin.timestamp()).contains(WRITTEN);
        assertThat(deadLetter.failure().exceptionClass()).contains("org.apache.kafka.connect.errors.DataException");
        assertThat(deadLetter.failure().reason()).contains("VALUE_CONVERTER in jdbc-sink");
        assertThat(deadLetter.times().failedAt()).isEmpty();
    }

    @Test
    void springCloudStreamKafkaBinder() {
        var message = kafka("error.orders.billing", 0, 2,
                header("x-original-topic", "orders"),
                new MessageHeader("x-original-partition", ByteBuffer.allocate(4).putInt(0).array()),
                new MessageHeader("x-original-offset", ByteBuffer.allocate(8).putLong(12L).array()),
                header("x-original-timestamp", "1772446500000"),
                header("x-exception-fqcn", "org.springframework.messaging.MessageHandlingException"),
                header("x-exception-message", "error occurred in message handler"),
                header("x-exception-stacktrace", "org.springframework.messaging.MessageHandlingException: ..."));

        DeadLetter deadLetter = DECODER.decode(message);

        assertThat(deadLetter.convention()).isEqualTo(Convention.SPRING_CLOUD_STREAM);
        var origin = (KafkaOrigin) deadLetter.origin().orElseThrow();
        assertThat(origin.topic()).isEqualTo("orders");
        assertThat(origin.partition()).hasValue(0);
        assertThat(origin.offset()).hasValue(12);
        assertThat(origin.timestamp()).contains(Instant.ofEpochMilli(1_772_446_500_000L));
        assertThat(deadLetter.failure().exceptionClass())
                .contains("org.springframework.messaging.MessageHandlingException");
    }

    @Test
    void karafkaSaysWhereButNotWhy() {
        var message = kafka("dead_messages", 0, 4,
                header("original_topic", "visits"),
                header("original_partition", "3"),
                header("original_offset", "1200"),
                header("original_consumer_group", "example_app_group"));

        DeadLetter deadLetter = DECODER.decode(message);

        assertThat(deadLetter.convention()).isEqualTo(Convention.KARAFKA);
        var origin = (KafkaOrigin) deadLetter.origin().orElseThrow();
        assertThat(origin.topic()).isEqualTo("visits");
        assertThat(origin.partition()).hasValue(3);
        assertThat(origin.offset()).hasValue(1200);
        assertThat(origin.consumerGroup()).contains("example_app_group");
        assertThat(deadLetter.failure()).isEqualTo(Failure.UNKNOWN);
        assertThat(deadLetter.notes()).containsExactly("Karafka does not record why a message failed");
    }

    @Test
    void rabbitXDeathAsTheConnectorHandsItOver() {
        // Rejected from billing.invoices, then expired twice in a retry queue: most recent first.
        String xDeath = """
                [{"count":2,"reason":"expired","queue":"billing.retry","time":"2026-03-02T10:14:00Z",
                  "exchange":"shop.dlx","routing-keys":["billing.invoices.retry"]},
                 {"count":1,"reason":"rejected","queue":"billing.invoices","time":"2026-03-02T10:12:00Z",
                  "exchange":"shop.events","routing-keys":["order.placed"]}]""";
        var message = rabbit("billing.invoices.dlq",
                header("x-death", xDeath),
                header("x-first-death-queue", "billing.invoices"),
                header("x-first-death-reason", "rejected"),
                header("x-first-death-exchange", "shop.events"),
                header("x-last-death-queue", "billing.retry"),
                header("x-last-death-reason", "expired"),
                header("x-last-death-exchange", "shop.dlx"));

        DeadLetter deadLetter = DECODER.decode(message);

        assertThat(deadLetter.convention()).isEqualTo(Convention.RABBITMQ);
        assertThat(deadLetter.origin()).contains(new RabbitOrigin("shop.events", List.of("order.placed"),
                "billing.invoices"));
        assertThat(deadLetter.failure().reason()).contains("expired");
        assertThat(deadLetter.failure().count()).hasValue(3);
        assertThat(deadLetter.failure().exceptionClass()).isEmpty();
        assertThat(deadLetter.times().firstDeath()).contains(Instant.parse("2026-03-02T10:12:00Z"));
        assertThat(deadLetter.times().lastDeath()).contains(Instant.parse("2026-03-02T10:14:00Z"));
        assertThat(deadLetter.times().failedAt()).contains(Instant.parse("2026-03-02T10:14:00Z"));
        assertThat(deadLetter.notes()).isEmpty();
    }

    @Test
    void theDefaultExchangeIsTheEmptyStringNotAMissingOne() {
        var message = rabbit("email.outbox.dlq", header("x-death", """
                [{"count":1,"reason":"expired","queue":"email.outbox","time":1772446500,"exchange":"",
                  "routing-keys":["email.outbox"],"original-expiration":"5000"}]"""));

        DeadLetter deadLetter = DECODER.decode(message);

        assertThat(deadLetter.origin()).contains(new RabbitOrigin("", List.of("email.outbox"), "email.outbox"));
        assertThat(deadLetter.times().firstDeath()).contains(Instant.ofEpochSecond(1_772_446_500L));
    }

    @Test
    void springCloudStreamsRabbitBinderAddsTheExceptionAndTheOriginalRoute() {
        var message = rabbit("orders.billing.dlq",
                header("x-death", """
                        [{"count":1,"reason":"rejected","queue":"orders.billing","time":"2026-03-02T10:12:00Z",
                          "exchange":"orders","routing-keys":["#"]}]"""),
                header("x-exception-message", "Payment gateway did not answer within 3000 ms"),
                header("x-exception-stacktrace", "com.acme.payments.gateway.PaymentGatewayTimeoutException: "
                        + "Payment gateway did not answer within 3000 ms\n\tat com.acme.A.b(A.java:1)"),
                header("x-original-exchange", "orders"),
                header("x-original-routingKey", "order.placed"));

        DeadLetter deadLetter = DECODER.decode(message);

        assertThat(deadLetter.origin()).contains(new RabbitOrigin("orders", List.of("order.placed"),
                "orders.billing"));
        assertThat(deadLetter.failure().exceptionClass())
                .contains("com.acme.payments.gateway.PaymentGatewayTimeoutException");
        assertThat(deadLetter.failure().reason()).contains("rejected");
    }

    @Test
    void amqp10DeathsHaveFirstAndLastTimes() {
        var message = rabbit("q.dlq", header("x-opt-deaths", """
                [{"queue":"q","reason":"delivery_limit","count":20,"first-time":"2026-03-02T10:00:00Z",
                  "last-time":"2026-03-02T10:30:00Z","exchange":"x","routing-keys":["k"]}]"""));

        DeadLetter deadLetter = DECODER.decode(message);

        assertThat(deadLetter.failure().reason()).contains("delivery_limit");
        assertThat(deadLetter.failure().count()).hasValue(20);
        assertThat(deadLetter.times().firstDeath()).contains(Instant.parse("2026-03-02T10:00:00Z"));
        assertThat(deadLetter.times().lastDeath()).contains(Instant.parse("2026-03-02T10:30:00Z"));
    }

    @Test
    void aHomeGrownConventionMappedOnTheProfileWinsOverFrameworkHeaders() {
        var mapping = HeaderMapping.fromProperties(Map.of(
                "flowdeck.dead-letter.header.origin", "src-topic",
                "flowdeck.dead-letter.header.origin-offset", "src-offset",
                "flowdeck.dead-letter.header.exception-class", "error-type",
                "flowdeck.dead-letter.header.exception-message", "error-text",
                "flowdeck.dead-letter.header.failed-at", "failed-at"));
        var message = kafka("orders.failed", 0, 7,
                header("src-topic", "orders"),
                header("src-offset", "41"),
                header("error-type", "ValidationError"),
                header("error-text", "amount must be positive"),
                header("failed-at", "2026-03-02T09:00:00Z"),
                header("x-original-topic", "something-else"));

        DeadLetter deadLetter = new DeadLetterDecoder(mapping).decode(message);

        assertThat(deadLetter.convention()).isEqualTo(Convention.CUSTOM);
        var origin = (KafkaOrigin) deadLetter.origin().orElseThrow();
        assertThat(origin.topic()).isEqualTo("orders");
        assertThat(origin.offset()).hasValue(41);
        assertThat(deadLetter.failure().exceptionClass()).contains("ValidationError");
        assertThat(deadLetter.times().failedAt()).contains(Instant.parse("2026-03-02T09:00:00Z"));
        // Without the mapping the framework's headers are read.
        assertThat(DECODER.decode(message).convention()).isEqualTo(Convention.SPRING_CLOUD_STREAM);
    }

    @Test
    void malformedHeadersBecomeNotesAndEmptyFields() {
        var message = kafka("orders-dlt", 0, 9,
                header("kafka_dlt-original-topic", "orders"),
                new MessageHeader("kafka_dlt-original-partition", new byte[] {1, 2, 3}),
                header("kafka_dlt-original-offset", "not a number"),
                new MessageHeader("kafka_dlt-exception-fqcn", new byte[] {(byte) 0xC3, (byte) 0x28}));

        DeadLetter deadLetter = DECODER.decode(message);

        var origin = (KafkaOrigin) deadLetter.origin().orElseThrow();
        assertThat(origin.partition()).isEmpty();
        assertThat(origin.offset()).isEmpty();
        assertThat(deadLetter.failure().exceptionClass()).isEmpty();
        assertThat(deadLetter.notes()).hasSize(3)
                .anySatisfy(note -> assertThat(note).startsWith("kafka_dlt-original-partition holds 3 bytes"))
                .anySatisfy(note -> assertThat(note).startsWith("kafka_dlt-exception-fqcn is not UTF-8"));
    }

    @Test
    void anXDeathThatIsNotAListIsANote() {
        DeadLetter deadLetter = DECODER.decode(rabbit("q.dlq", header("x-death", "{not json"),
                header("x-first-death-queue", "q")));

        assertThat(deadLetter.origin().map(Origin::destination)).contains("q");
        assertThat(deadLetter.failure().count()).isEmpty();
        assertThat(deadLetter.notes()).singleElement().asString().contains("x-death");
    }

    @Test
    void aMessageOfNoConventionSaysSo() {
        DeadLetter deadLetter = DECODER.decode(kafka("orders", 0, 0, header("traceparent", "00-ab")));

        assertThat(deadLetter.convention()).isEqualTo(Convention.NONE);
        assertThat(deadLetter.origin()).isEmpty();
        assertThat(deadLetter.notes()).containsExactly("no dead-letter convention's headers found");
    }

    static MessageHeader header(String name, String value) {
        return new MessageHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    static BrowsedMessage kafka(String topic, int partition, long offset, MessageHeader... headers) {
        return new BrowsedMessage(topic, partition, offset, WRITTEN, "ord-9".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8), List.of(headers));
    }

    static BrowsedMessage rabbit(String queue, MessageHeader... headers) {
        return new BrowsedMessage(queue, 0, 0, null, queue.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8), new ArrayList<>(List.of(headers)), true,
                Map.of("exchange", "shop.dlx", "routing_key", queue));
    }

}
