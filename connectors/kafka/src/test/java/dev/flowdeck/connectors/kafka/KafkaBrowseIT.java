package dev.flowdeck.connectors.kafka;

import dev.flowdeck.core.browse.BatchCollector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.browse.MessageFetch;
import dev.flowdeck.core.browse.PartitionOffsets;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.StartPosition;
import dev.flowdeck.core.filter.MessageFilter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Browsing against a real broker, on topics this test fills itself so every expectation is exact: 3 partitions,
 * 30 records each, record i of partition p has key {@code p-i}, value {@code v-p-i} and timestamp BASE + i seconds.
 */
class KafkaBrowseIT {

    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    private static final int PER_PARTITION = 30;

    private static String bootstrap;
    private static Admin admin;
    private static ExecutorService worker;
    private static KafkaBrokerConnection connection;
    private static String topic;

    @BeforeAll
    static void fillTopic() throws Exception {
        bootstrap = TestSandbox.get().bootstrapServers();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        worker = Executors.newFixedThreadPool(2);
        connection = KafkaBrokerConnection.open(ConnectionProfile.kafka("sandbox", bootstrap), worker);
        topic = newTopic(3);
        try (var producer = producer()) {
            for (int p = 0; p < 3; p++) {
                for (int i = 0; i < PER_PARTITION; i++) {
                    producer.send(new ProducerRecord<>(topic, p, BASE.plusSeconds(i).toEpochMilli(), p + "-" + i,
                            "v-" + p + "-" + i));
                }
            }
        }
    }

    @AfterAll
    static void close() {
        connection.close();
        admin.close();
        worker.shutdownNow();
    }

    @Test
    void readsEverythingFromTheBeginningAndCompletes() throws Exception {
        var collector = browse(BrowseRequest.fromBeginning(topic));

        collector.done.get(30, TimeUnit.SECONDS);
        List<BrowsedMessage> messages = collector.messages();
        assertThat(messages).hasSize(3 * PER_PARTITION);
        assertThat(messages).allSatisfy(m -> assertThat(text(m.value())).isEqualTo("v-" + text(m.key())));
        var last = collector.batches.getLast();
        assertThat(last.scanned()).isEqualTo(90);
        assertThat(last.total()).isEqualTo(90);
        // Within a partition, in offset order.
        for (int p = 0; p < 3; p++) {
            int partition = p;
            assertThat(messages.stream().filter(m -> m.partition() == partition).map(BrowsedMessage::offset))
                    .isSorted().hasSize(PER_PARTITION);
        }
    }

    @Test
    void aBrowseAskedForItsRangeFirstSaysItsTotalInAnEmptyBatchBeforeReading() throws Exception {
        // One batch asked for: the range alone must come in it, the messages only after more is asked.
        var collector = new BatchCollector(1);
        connection.browse(new BrowseRequest(topic, new StartPosition.Offset(20), Set.of(), false)
                .sayingRangeFirst()).subscribe(collector);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(collector.batches).hasSize(1));
        MessageBatch range = collector.batches.getFirst();
        assertThat(range.messages()).isEmpty();
        assertThat(range.scanned()).isZero();
        assertThat(range.total()).isEqualTo(3 * 10);

