package dev.flowdeck.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.lag.ConsumerGroupLag;
import dev.flowdeck.core.lag.PartitionLag;
import dev.flowdeck.sandbox.EmbeddedKafkaBroker;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lag in time against a real broker whose records carry known timestamps, so every age is checked exactly. A quiet
 * broker of its own (not the sandbox's busy one), so that the lookups a round makes can be counted too.
 */
class KafkaTimeLagIT {

    private static final String TOPIC = "aged";
    private static final int PARTITIONS = 4;
    private static final int RECORDS = 20;
    /** Record i of partition p was written p hours and i minutes after this. */
    private static final Instant BASE = Instant.now().minus(Duration.ofHours(12)).truncatedTo(ChronoUnit.SECONDS);
    /** The moment ages are told at. */
    private static final Instant AT = BASE.plus(Duration.ofHours(10));

    private static EmbeddedKafkaBroker broker;
    private static Admin admin;
    private static ExecutorService worker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        worker = Executors.newFixedThreadPool(2);
        admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        produce(TOPIC, PARTITIONS);
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close();
        }
        if (worker != null) {
            worker.shutdownNow();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** Each test sees only its own groups. */
    @AfterEach
    void deleteGroups() throws Exception {
        List<String> groups = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(10, TimeUnit.SECONDS)
                .stream().map(GroupListing::groupId).toList();
        admin.deleteConsumerGroups(groups).all().get(10, TimeUnit.SECONDS);
    }

    @Test
    void eachGroupsOldestWaitingRecordIsTheRecordAtItsCommittedOffsetReadOnceForAll() throws Exception {
        commit("billing", Map.of(tp(0), 5L, tp(1), 0L, tp(2), 19L, tp(3), (long) RECORDS));
        commit("audit", Map.of(tp(0), 5L, tp(1), 7L));

        try (var connection = open(TimeLagBudget.DEFAULT)) {
            Map<String, ConsumerGroupLag> groups = round(connection);

            ConsumerGroupLag billing = groups.get("billing");
            assertThat(billing.members()).isZero();
            assertThat(billing.state()).isEqualTo("Empty");
            assertThat(billing.partitions()).extracting(PartitionLag::oldestUnconsumed).containsExactly(
                    Optional.of(writtenAt(0, 5)), Optional.of(writtenAt(1, 0)), Optional.of(writtenAt(2, 19)),
                    Optional.empty());
            assertThat(billing.partitions()).extracting(partition -> partition.timeLag(AT).orElseThrow()).containsExactly(
                    Duration.ofHours(10).minusMinutes(5), Duration.ofHours(9), Duration.ofHours(8).minusMinutes(19),
                    Duration.ZERO);
            assertThat(billing.maxTimeLag(AT)).contains(Duration.ofMinutes(595));
            assertThat(groups.get("audit").partitions()).extracting(PartitionLag::oldestUnconsumed)
                    .containsExactly(Optional.of(writtenAt(0, 5)), Optional.of(writtenAt(1, 7)));
            // Both groups wait at orders-0@5: one lookup. Partition 3 is caught up: none.
            assertThat(connection.lastTimeLagLookups()).isEqualTo(new TimeLagLookups(4, 0, 4, 4, 0, 0));

            Map<String, ConsumerGroupLag> again = round(connection);

            assertThat(again).isEqualTo(groups);
            assertThat(connection.lastTimeLagLookups()).as("every write time from the cache")
                    .isEqualTo(new TimeLagLookups(4, 4, 0, 0, 0, 0));
        }
    }

    @Test
    void recordsDeletedByRetentionGiveWayToTheFirstRecordStillThere() throws Exception {
        String topic = "trimmed";
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        produce(topic, 1);
        var partition = new TopicPartition(topic, 0);
        commit("archiver", Map.of(partition, 3L));
        // What retention does when it deletes old segments: the log now starts at 10.
        admin.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(10))).all().get(10, TimeUnit.SECONDS);

        try (var connection = open(TimeLagBudget.DEFAULT)) {
            PartitionLag archiver = round(connection).get("archiver").partitions().getFirst();

            assertThat(archiver.committed()).isEqualTo(3);
            assertThat(archiver.lag()).isEqualTo(RECORDS - 3);
            assertThat(archiver.oldestUnconsumed()).contains(writtenAt(0, 10));
        }
    }

    @Test
    void aBudgetTooSmallReadsTheLargestLagFirstAndTheRestLater() throws Exception {
        commit("far-behind", Map.of(tp(0), 2L));
        commit("nearly-there", Map.of(tp(1), 15L));

        try (var connection = open(new TimeLagBudget(1, Duration.ofSeconds(5)))) {
            Map<String, ConsumerGroupLag> first = round(connection);

            assertThat(first.get("far-behind").partitions().getFirst().oldestUnconsumed()).contains(writtenAt(0, 2));
            assertThat(first.get("nearly-there").partitions().getFirst().oldestUnconsumed()).isEmpty();
            assertThat(connection.lastTimeLagLookups()).isEqualTo(new TimeLagLookups(2, 0, 1, 1, 0, 1));

            Map<String, ConsumerGroupLag> second = round(connection);

            assertThat(second.get("nearly-there").partitions().getFirst().oldestUnconsumed())
                    .contains(writtenAt(1, 15));
            assertThat(connection.lastTimeLagLookups()).isEqualTo(new TimeLagLookups(2, 1, 1, 1, 0, 0));
        }
    }

    @Test
    void aReadOnlyProfileTellsAgesAndLeavesEveryGroupAsItWas() throws Exception {
        Map<TopicPartition, Long> offsets = Map.of(tp(0), 4L, tp(1), 9L, tp(2), 0L);
        commit("reporting", offsets);
        var readOnly = ConnectionProfile.kafka("prod-eu", broker.bootstrapServers()).asReadOnly();

        try (var connection = KafkaBrokerConnection.open(readOnly, worker)) {
            Map<String, ConsumerGroupLag> groups = round(connection);

            assertThat(groups.keySet()).containsExactly("reporting");
            assertThat(groups.get("reporting").partitions()).extracting(PartitionLag::oldestUnconsumed)
                    .containsExactly(Optional.of(writtenAt(0, 4)), Optional.of(writtenAt(1, 9)),
                            Optional.of(writtenAt(2, 0)));
        }
        // The reader joined no group and committed nothing.
        assertThat(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(10, TimeUnit.SECONDS))
                .extracting(GroupListing::groupId).containsExactly("reporting");
        Map<TopicPartition, Long> committed = new HashMap<>();
        admin.listConsumerGroupOffsets("reporting").partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                .forEach((tp, offset) -> committed.put(tp, offset.offset()));
        assertThat(committed).isEqualTo(offsets);
    }

    private static KafkaBrokerConnection open(TimeLagBudget budget) {
        return KafkaBrokerConnection.open(ConnectionProfile.kafka("quiet", broker.bootstrapServers()), worker, budget);
    }

    private static Map<String, ConsumerGroupLag> round(KafkaBrokerConnection connection) throws Exception {
        Map<String, ConsumerGroupLag> byName = new HashMap<>();
        connection.consumerGroups().toCompletableFuture().get(30, TimeUnit.SECONDS)
                .forEach(group -> byName.put(group.group(), group));
        return byName;
    }

    private static void commit(String group, Map<TopicPartition, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        offsets.forEach((tp, offset) -> commits.put(tp, new OffsetAndMetadata(offset)));
        admin.alterConsumerGroupOffsets(group, commits).all().get(10, TimeUnit.SECONDS);
    }

    private static void produce(String topic, int partitions) throws Exception {
        try (var producer = new KafkaProducer<byte[], byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (int p = 0; p < partitions; p++) {
                for (int i = 0; i < RECORDS; i++) {
                    producer.send(new ProducerRecord<>(topic, p, writtenAt(p, i).toEpochMilli(), null,
                            ("record " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                }
            }
            producer.flush();
        }
    }

    private static Instant writtenAt(int partition, int record) {
        return BASE.plus(Duration.ofHours(partition)).plus(Duration.ofMinutes(record));
    }

    private static TopicPartition tp(int partition) {
        return new TopicPartition(TOPIC, partition);
    }
}
