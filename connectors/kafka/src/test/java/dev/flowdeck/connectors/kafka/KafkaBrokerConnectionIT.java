package dev.flowdeck.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.TopicSummary;
import dev.flowdeck.sandbox.SandboxCluster;
import dev.flowdeck.sandbox.ShopTopology;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KafkaBrokerConnectionIT {

    private static SandboxCluster sandbox;
    private static ExecutorService worker;
    private static KafkaBrokerConnection connection;

    @BeforeAll
    static void start() {
        sandbox = TestSandbox.get();
        worker = Executors.newSingleThreadExecutor();
        connection = KafkaBrokerConnection.open(
                ConnectionProfile.kafka("sandbox", sandbox.bootstrapServers()), worker);
    }

    @AfterAll
    static void stop() {
        connection.close();
        worker.shutdownNow();
    }

    @Test
    void describesTheClusterWithItsIdAndVersion() {
        var overview = connection.describeCluster().toCompletableFuture().join();

        assertThat(overview.clusterId()).isNotBlank().isNotEqualTo("(none)");
        assertThat(overview.brokerCount()).isEqualTo(1);
        assertThat(overview.version()).isEqualTo(KafkaVersions.describe(
                org.apache.kafka.server.common.MetadataVersion.LATEST_PRODUCTION.featureLevel()));
    }

    @Test
    void listsTopicsWithPartitionsAndTheMessagesABareConsumerSees() {
        List<TopicSummary> all = connection.listDestinations().toCompletableFuture().join().stream()
                .map(TopicSummary.class::cast).toList();
        // Counted right after, so the shop may have added a few: the listing must sit between the two readings.
        Map<String, Long> after = endMinusStart(ShopTopology.allTopics());

        assertThat(all).extracting(TopicSummary::name).isSorted();
        // Other tests share this broker and add topics of their own.
        List<TopicSummary> topics = all.stream().filter(t -> ShopTopology.allTopics().contains(t.name())).toList();
        assertThat(topics).extracting(TopicSummary::name).containsExactlyElementsOf(
                ShopTopology.allTopics().stream().sorted().toList());
        for (TopicSummary topic : topics) {
            assertThat(topic.partitions()).isEqualTo(ShopTopology.PARTITIONS);
            assertThat(topic.replicationFactor()).isEqualTo(1);
            assertThat(topic.messageCount()).as(topic.name()).isLessThanOrEqualTo(after.get(topic.name()));
            // The sandbox keeps everything: no time limit, delete policy.
            assertThat(topic.retentionMs()).isEmpty();
            assertThat(topic.cleanupPolicy()).isEqualTo("delete");
        }
        TopicSummary orders = topics.stream().filter(t -> t.name().equals(ShopTopology.ORDERS)).findFirst().orElseThrow();
        // Each order is a JSON document of a few hundred bytes.
        assertThat(orders.sizeBytes()).isGreaterThan(orders.messageCount() * 100);
        assertThat(topics.stream().filter(t -> t.name().equals(ShopTopology.ORDERS)).findFirst().orElseThrow()
                .messageCount()).isPositive();
    }

    @Test
    void completesOffTheAdminClientThread() {
        String thread = connection.listDestinations()
                .thenApply(topics -> Thread.currentThread().getName())
                .toCompletableFuture().join();
        assertThat(thread).doesNotContain("kafka-admin-client-thread");
    }

    @Test
    void anUnreachableClusterFailsWithASentenceNotAStackTrace() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String address = "127.0.0.1:" + closedPort;
        try (var nowhere = KafkaBrokerConnection.open(ConnectionProfile.kafka("nowhere", address), worker)) {
            assertThatThrownBy(() -> nowhere.listDestinations().toCompletableFuture().get(40, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(BrokerException.class)
                    .hasMessageStartingWith("No answer from " + address)
                    .hasMessageContaining("Check the address");
        }
    }

    @Test
    void aClosedConnectionSaysSo() {
        var closing = KafkaBrokerConnection.open(
                ConnectionProfile.kafka("closing", sandbox.bootstrapServers()), worker);
        closing.close();
        assertThatThrownBy(() -> closing.listDestinations().toCompletableFuture().join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(BrokerException.class).hasMessageContaining("was closed");
    }

    private Map<String, Long> endMinusStart(List<String> topics) {
        try (var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, sandbox.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = new ArrayList<>();
            topics.forEach(t -> {
                for (int p = 0; p < ShopTopology.PARTITIONS; p++) {
                    partitions.add(new TopicPartition(t, p));
                }
            });
            var begin = consumer.beginningOffsets(partitions);
            var end = consumer.endOffsets(partitions);
            Map<String, Long> counts = new java.util.HashMap<>();
            partitions.forEach(tp -> counts.merge(tp.topic(), end.get(tp) - begin.get(tp), Long::sum));
            return counts;
        }
    }
}
