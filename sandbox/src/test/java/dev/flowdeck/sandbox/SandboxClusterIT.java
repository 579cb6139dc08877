package dev.flowdeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox against its promises, read back with bare Kafka clients: a real broker, every event type with a
 * parseable trace context, Spring-style dead letters that point at their originals, a slow group falling behind,
 * a stalled group whose offsets never move and a group that handles each record a set delay after it was written.
 */
class SandboxClusterIT {

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");
    private static final int STALL_AFTER = 25;
    private static final Duration EMAIL_DELAY = Duration.ofSeconds(4);

    private static SandboxCluster sandbox;
    private static Admin admin;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startSandbox() {
        // Faster than the default so each promise shows within seconds; same code paths.
        sandbox = SandboxCluster.start(new SandboxSettings(20, 2, STALL_AFTER, EMAIL_DELAY, 0.05, 42));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers()));
    }

    @AfterAll
    static void stopSandbox() {
        if (admin != null) {
            admin.close();
        }
        if (sandbox != null) {
            sandbox.close();
            assertThat(sandbox.isRunning()).isFalse();
            assertThat(sandbox.brokerLog()).doesNotExist();
        }
    }

    @Test
    void everyEventTypeFlowsWithOneTracePerOrder() {
        Map<String, Set<String>> typesByTopic = Map.of(
                ShopTopology.ORDERS, Set.of("OrderPlaced"),
                ShopTopology.PAYMENTS, Set.of("PaymentCaptured", "PaymentDeclined"),
                ShopTopology.INVENTORY, Set.of("StockReserved"),
                ShopTopology.SHIPMENTS, Set.of("ShipmentPrepared"),
                ShopTopology.NOTIFICATIONS, Set.of("CustomerNotified"));
        Map<String, Map<String, String>> traceIdByOrderPerTopic = new HashMap<>();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (var entry : typesByTopic.entrySet()) {
                Set<String> seen = new HashSet<>();
                Map<String, String> traceIds = new HashMap<>();
                for (ConsumerRecord<String, String> record : readFromStart(entry.getKey(), 2_000)) {
                    JsonNode event = json.readTree(record.value());
                    assertThat(record.key()).isEqualTo(event.path("orderId").asText()).startsWith("ord-");
                    assertThat(header(record, "correlation-id")).isNotBlank();
                    assertThat(header(record, "traceparent")).as("traceparent of %s", record).isNotNull();
                    var traceparent = TRACEPARENT.matcher(header(record, "traceparent"));
                    assertThat(traceparent.matches()).as("traceparent of %s", record).isTrue();
                    assertThat(traceparent.group(1)).isNotEqualTo("0".repeat(32));
                    seen.add(event.path("type").asText());
                    traceIds.put(record.key(), traceparent.group(1));
                }
                assertThat(seen).as("event types on %s", entry.getKey()).containsAll(entry.getValue());
                traceIdByOrderPerTopic.put(entry.getKey(), traceIds);
            }
        });

        // One trace per order: the notification of an order carries the trace its OrderPlaced started.
        Map<String, String> orders = traceIdByOrderPerTopic.get(ShopTopology.ORDERS);
        Map<String, String> notifications = traceIdByOrderPerTopic.get(ShopTopology.NOTIFICATIONS);
        List<String> notified = notifications.keySet().stream().filter(orders::containsKey).toList();
        assertThat(notified).isNotEmpty();
        notified.forEach(order -> assertThat(notifications.get(order)).isEqualTo(orders.get(order)));
        assertThat(new HashSet<>(orders.values())).hasSameSizeAs(orders.keySet());
    }

    @Test
    void deadLettersCarrySpringHeadersPointingAtTheirOriginal() throws Exception {
        List<ConsumerRecord<String, String>> deadLetters = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            deadLetters.clear();
            deadLetters.addAll(readFromStart(ShopTopology.deadLetterTopic(ShopTopology.ORDERS), 1_000));
            deadLetters.addAll(readFromStart(ShopTopology.deadLetterTopic(ShopTopology.PAYMENTS), 1_000));
            return deadLetters.size() >= 3;
        });

        for (ConsumerRecord<String, String> deadLetter : deadLetters) {
            String originalTopic = header(deadLetter, "kafka_dlt-original-topic");
            assertThat(deadLetter.topic()).isEqualTo(originalTopic + "-dlt");
            byte[] partitionBytes = deadLetter.headers().lastHeader("kafka_dlt-original-partition").value();
            byte[] offsetBytes = deadLetter.headers().lastHeader("kafka_dlt-original-offset").value();
            assertThat(partitionBytes).hasSize(4);
            assertThat(offsetBytes).hasSize(8);
            int partition = ByteBuffer.wrap(partitionBytes).getInt();
            long offset = ByteBuffer.wrap(offsetBytes).getLong();
            assertThat(deadLetter.partition()).isEqualTo(partition);

            ConsumerRecord<String, String> original = readOne(new TopicPartition(originalTopic, partition), offset);
            assertThat(original.key()).isEqualTo(deadLetter.key());
            assertThat(original.value()).isEqualTo(deadLetter.value());
            assertThat(header(deadLetter, "traceparent")).isEqualTo(header(original, "traceparent"));

            assertThat(header(deadLetter, "kafka_dlt-exception-fqcn"))
                    .isEqualTo("org.springframework.kafka.listener.ListenerExecutionFailedException");
            assertThat(header(deadLetter, "kafka_dlt-exception-cause-fqcn")).contains(".").doesNotContain(" ");
            assertThat(header(deadLetter, "kafka_dlt-exception-message")).startsWith("Listener failed; ");
            assertThat(header(deadLetter, "kafka_dlt-exception-stacktrace")).contains("Caused by: ");
            assertThat(header(deadLetter, "kafka_dlt-original-consumer-group"))
                    .isIn(ShopTopology.PAYMENT_SERVICE, ShopTopology.INVENTORY_SERVICE);
        }
        long distinctCauses = deadLetters.stream()
                .map(record -> header(record, "kafka_dlt-exception-cause-fqcn")).distinct().count();
        assertThat(distinctCauses).as("failures are varied").isGreaterThan(1);
    }

    @Test
    void slowGroupFallsFurtherBehindWhileItsOffsetsAdvanceOnEveryPartition() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> committed(ShopTopology.SLOW_GROUP).size()
                == ShopTopology.PARTITIONS);
        long lagBefore = lag(ShopTopology.SLOW_GROUP, ShopTopology.ORDERS);
        Map<TopicPartition, Long> committedBefore = committed(ShopTopology.SLOW_GROUP);

        // Every partition moves: one left standing while records wait there would be a stall, not a slow group.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<TopicPartition, Long> committed = committed(ShopTopology.SLOW_GROUP);
            committedBefore.forEach((partition, before) ->
                    assertThat(committed.get(partition)).as("%s", partition).isGreaterThan(before));
            assertThat(lag(ShopTopology.SLOW_GROUP, ShopTopology.ORDERS)).isGreaterThan(lagBefore + 20);
        });
        // The services that keep up stay close to the end of their topic all along.
        assertThat(lag(ShopTopology.PAYMENT_SERVICE, ShopTopology.ORDERS)).isLessThan(100);
    }

    @Test
    void stalledGroupKeepsItsMembersButNeverMovesItsOffsets() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> committedSum(ShopTopology.STALLED_GROUP) == STALL_AFTER);
        Map<TopicPartition, Long> stuckAt = committed(ShopTopology.STALLED_GROUP);
        long lagAtStall = lag(ShopTopology.STALLED_GROUP, ShopTopology.PAYMENTS);

        await().pollDelay(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(lag(ShopTopology.STALLED_GROUP, ShopTopology.PAYMENTS)).isGreaterThan(lagAtStall + 20));
        assertThat(committed(ShopTopology.STALLED_GROUP)).isEqualTo(stuckAt);

        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(ShopTopology.STALLED_GROUP))
                .describedGroups().get(ShopTopology.STALLED_GROUP).get(10, TimeUnit.SECONDS);
        assertThat(group.members()).as("the stalled consumer is still a member").hasSize(1);
    }

    @Test
    void emailGroupHandlesEachNotificationOnlyOnceItIsTheDelayOldAndKeepsUp() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> committedSum(ShopTopology.DELAYED_GROUP) > 0);
        long handledBefore = committedSum(ShopTopology.DELAYED_GROUP);
        await().atMost(Duration.ofSeconds(30)).until(() -> committedSum(ShopTopology.DELAYED_GROUP) > handledBefore);

        Map<TopicPartition, Long> committed = committed(ShopTopology.DELAYED_GROUP);
        long now = System.currentTimeMillis(); // after the commits were read: every handled record was due by then
        for (var partition : committed.entrySet()) {
            if (partition.getValue() > 0) {
                ConsumerRecord<String, String> lastHandled = readOne(partition.getKey(), partition.getValue() - 1);
                assertThat(now - lastHandled.timestamp()).as("age of the last handled record on %s", partition)
                        .isGreaterThanOrEqualTo(EMAIL_DELAY.toMillis());
            }
        }
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(ShopTopology.DELAYED_GROUP))
                .describedGroups().get(ShopTopology.DELAYED_GROUP).get(10, TimeUnit.SECONDS);
        assertThat(group.members()).as("a live member while it waits").hasSize(1);
        // It keeps up: what waits is about the last few seconds of notifications, not a growing backlog.
        assertThat(lag(ShopTopology.DELAYED_GROUP, ShopTopology.NOTIFICATIONS)).isLessThan(200);
    }

    private Map<TopicPartition, Long> committed(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> result = new HashMap<>();
        offsets.forEach((partition, offset) -> result.put(partition, offset == null ? 0 : offset.offset()));
        return result;
    }

    private long committedSum(String group) throws Exception {
        return committed(group).values().stream().mapToLong(Long::longValue).sum();
    }

    private long lag(String group, String topic) throws Exception {
        Map<TopicPartition, Long> committed = committed(group);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < ShopTopology.PARTITIONS; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        long lag = 0;
        for (var end : admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).entrySet()) {
            lag += end.getValue().offset() - committed.getOrDefault(end.getKey(), 0L);
        }
        return lag;
    }

    private KafkaConsumer<String, String> browser() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }

    private List<ConsumerRecord<String, String>> readFromStart(String topic, int max) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (var consumer = browser()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < ShopTopology.PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (records.size() < max && System.nanoTime() < deadline
                    && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private ConsumerRecord<String, String> readOne(TopicPartition partition, long offset) {
        try (var consumer = browser()) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, offset);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == offset) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no record at " + partition + "@" + offset);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
