package dev.flowdeck.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.lag.ConsumerGroupLag;
import dev.flowdeck.core.lag.PartitionLag;
import dev.flowdeck.core.publish.OutgoingMessage;
import dev.flowdeck.core.publish.PublishReceipt;
import dev.flowdeck.core.publish.ReadOnlyProfileException;
import dev.flowdeck.sandbox.ShopTopology;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KafkaLagAndPublishIT {

    private static String bootstrap;
    private static Admin admin;
    private static ExecutorService worker;
    private static KafkaBrokerConnection connection;

    @BeforeAll
    static void open() {
        bootstrap = TestSandbox.get().bootstrapServers();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        worker = Executors.newFixedThreadPool(2);
        connection = KafkaBrokerConnection.open(ConnectionProfile.kafka("sandbox", bootstrap), worker);
    }

    @AfterAll
    static void close() {
        connection.close();
        admin.close();
        worker.shutdownNow();
    }

    @Test
    void readsEveryGroupsLagAsTheBrokerReportsIt() throws Exception {
        // The stalled group's offsets never move once it is stuck: its committed offsets must match exactly.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                committedSum(ShopTopology.STALLED_GROUP) == 25);

        List<ConsumerGroupLag> groups = connection.consumerGroups().toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(groups).extracting(ConsumerGroupLag::group).contains(ShopTopology.PAYMENT_SERVICE,
                ShopTopology.SLOW_GROUP, ShopTopology.STALLED_GROUP);
        ConsumerGroupLag stalled = groups.stream()
                .filter(g -> g.group().equals(ShopTopology.STALLED_GROUP)).findFirst().orElseThrow();
        assertThat(stalled.members()).isEqualTo(1);
        assertThat(stalled.state()).isEqualTo("Stable");
        Map<TopicPartition, Long> reported = new HashMap<>();
        stalled.partitions().forEach(p -> reported.put(new TopicPartition(p.topic(), p.partition()), p.committed()));
        assertThat(reported).isEqualTo(committed(ShopTopology.STALLED_GROUP));
        assertThat(stalled.partitions()).allSatisfy(p -> assertThat(p.end()).isGreaterThanOrEqualTo(p.committed()));
        assertThat(stalled.totalLag()).isEqualTo(stalled.partitions().stream().mapToLong(PartitionLag::lag).sum())
                .isPositive();
    }

    @Test
    void publishesAndTheBrokerHoldsExactlyWhatWasSent() throws Exception {
        String topic = newTopic();
        var message = new OutgoingMessage(topic, OptionalInt.of(1), bytes("ord-42"), bytes("{\"orderId\":\"ord-42\"}"),
                List.of(new MessageHeader("correlation-id", bytes("c-1")), new MessageHeader("empty", null)));

        PublishReceipt receipt = connection.publish(message).toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(receipt.destination()).isEqualTo(topic);
        assertThat(receipt.partition()).isEqualTo(1);
        ConsumerRecord<byte[], byte[]> stored = readAt(new TopicPartition(topic, 1), receipt.offset());
        assertThat(stored.key()).isEqualTo(message.key());
        assertThat(stored.value()).isEqualTo(message.value());
        assertThat(stored.headers().lastHeader("correlation-id").value()).isEqualTo(bytes("c-1"));
        assertThat(stored.headers().lastHeader("empty").value()).isNull();
    }

    @Test
    void aReadOnlyProfileRefusesToPublishAndNothingReachesTheBroker() throws Exception {
        String topic = newTopic();
        try (var readOnly = KafkaBrokerConnection.open(
                ConnectionProfile.kafka("prod-eu", bootstrap).asReadOnly(), worker)) {
            var message = new OutgoingMessage(topic, OptionalInt.empty(), null, bytes("x"), List.of());

            assertThatThrownBy(() -> readOnly.publish(message).toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ReadOnlyProfileException.class)
                    .hasMessage("The profile 'prod-eu' is read-only: publishing to " + topic + " is refused.");
        }
        var partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
        try (var consumer = consumer()) {
            assertThat(consumer.endOffsets(partitions).values()).containsOnly(0L);
        }
    }

    private Map<TopicPartition, Long> committed(String group) throws Exception {
        Map<TopicPartition, Long> result = new HashMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                .forEach((tp, offset) -> result.put(tp, offset.offset()));
        return result;
    }

    private long committedSum(String group) throws Exception {
        return committed(group).values().stream().mapToLong(Long::longValue).sum();
    }

    private static String newTopic() throws Exception {
        String name = "publish-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(name, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        return name;
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    private static ConsumerRecord<byte[], byte[]> readAt(TopicPartition partition, long offset) {
        try (var consumer = consumer()) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, offset);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == offset) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("nothing at " + partition + "@" + offset);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
