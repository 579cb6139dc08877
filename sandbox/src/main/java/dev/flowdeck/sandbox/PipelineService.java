package dev.flowdeck.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A shop service that keeps up: consumes one topic, produces the next event of each order to the next topic, and
 * dead-letters the events it fails on (a share set by the failure rate) the Spring Kafka way. It commits only after
 * its output is acknowledged, so a crash never loses an order.
 */
final class PipelineService extends SimulatedConsumer {

    /** Turns an incoming event into the next one, or nothing when the order's journey ends here. */
    @FunctionalInterface
    interface Step {
        Optional<ObjectNode> next(ObjectNode incoming, RandomGenerator random);
    }

    static final String CORRELATION_ID = "correlation-id";
    static final String EVENT_TYPE = "event-type";
    static final String CONTENT_TYPE = "content-type";

    private final String outputTopic;
    private final Step step;
    private final double failureRate;
    private final RandomGenerator random;
    private final Producer<String, String> producer;
    private final ShopTracing tracing;
    private final ShopEvents events;

    PipelineService(String bootstrapServers, String group, String inputTopic, String outputTopic, Step step,
                    double failureRate, RandomGenerator random, Producer<String, String> producer,
                    ShopTracing tracing, ShopEvents events) {
        super(bootstrapServers, group, inputTopic, Map.of());
        this.outputTopic = outputTopic;
        this.step = step;
        this.failureRate = failureRate;
        this.random = random;
        this.producer = producer;
        this.tracing = tracing;
        this.events = events;
    }

    @Override
    void handle(ConsumerRecords<String, String> records) {
        for (ConsumerRecord<String, String> record : records) {
            process(record);
        }
        producer.flush();
        consumer.commitSync();
    }

    private void process(ConsumerRecord<String, String> record) {
        if (random.nextDouble() < failureRate) {
            producer.send(SpringDeadLetters.deadLetter(record, group, ListenerFailure.forService(group, random)));
            return;
        }
        ObjectNode incoming;
        try {
            incoming = events.parse(record.value());
        } catch (IllegalArgumentException malformed) {
            var failure = new ListenerFailure("org.apache.kafka.common.errors.SerializationException",
                    "Can't deserialize data from topic [" + record.topic() + "]: " + malformed.getMessage(),
                    List.of("org.springframework.kafka.support.serializer.JsonDeserializer"
                            + ".deserialize(JsonDeserializer.java:601)"));
            producer.send(SpringDeadLetters.deadLetter(record, group, failure));
            return;
        }
        step.next(incoming, random).ifPresent(next -> producer.send(forward(record, next)));
    }

    private ProducerRecord<String, String> forward(ConsumerRecord<String, String> cause, ObjectNode next) {
        var out = new ProducerRecord<>(outputTopic, next.path("orderId").asText(), events.write(next));
        Header correlation = cause.headers().lastHeader(CORRELATION_ID);
        if (correlation != null) {
            out.headers().add(CORRELATION_ID, correlation.value());
        }
        out.headers().add(EVENT_TYPE, next.path("type").asText().getBytes(StandardCharsets.UTF_8));
        out.headers().add(CONTENT_TYPE, "application/json".getBytes(StandardCharsets.UTF_8));
        tracing.continueTrace(cause.headers(), outputTopic, out.headers());
        return out;
    }
}
