package dev.flowdeck.benchmarks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A dead-letter topic as Spring Kafka's {@code DeadLetterPublishingRecoverer} leaves it: the order events of a
 * topic that failed, each in {@code <topic>-dlt} on its original partition with its key, value and the
 * {@code kafka_dlt-*} headers (partition as 4 bytes, offset and timestamp as 8, a listener's wrapper exception and
 * its cause, a short stack trace). What the replay benchmark replays.
 *
 * @param origin     the topic the events failed in (named by their headers; it need not exist)
 * @param name       the dead-letter topic
 * @param partitions partitions of both
 * @param records    dead letters in it
 */
public record DeadLetterTopic(String origin, String name, int partitions, long records) {

    static final int PARTITIONS = 6;
    private static final String TRACE = """
            org.springframework.kafka.listener.ListenerExecutionFailedException: Listener failed
            \tat org.springframework.kafka.listener.KafkaMessageListenerContainer.decorateException(KafkaMessage\
            ListenerContainer.java:2999)
            Caused by: java.lang.IllegalStateException: payment service answered 503
            \tat shop.payments.PaymentListener.onOrder(PaymentListener.java:57)
            """;

    /** Creates the topic and writes {@code records} dead letters to it (not timed by any benchmark). */
    static DeadLetterTopic produce(Admin admin, String bootstrapServers, String origin, long records)
            throws InterruptedException, ExecutionException, TimeoutException {
        var topic = new DeadLetterTopic(origin, origin + "-dlt", PARTITIONS, records);
        admin.createTopics(List.of(new NewTopic(topic.name(), PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        NewTopics.awaitLeaders(admin, List.of(topic.name()));
        var failure = new AtomicReference<Exception>();
        try (var producer = new KafkaProducer<byte[], byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024))) {
            for (long i = 0; i < records && failure.get() == null; i++) {
                int partition = (int) (i % PARTITIONS);
                var record = new ProducerRecord<>(topic.name(), partition, OrderEvents.timestamp(i),
                        OrderEvents.key(i), OrderEvents.value(i));
                springHeaders(record.headers(), origin, partition, i / PARTITIONS, OrderEvents.timestamp(i));
                producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Producing " + topic.name() + " failed: " + failure.get(), failure.get());
        }
        return topic;
    }

    private static void springHeaders(Headers headers, String origin, int partition, long offset, long timestamp) {
        headers.add("kafka_dlt-original-topic", utf8(origin));
        headers.add("kafka_dlt-original-partition", ByteBuffer.allocate(Integer.BYTES).putInt(partition).array());
        headers.add("kafka_dlt-original-offset", ByteBuffer.allocate(Long.BYTES).putLong(offset).array());
        headers.add("kafka_dlt-original-timestamp", ByteBuffer.allocate(Long.BYTES).putLong(timestamp).array());
        headers.add("kafka_dlt-original-timestamp-type", utf8("CreateTime"));
        headers.add("kafka_dlt-original-consumer-group", utf8("payments"));
        headers.add("kafka_dlt-exception-fqcn",
                utf8("org.springframework.kafka.listener.ListenerExecutionFailedException"));
        headers.add("kafka_dlt-exception-cause-fqcn", utf8("java.lang.IllegalStateException"));
        headers.add("kafka_dlt-exception-message",
                utf8("Listener failed; payment service answered 503"));
        headers.add("kafka_dlt-exception-stacktrace", utf8(TRACE));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