        collector.request(Long.MAX_VALUE);
        collector.done.get(30, TimeUnit.SECONDS);
        assertThat(collector.messages()).hasSize(3 * 10);
        assertThat(collector.batches.getLast().scanned()).isEqualTo(30);
    }

    @Test
    void readsOnlyTheChosenPartitionsFromAnOffset() throws Exception {
        var collector = browse(new BrowseRequest(topic, new StartPosition.Offset(25), Set.of(1), false));

        collector.done.get(30, TimeUnit.SECONDS);
        assertThat(collector.messages()).extracting(m -> text(m.key()))
                .containsExactly("1-25", "1-26", "1-27", "1-28", "1-29");
    }

    @Test
    void theLastNAreTheNewestNInAll() throws Exception {
        var collector = browse(new BrowseRequest(topic, new StartPosition.LastN(10), Set.of(), false));

        collector.done.get(30, TimeUnit.SECONDS);
        assertThat(collector.messages()).hasSize(10)
                .allSatisfy(m -> assertThat(m.offset()).isGreaterThanOrEqualTo(PER_PARTITION - 4));
    }

    @Test
    void stopsAtTheLimit() throws Exception {
        var collector = browse(BrowseRequest.fromBeginning(topic).limitedTo(40));

        collector.done.get(30, TimeUnit.SECONDS);
        assertThat(collector.messages()).hasSize(40);
        assertThat(collector.batches.getLast().matched()).isEqualTo(40);
        // A poll may read past the limit: those count as scanned, never as delivered.
        assertThat(collector.batches.getLast().scanned()).isBetween(40L, 90L);
        assertThat(collector.batches.getLast().total()).isEqualTo(40);
    }

    @Test
    void aFilterRunsWhereRecordsAreReadAndProgressCountsEverythingScanned() throws Exception {
        var collector = browse(BrowseRequest.fromBeginning(topic).filteredBy(MessageFilter.Regex.of("^v-1-2")));

        collector.done.get(30, TimeUnit.SECONDS);
        assertThat(collector.messages()).extracting(m -> text(m.value()))
                .containsExactlyInAnyOrder("v-1-2", "v-1-20", "v-1-21", "v-1-22", "v-1-23", "v-1-24", "v-1-25",
                        "v-1-26", "v-1-27", "v-1-28", "v-1-29");
        var last = collector.batches.getLast();
        assertThat(last.scanned()).isEqualTo(90);
        assertThat(last.matched()).isEqualTo(11);
        assertThat(last.total()).isEqualTo(90);
    }

    @Test
    void aScanThatFindsNothingStillEndsWithItsTally() throws Exception {
        var collector = browse(BrowseRequest.fromBeginning(topic).filteredBy(MessageFilter.Regex.of("no such value")));

        collector.done.get(30, TimeUnit.SECONDS);
        assertThat(collector.messages()).isEmpty();
        var last = collector.batches.getLast();
        assertThat(last.scanned()).isEqualTo(90);
        assertThat(last.matched()).isZero();
        assertThat(last.total()).isEqualTo(90);
    }

    @Test
    void theLastBatchCountsEveryRecordScannedEvenWhenTheLastOnesDoNotMatch() throws Exception {
        // Small polls: the polls after the one match find nothing, and end before a progress report is due.
        var small = KafkaBrokerConnection.open(
                ConnectionProfile.kafka("small-polls", bootstrap)
                        .withProperties(Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "7")), worker);
        try (small) {
            var collector = BatchCollector.unbounded();
            small.browse(BrowseRequest.fromBeginning(topic).filteredBy(MessageFilter.Regex.of("^v-0-0$")))
                    .subscribe(collector);

            collector.done.get(30, TimeUnit.SECONDS);
            assertThat(collector.messages()).extracting(m -> text(m.value())).containsExactly("v-0-0");
            var last = collector.batches.getLast();
            assertThat(last.scanned()).isEqualTo(3 * PER_PARTITION);
            assertThat(last.matched()).isEqualTo(1);
        }
    }

    @Test
    void aKeySearchReadsOnlyThePartitionTheKeyGoesToAndSaysSo() throws Exception {
        String keyed = newTopic(3);
        try (var producer = producer()) {
            for (int i = 0; i < 60; i++) {
                producer.send(new ProducerRecord<>(keyed, "ord-" + (i % 20), "event " + i)); // default partitioner
            }
        }
        var partitionOfKey = new java.util.concurrent.atomic.AtomicInteger(-1);
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            var partitions = List.of(new TopicPartition(keyed, 0), new TopicPartition(keyed, 1),
                    new TopicPartition(keyed, 2));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.key().equals("ord-7")) {
                        partitionOfKey.set(record.partition());
                    }
                });
                return partitionOfKey.get() >= 0;
            });
            long inThatPartition = consumer.endOffsets(List.of(new TopicPartition(keyed, partitionOfKey.get())))
                    .values().iterator().next();

            var collector = browse(BrowseRequest.fromBeginning(keyed).filteredBy(MessageFilter.KeyEquals.text("ord-7")));
            collector.done.get(30, TimeUnit.SECONDS);

            assertThat(collector.messages()).hasSize(3).allSatisfy(m -> {
                assertThat(text(m.key())).isEqualTo("ord-7");
                assertThat(m.partition()).isEqualTo(partitionOfKey.get());
            });
            assertThat(collector.batches.getLast().scanned()).isEqualTo(inThatPartition).isLessThan(60);
            assertThat(collector.batches.getFirst().notes()).singleElement().asString()
                    .startsWith("Searched partition " + partitionOfKey.get() + " only");
        }
    }

    @Test
    void aLimitCountsMatches() throws Exception {
        // Partitions named: the key search then reads them all (this topic's records were placed by hand).
        var collector = browse(BrowseRequest.fromBeginning(topic).onlyPartitions(Set.of(0, 1, 2))
                .filteredBy(MessageFilter.KeyEquals.text("2-7")).limitedTo(1));

        collector.done.get(30, TimeUnit.SECONDS);
        assertThat(collector.messages()).extracting(m -> text(m.key())).containsExactly("2-7");
    }

    @Test
    void startsAtATimestamp() throws Exception {
        var collector = browse(new BrowseRequest(topic, new StartPosition.Timestamp(BASE.plusSeconds(27)),
                Set.of(), false));

        collector.done.get(30, TimeUnit.SECONDS);
        assertThat(collector.messages()).hasSize(9)
                .allSatisfy(m -> assertThat(m.timestamp()).isAfterOrEqualTo(BASE.plusSeconds(27)));
    }

    @Test
    void readsNoMoreBatchesThanRequested() throws Exception {
        var small = KafkaBrokerConnection.open(
                ConnectionProfile.kafka("small-polls", bootstrap)
                        .withProperties(Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "7")), worker);
        try (small) {
            var collector = new BatchCollector(1);
            small.browse(BrowseRequest.fromBeginning(topic)).subscribe(collector);

            await().atMost(Duration.ofSeconds(20)).until(() -> collector.batches.size() == 1);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                    .until(() -> collector.batches.size() == 1);
            assertThat(collector.batches.getFirst().messages()).hasSizeLessThanOrEqualTo(7);

            collector.request(Long.MAX_VALUE);
            collector.done.get(30, TimeUnit.SECONDS);
            assertThat(collector.messages()).hasSize(3 * PER_PARTITION);
        }
    }

    @Test
    void aFilteredScanInSmallPollsKeepsReadOrderAndTheSubscribersDemand() throws Exception {
        // Polls of 3 records, so many batches are filtered on the pool at once and may finish out of order.
        var small = KafkaBrokerConnection.open(
                ConnectionProfile.kafka("tiny-polls", bootstrap)
                        .withProperties(Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "3")), worker);
        try (small) {
            var collector = new BatchCollector(1);
            small.browse(BrowseRequest.fromBeginning(topic).filteredBy(MessageFilter.Regex.of("^v-[0-2]-[0-9]*[02468]$")))
                    .subscribe(collector);

            await().atMost(Duration.ofSeconds(20)).until(() -> collector.batches.size() == 1);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                    .until(() -> collector.batches.size() == 1);

            collector.request(Long.MAX_VALUE);
            collector.done.get(30, TimeUnit.SECONDS);
            List<BrowsedMessage> messages = collector.messages();
            assertThat(messages).hasSize(3 * PER_PARTITION / 2);
            for (int p = 0; p < 3; p++) {
                int partition = p;
                assertThat(messages.stream().filter(m -> m.partition() == partition).map(BrowsedMessage::offset))
                        .isSorted().hasSize(PER_PARTITION / 2);
            }
            assertThat(collector.batches.stream().map(MessageBatch::scanned)).isSorted();
            assertThat(collector.batches.getLast().scanned()).isEqualTo(3 * PER_PARTITION);
            assertThat(collector.batches.getLast().matched()).isEqualTo(3 * PER_PARTITION / 2);
        }
    }

    @Test
    void aLiveTailSeesNewRecordsAndCancelStopsIt() throws Exception {
        String live = newTopic(1);
        var collector = browse(new BrowseRequest(live, new StartPosition.Latest(), Set.of(), true));
        try (var producer = producer()) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                producer.send(new ProducerRecord<>(live, "k", "while-tailing")).get();
                assertThat(collector.messages()).isNotEmpty();
            });

            collector.cancel();
            int seen = collector.batches.size();
            for (int i = 0; i < 20; i++) {
                producer.send(new ProducerRecord<>(live, "k", "after-cancel")).get();
            }
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> collector.batchesAfterCancel.get() == 0);
            assertThat(collector.batches.size()).isLessThanOrEqualTo(seen + 1);
            assertThat(collector.done).isNotDone();
        }
    }

    @Test
    void browsingNeverTouchesAGroupsOffsets() throws Exception {
        String group = "idle-" + UUID.randomUUID();
        var partition = new TopicPartition(topic, 0);
        try (var member = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            member.commitSync(Map.of(partition, new OffsetAndMetadata(5)));
        }
        var groupsBefore = groupIds();

        browse(BrowseRequest.fromBeginning(topic)).done.get(30, TimeUnit.SECONDS);
        browse(new BrowseRequest(topic, new StartPosition.LastN(3), Set.of(0), false)).done.get(30, TimeUnit.SECONDS);

        assertThat(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS))
                .isEqualTo(Map.of(partition, new OffsetAndMetadata(5)));
        assertThat(groupIds()).as("browsing created no group").isEqualTo(groupsBefore);
    }

    @Test
    void anUnknownTopicOrPartitionIsAPlainError() {
        assertThatThrownBy(() -> browse(BrowseRequest.fromBeginning("no-such-topic")).done.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(BrokerException.class)
                .hasMessage("Topic 'no-such-topic' does not exist on " + bootstrap + ".");
        assertThatThrownBy(() -> browse(BrowseRequest.fromBeginning(topic).onlyPartitions(Set.of(7)))
                .done.get(30, TimeUnit.SECONDS))
                .cause().hasMessage("Topic '" + topic + "' has no partition [7]; it has 3.");
    }

    @Test
    void anEmptyRangeCompletesAtOnce() throws Exception {
        var collector = browse(new BrowseRequest(newTopic(2), new StartPosition.Earliest(), Set.of(), false));

        collector.done.get(30, TimeUnit.SECONDS);
        assertThat(collector.batches).isEmpty();
    }

    @Test
    void saysEachPartitionsRange() throws Exception {
        List<PartitionOffsets> ranges = connection.partitionOffsets(topic).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);

        assertThat(ranges).containsExactly(new PartitionOffsets(0, 0, PER_PARTITION),
                new PartitionOffsets(1, 0, PER_PARTITION), new PartitionOffsets(2, 0, PER_PARTITION));
        assertThatThrownBy(() -> connection.partitionOffsets("no-such-topic").toCompletableFuture()
                .get(30, TimeUnit.SECONDS))
                .cause().isInstanceOf(BrokerException.class).hasMessageContaining("no-such-topic");
    }

    @Test
    void fetchesOneMessageAgainByItsCoordinates() throws Exception {
        Optional<BrowsedMessage> fetched = MessageFetch.at(connection, topic, 2, 17).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);

        assertThat(fetched).get().satisfies(m -> {
            assertThat(text(m.key())).isEqualTo("2-17");
            assertThat(m.offset()).isEqualTo(17);
        });
        assertThat(MessageFetch.at(connection, topic, 2, PER_PARTITION + 5).toCompletableFuture()
                .get(30, TimeUnit.SECONDS)).isEmpty();
    }

    private static BatchCollector browse(BrowseRequest request) {
        var collector = BatchCollector.unbounded();
        connection.browse(request).subscribe(collector);
        return collector;
    }

    private static Set<String> groupIds() throws Exception {
        return admin.listGroups().all().get(10, TimeUnit.SECONDS).stream()
                .map(listing -> listing.groupId()).collect(java.util.stream.Collectors.toSet());
    }

    private static String newTopic(int partitions) throws Exception {
        String name = "browse-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        return name;
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
