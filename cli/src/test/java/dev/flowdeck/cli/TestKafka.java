package dev.flowdeck.cli;

import dev.flowdeck.sandbox.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One real Kafka broker (the sandbox's embedded one, in a child JVM) for every integration test of this module,
 * and an orders topic whose every record the tests know. Stopped by the broker's own shutdown hook.
 */
final class TestKafka {

    static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    static final int ORDERS = 30;
    /** Not UTF-8: what a jsonl export must carry as base64. */
    static final byte[] BINARY = {(byte) 0x80, (byte) 0xff, 0x00, 0x41};

    private static EmbeddedKafkaBroker broker;
    private static String ordersTopic;

    private TestKafka() {
    }

    static synchronized String bootstrapServers() {
        if (broker == null) {
            broker = EmbeddedKafkaBroker.start();
        }
        return broker.bootstrapServers();
    }

    /**
     * Three partitions, records placed by the default partitioner (so a key search finds them): order i has key
     * {@code ord-i}, value {@code {"orderId":"ord-i","amount":i*10,"status":"FAILED" every fifth, else "PAID"}},
     * a {@code type} header and timestamp BASE + i s. Then a binary record with two {@code attempt} headers and a
     * tombstone for ord-3, both an hour before BASE.
     */
    static synchronized String ordersTopic() throws Exception {
        if (ordersTopic == null) {
            String topic = newTopic(3);
            try (var producer = producer()) {
                for (int i = 0; i < ORDERS; i++) {
                    String value = "{\"orderId\":\"ord-" + i + "\",\"amount\":" + (i * 10) + ",\"status\":\""
                            + (i % 5 == 0 ? "FAILED" : "PAID") + "\"}";
                    var record = new ProducerRecord<>(topic, null, BASE.plusSeconds(i).toEpochMilli(),
                            bytes("ord-" + i), bytes(value));
                    record.headers().add("type", bytes("OrderPlaced"));
                    producer.send(record);
                }
                long before = BASE.minusSeconds(3600).toEpochMilli();
                var binary = new ProducerRecord<>(topic, null, before, bytes("bin"), BINARY);
                binary.headers().add(new RecordHeader("attempt", bytes("1")))
                        .add(new RecordHeader("attempt", BINARY));
                producer.send(binary);
                producer.send(new ProducerRecord<>(topic, null, before, bytes("ord-3"), (byte[]) null));
                producer.flush();
            }
            ordersTopic = topic;
        }
        return ordersTopic;
    }

    static String newTopic(int partitions) throws Exception {
        return newTopicNamed("cli-" + UUID.randomUUID(), partitions);
    }

    static String newTopicNamed(String topic, int partitions) throws Exception {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return topic;
    }

    /** A new group, without members, one record behind on a new topic of its own. */
    static String groupOneBehind() throws Exception {
        String topic = newTopic(1);
        try (var producer = producer()) {
            producer.send(new ProducerRecord<>(topic, bytes("k"), bytes("v"))).get(30, TimeUnit.SECONDS);
        }
        String group = "cli-group-" + UUID.randomUUID();
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        return group;
    }

    static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
