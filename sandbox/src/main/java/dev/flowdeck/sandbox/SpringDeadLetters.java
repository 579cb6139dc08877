package dev.flowdeck.sandbox;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Writes dead letters exactly as Spring Kafka 4's {@code DeadLetterPublishingRecoverer} does: to
 * {@code <topic>-dlt}, same partition, same key and value, the original headers kept and the {@code kafka_dlt-*}
 * headers added, with partition as a 4-byte and offset and timestamp as 8-byte big-endian binaries.
 */
final class SpringDeadLetters {

    static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";
    static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";
    static final String ORIGINAL_TIMESTAMP = "kafka_dlt-original-timestamp";
    static final String ORIGINAL_TIMESTAMP_TYPE = "kafka_dlt-original-timestamp-type";
    static final String ORIGINAL_CONSUMER_GROUP = "kafka_dlt-original-consumer-group";
    static final String EXCEPTION_FQCN = "kafka_dlt-exception-fqcn";
    static final String EXCEPTION_CAUSE_FQCN = "kafka_dlt-exception-cause-fqcn";
    static final String EXCEPTION_MESSAGE = "kafka_dlt-exception-message";
    static final String EXCEPTION_STACKTRACE = "kafka_dlt-exception-stacktrace";

    private SpringDeadLetters() {
    }

    static ProducerRecord<String, String> deadLetter(
            ConsumerRecord<String, String> failed, String consumerGroup, ListenerFailure failure) {
        var record = new ProducerRecord<>(ShopTopology.deadLetterTopic(failed.topic()), failed.partition(),
                failed.key(), failed.value());
        Headers headers = record.headers();
        failed.headers().forEach(headers::add);
        headers.add(ORIGINAL_TOPIC, utf8(failed.topic()));
        headers.add(ORIGINAL_PARTITION, ByteBuffer.allocate(Integer.BYTES).putInt(failed.partition()).array());
        headers.add(ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(failed.offset()).array());
        headers.add(ORIGINAL_TIMESTAMP, ByteBuffer.allocate(Long.BYTES).putLong(failed.timestamp()).array());
        headers.add(ORIGINAL_TIMESTAMP_TYPE, utf8(failed.timestampType().toString()));
        headers.add(ORIGINAL_CONSUMER_GROUP, utf8(consumerGroup));
        headers.add(EXCEPTION_FQCN, utf8(ListenerFailure.SPRING_WRAPPER));
        headers.add(EXCEPTION_CAUSE_FQCN, utf8(failure.causeClass()));
        headers.add(EXCEPTION_MESSAGE, utf8(failure.wrapperMessage()));
        headers.add(EXCEPTION_STACKTRACE, utf8(failure.stackTrace()));
        return record;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
