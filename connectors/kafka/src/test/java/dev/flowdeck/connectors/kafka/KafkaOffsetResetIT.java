package dev.flowdeck.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.flowdeck.core.audit.AuditEntry;
import dev.flowdeck.core.audit.AuditLog;
import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.offsets.OffsetReset;
import dev.flowdeck.core.offsets.OffsetResetPlan;
import dev.flowdeck.core.offsets.OffsetResetTarget;
import dev.flowdeck.core.offsets.PartitionId;
import dev.flowdeck.core.offsets.PartitionReset;
import dev.flowdeck.core.publish.ReadOnlyProfileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Offset resets against the sandbox's real broker. Each test has a topic of three partitions holding ten records
 * each, stamped one second apart from {@link #t0}, and a group of its own that committed offset 5 on each and then
 * left (an inactive group, as a reset needs).
 */
class KafkaOffsetResetIT {

    private static final int PARTITIONS = 3;
    private static final int RECORDS = 10;

    private static String bootstrap;
    private static Admin admin;
    private static ExecutorService worker;
    private static KafkaBrokerConnection connection;

    private final Instant t0 = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    private String topic;
    private String group;

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

    @BeforeEach
    void topicWithRecordsAndAnInactiveGroup() throws Exception {
        topic = "reset-" + UUID.randomUUID();
        group = "reset-group-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        try (var producer = new KafkaProducer<byte[], byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (int p = 0; p < PARTITIONS; p++) {
                for (int i = 0; i < RECORDS; i++) {
                    producer.send(new ProducerRecord<>(topic, p, t0.plusSeconds(i).toEpochMilli(), null,
                            new byte[] {(byte) i}));
                }
            }
            producer.flush();
        }
        commit(Map.of(0, 5L, 1, 5L, 2, 5L));
    }

    @Test
    void toEarliestPreviewsTheLagAndCommitsTheStartOfEveryPartition() throws Exception {
        OffsetResetPlan plan = get(connection.previewOffsetReset(group, OffsetResetTarget.EARLIEST));

        assertThat(plan.group()).isEqualTo(group);
        assertThat(plan.partitions()).containsExactly(
                new PartitionReset(new PartitionId(topic, 0), 5, 0, 10),
                new PartitionReset(new PartitionId(topic, 1), 5, 0, 10),
                new PartitionReset(new PartitionId(topic, 2), 5, 0, 10));
        assertThat(plan.totalLag()).isEqualTo(30);
        assertThat(committed()).as("a preview changes nothing").isEqualTo(Map.of(0, 5L, 1, 5L, 2, 5L));

        assertThat(get(connection.resetOffsets(plan))).isEqualTo(plan);
        assertThat(committed()).isEqualTo(Map.of(0, 0L, 1, 0L, 2, 0L));
    }

    @Test
    void toLatestSkipsEverythingWaiting() throws Exception {
        OffsetResetPlan plan = get(connection.previewOffsetReset(group, OffsetResetTarget.LATEST));

        assertThat(plan.partitions()).extracting(PartitionReset::newOffset).containsOnly(10L);
        assertThat(plan.totalLag()).isZero();
        get(connection.resetOffsets(plan));
        assertThat(committed()).isEqualTo(Map.of(0, 10L, 1, 10L, 2, 10L));
    }

    @Test
    void toATimeFindsTheFirstRecordAtOrAfterItAndATimePastTheEndMeansTheEnd() throws Exception {
        OffsetResetPlan plan = get(connection.previewOffsetReset(group,
                new OffsetResetTarget.AtTime(t0.plusMillis(3_500))));

        assertThat(plan.partitions()).extracting(PartitionReset::newOffset).containsOnly(4L);
        assertThat(plan.totalLag()).isEqualTo(3 * 6);
        get(connection.resetOffsets(plan));
        assertThat(committed()).isEqualTo(Map.of(0, 4L, 1, 4L, 2, 4L));

        OffsetResetPlan future = get(connection.previewOffsetReset(group,
                new OffsetResetTarget.AtTime(Instant.now().plus(Duration.ofDays(1)))));
        assertThat(future.partitions()).extracting(PartitionReset::current).containsOnly(4L);
        assertThat(future.partitions()).extracting(PartitionReset::newOffset).containsOnly(10L);
    }

    @Test
    void givenOffsetsMoveOnlyThePartitionsNamed() throws Exception {
        var target = new OffsetResetTarget.Offsets(Map.of(new PartitionId(topic, 2), 7L,
                new PartitionId(topic, 0), 2L));

        OffsetResetPlan plan = get(connection.previewOffsetReset(group, target));

        assertThat(plan.partitions()).containsExactly(
                new PartitionReset(new PartitionId(topic, 0), 5, 2, 10),
                new PartitionReset(new PartitionId(topic, 2), 5, 7, 10));
        get(connection.resetOffsets(plan));
        assertThat(committed()).isEqualTo(Map.of(0, 2L, 1, 5L, 2, 7L));
    }

    @Test
    void givenOffsetsOutsideThePartitionsRecordsAreRefusedWithTheRange() {
        var target = new OffsetResetTarget.Offsets(Map.of(new PartitionId(topic, 1), 11L));

        assertThatThrownBy(() -> get(connection.previewOffsetReset(group, target)))
                .isInstanceOf(BrokerException.class)
                .hasMessage("Offsets outside the partitions' records: " + topic + "-1 holds offsets 0 to 10, not 11.");
    }

    @Test
    void aGroupWithoutCommittedOffsetsHasNothingToMoveToEarliest() {
        String stranger = "never-committed-" + UUID.randomUUID();

        assertThatThrownBy(() -> get(connection.previewOffsetReset(stranger, OffsetResetTarget.EARLIEST)))
                .isInstanceOf(BrokerException.class)
                .hasMessageStartingWith("Group " + stranger + " has no committed offsets on " + bootstrap);
    }

    @Test
    void anActiveGroupIsRefusedAndAPlanMadeBeforeItJoinedChangesNothing() throws Exception {
        OffsetResetPlan madeWhileInactive = get(connection.previewOffsetReset(group, OffsetResetTarget.EARLIEST));
        try (var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100));
                return !consumer.assignment().isEmpty();
            });

            assertThatThrownBy(() -> get(connection.previewOffsetReset(group, OffsetResetTarget.LATEST)))
                    .isInstanceOf(BrokerException.class)
                    .hasMessageMatching("Group " + group + " is active \\(\\w+, 1 consumer\\): stop its 1 consumer "
                            + "first; offsets can be reset only while no consumer reads them\\.");
            assertThatThrownBy(() -> get(connection.resetOffsets(madeWhileInactive)))
                    .isInstanceOf(BrokerException.class)
                    .hasMessageEndingWith("stop its 1 consumer first; nothing was changed.");
        }
        assertThat(committed()).isEqualTo(Map.of(0, 5L, 1, 5L, 2, 5L));
    }

    @Test
    void aReadOnlyProfileRefusesBothThePreviewAndTheReset() throws Exception {
        OffsetResetPlan plan = get(connection.previewOffsetReset(group, OffsetResetTarget.EARLIEST));
        try (var readOnly = KafkaBrokerConnection.open(
                ConnectionProfile.kafka("prod-eu", bootstrap).asReadOnly(), worker)) {

            assertThatThrownBy(() -> get(readOnly.previewOffsetReset(group, OffsetResetTarget.EARLIEST)))
                    .isInstanceOf(ReadOnlyProfileException.class)
                    .hasMessage("The profile 'prod-eu' is read-only: resetting the offsets of group " + group
                            + " is refused.");
            assertThatThrownBy(() -> get(readOnly.resetOffsets(plan)))
                    .isInstanceOf(ReadOnlyProfileException.class);
        }
        assertThat(committed()).isEqualTo(Map.of(0, 5L, 1, 5L, 2, 5L));
    }

    @Test
    void theResetServiceRecordsWhatItDidAndWhatItWasRefused() throws Exception {
        List<AuditEntry> entries = new CopyOnWriteArrayList<>();
        AuditLog audit = new AuditLog() {
            @Override
            public void record(AuditEntry entry) {
                entries.add(entry);
            }

            @Override
            public List<AuditEntry> recent(int limit) {
                return entries;
            }
        };
        var reset = new OffsetReset(connection, "sandbox", audit, Clock.systemUTC(), worker);
        OffsetResetPlan plan = get(reset.preview(group, OffsetResetTarget.EARLIEST));

        get(reset.apply(plan));

        assertThat(committed()).isEqualTo(Map.of(0, 0L, 1, 0L, 2, 0L));
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.cluster()).isEqualTo("sandbox");
            assertThat(entry.action()).isEqualTo("reset offsets");
            assertThat(entry.target()).isEqualTo("group " + group);
            assertThat(entry.detail()).isEqualTo("to the earliest offsets\n" + topic + "-0: 5 -> 0\n" + topic
                    + "-1: 5 -> 0\n" + topic + "-2: 5 -> 0");
            assertThat(entry.outcome()).isEqualTo(AuditEntry.SUCCEEDED);
        });
    }

    private void commit(Map<Integer, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        offsets.forEach((partition, offset) -> commits.put(new TopicPartition(topic, partition),
                new OffsetAndMetadata(offset)));
        admin.alterConsumerGroupOffsets(group, commits).all().get(30, TimeUnit.SECONDS);
    }

    private Map<Integer, Long> committed() throws Exception {
        Map<Integer, Long> result = new HashMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                .forEach((tp, offset) -> result.put(tp.partition(), offset.offset()));
        return result;
    }

    /** The stage's value, or what it failed with, unwrapped, so assertions read the operator's sentence. */
    private static <T> T get(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
